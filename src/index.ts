/**
 * git-session as a library: the pure core, text in and data out, usable without the
 * CLI (an editor extension, a bot, another hook manager). Nothing here touches the
 * file system, git or the clock.
 */
export { ExitCode, GitSessionError, type ExitCodeValue } from './errors.js';
export {
  CONFIG_FILE,
  DEAD_END_ALIASES,
  DEFAULT_CONFIG,
  parseConfig,
  renderDefaultConfig,
  type Config,
  type PromptMode,
} from './core/config.js';
export {
  addDeadEnd,
  addDecision,
  addKeyFile,
  getDeadEnds,
  getDecisions,
  getGoal,
  getKeyFiles,
  getNextSteps,
  getStatus,
  parseSession,
  publicText,
  setStatus,
  splitItemReason,
  TEMPLATE_SECTIONS,
  type SectionKind,
  type SessionDoc,
  type SessionItem,
  type SessionSection,
} from './core/session/index.js';
export {
  appendTrailers,
  formatTrailer,
  joinReason,
  parseTrailers,
  sanitizeValue,
  splitReason,
  type Trailer,
} from './core/trailers/index.js';
export { containsSecret, findSecretsInSessionText, redactSecrets, type Finding, type SessionSecret } from './core/redact/index.js';
export { sanitiseText, type SanitiseOptions } from './core/text/sanitise.js';
export { parseEntries, renderEntry, type JournalEntry, type JournalFile } from './core/journal/entry.js';
