export { containsSecret, mayHoldSecret, redactSecrets, redactShown } from './redact.js';
export { applyFindings, mergeFindings, type Finding } from './finding.js';
export { kindOf } from './kinds.js';
export { findSecretsInSessionText, redactSessionText, sessionSecretKinds, unescapeForSecrets, type SessionSecret } from './escaped.js';
