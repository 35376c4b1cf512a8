import { redactSecrets } from '../redact/index.js';
import { getDeadEnds, getDecisions, getGoal, getKeyFiles, getStatus, parseSession, publicText } from '../session/index.js';
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

async function redact(text: string | null): Promise<string | null> {
  return text ? (await redactSecrets(text)).text : text;
}

async function redactEntries(list: readonly { text: string; reason: string | null }[]): Promise<SessionEntry[]> {
  const out: SessionEntry[] = [];
  for (const e of list) {
    // The accessors already return entries as typed (markdown escapes undone).
    out.push({ text: (await redact(e.text)) ?? '', reason: await redact(e.reason) });
  }
  return out;
}

/**
 * Parses and redacts a session file's text. This module pulls in the markdown parser
 * and the secret scanner: the hooks import it only when the cache has no summary for
 * the staged blob. A file the parser refuses throws (its error names `file`).
 */
export async function summarizeSession(source: string, file: string): Promise<SessionSummary> {
  const doc = parseSession(source, file);
  // The accessors leave private sections and items out; a second parse of the public
  // text is needed only where private markers, or a private subsection, sit inside another section.
  const nested = doc.sections.some(
    (p) => p.kind === 'private' && doc.sections.some((o) => o.kind !== 'private' && o.start < p.start && p.end <= o.end),
  );
  const open = nested || /<!--\s*private/i.test(source) ? parseSession(publicText(doc), file) : doc;
  const found = await redactSecrets(source);
  return {
    goal: await redact(getGoal(open)),
    status: await redact(getStatus(open)),
    keyFiles: getKeyFiles(open).map((k) => k.path),
    decisions: await redactEntries(getDecisions(open)),
    deadEnds: await redactEntries(getDeadEnds(open)),
    secretKinds: found.findings.map((f) => f.kind),
  };
}
