export { containsSecret, redactSecrets } from './redact.js';
export { applyFindings, mergeFindings, type Finding } from './finding.js';
export { kindOf } from './kinds.js';
