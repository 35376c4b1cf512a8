import type { JournalEntry } from '../journal/entry.js';
import { redactShown } from '../redact/index.js';
import type { CommitRecord, JournalByCommit } from '../report/types.js';

/**
 * Commits and journal entries with every text a person wrote redacted, as every
 * reader shows them: trailers and entries were redacted when git-session wrote
 * them, but a hand-written message or a hand-edited journal may not have been.
 * Each text is redacted as the page will show it, sanitised first (scriptSafeJson
 * cleans it again, for every field): a secret with a control character inside would
 * otherwise be missed here and shown whole once the page drops the character.
 * Hashes, dates and file paths are kept as they are. Each distinct text is
 * redacted once, one after the other: a long history repeats its names, and a
 * promise per string of 100,000 commits costs more than the scan itself.
 */
export async function redactHistory(
  commits: readonly CommitRecord[],
  journal: JournalByCommit,
): Promise<{ commits: CommitRecord[]; journal: Map<string, JournalEntry[]> }> {
  const texts = new Map<string, string>();
  const note = (s: string | undefined) => {
    if (s !== undefined && s !== '') texts.set(s, s);
  };
  for (const c of commits) {
    [c.subject, c.authorName, c.authorEmail, ...c.decisions, ...c.deadEnds].forEach(note);
  }
  for (const entries of journal.values()) {
    for (const e of entries) [e.branch, e.author, e.goal, e.status, ...e.decisions, ...e.deadEnds].forEach(note);
  }
  for (const text of texts.keys()) texts.set(text, await redactShown(text));
  const r = (s: string) => texts.get(s) ?? s;
  const ro = (s: string | undefined) => (s === undefined ? undefined : r(s));
  return {
    commits: commits.map((c) => ({
      ...c,
      subject: r(c.subject),
      authorName: r(c.authorName),
      authorEmail: r(c.authorEmail),
      decisions: c.decisions.map(r),
      deadEnds: c.deadEnds.map(r),
    })),
    journal: new Map(
      [...journal].map(([hash, entries]) => [
        hash,
        entries.map((e) => ({
          ...e,
          branch: r(e.branch),
          author: r(e.author),
          ...(e.goal === undefined ? {} : { goal: ro(e.goal) }),
          ...(e.status === undefined ? {} : { status: ro(e.status) }),
          decisions: e.decisions.map(r),
          deadEnds: e.deadEnds.map(r),
        })),
      ]),
    ),
  };
}
