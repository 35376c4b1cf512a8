export { containsSecret, mayHoldSecret, redactSecrets, redactShown } from './redact.js';
export { redactedPath } from './redacted-path.js';
export { applyFindings, mergeFindings, type Finding } from './finding.js';
export { kindOf } from './kinds.js';
export { findSecretsInSessionText, mayHoldSessionSecret, redactSessionText, sessionSecretKinds, unescapeForSecrets, type SessionSecret } from './escaped.js';
export { shownSessionText, shownSessionTexts } from './shown-session-texts.js';
