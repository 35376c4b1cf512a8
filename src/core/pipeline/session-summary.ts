import { sessionSecretKinds } from '../redact/index.js';
import { getDeadEnds, getDecisions, getGoal, getKeyFiles, getStatus, parseSession, readsThroughMask } from '../session/index.js';
import { bulletAnchors, type BulletAnchor } from './bullet-anchors.js';
import { redactEntries, redactText } from './redact-entries.js';
import type { SessionEntry } from './session-diff.js';

/**
 * Everything the commit pipeline reads from one version of the session file, ready to
 * leave it: private parts left out, secret-looking spans redacted.
 */
export interface SessionSummary {
  goal: string | null;
  status: string | null;
  keyFiles: string[];
  decisions: SessionEntry[];
  deadEnds: SessionEntry[];
  /** Kinds of secrets found anywhere in the file (for the commit's warning). */
  secretKinds: string[];
}

/**
 * Parses and redacts a session file's text, and finds the lines after which a
 * hand-typed plain bullet can be read without the parser (see appendedSummary). This
 * module pulls in the markdown parser and the secret scanner: the hooks import it only
 * when the cache cannot answer. A file the parser refuses throws (its error names `file`).
 */
export async function summarizeWithAnchors(source: string, file: string): Promise<{ summary: SessionSummary; anchors: BulletAnchor[] }> {
  // The accessors leave private sections, subsections and regions out themselves.
  const open = parseSession(source, file);
  const summary: SessionSummary = {
    goal: await redactText(getGoal(open)),
    status: await redactText(getStatus(open)),
    keyFiles: getKeyFiles(open).map((k) => k.path),
    decisions: await redactEntries(getDecisions(open)),
    deadEnds: await redactEntries(getDeadEnds(open)),
    // As written and as a renderer shows it: a token split by a zero-width space or escaped as ghp\_ counts.
    secretKinds: await sessionSecretKinds(source),
  };
  // Anchors are line positions in the source: none when readers see a masked copy.
  return { summary, anchors: readsThroughMask(open) ? [] : bulletAnchors(open) };
}

/** Parses and redacts a session file's text (see {@link summarizeWithAnchors}). */
export async function summarizeSession(source: string, file: string): Promise<SessionSummary> {
  return (await summarizeWithAnchors(source, file)).summary;
}
