import type { JournalEntry } from '../journal/entry.js';
import { redactDeep } from '../report/redact-deep.js';
import type { CommitRecord, JournalByCommit } from '../report/types.js';

/**
 * Commits and journal entries with every text a person wrote redacted, as every
 * reader shows them: trailers and entries were redacted when git-session wrote
 * them, but a hand-written message or a hand-edited journal may not have been.
 * Hashes, dates and file paths are kept as they are.
 */
export async function redactHistory(
  commits: readonly CommitRecord[],
  journal: JournalByCommit,
): Promise<{ commits: CommitRecord[]; journal: Map<string, JournalEntry[]> }> {
  const texts = await redactDeep(
    commits.map((c) => ({ subject: c.subject, authorName: c.authorName, authorEmail: c.authorEmail, decisions: c.decisions, deadEnds: c.deadEnds })),
  );
  const hashes = [...journal.keys()];
  const entries = await redactDeep(
    hashes.map((h) => journal.get(h)!),
    ['time', 'kind', 'files', 'sincePrevious'],
  );
  return {
    commits: commits.map((c, i) => ({ ...c, ...texts[i]! })),
    journal: new Map(hashes.map((h, i) => [h, entries[i]!])),
  };
}
