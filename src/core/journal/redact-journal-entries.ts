import { shownSessionTexts } from '../redact/index.js';
import type { JournalEntry } from './entry.js';

/** Every text of an entry a person could have written: all but its time and kind, which the heading's pattern admits only as such. */
function textsOf(e: JournalEntry): (string | undefined)[] {
  return [e.branch, e.author, e.goal, e.status, e.sincePrevious, e.reverts, e.id, ...e.decisions, ...e.deadEnds, ...e.files.map((f) => f.path)];
}

/**
 * Journal entries as the readers show them, changed in place: every text on one line
 * without terminal control, its secrets redacted as a session file's items are (also
 * one hidden by an escape). The commit hook writes entries redacted, but a journal
 * edited by hand and committed without the hooks holds whatever was typed. Branches,
 * authors, goals and file names repeat over a history: each distinct text is judged once.
 */
export async function redactJournalEntries(entries: Iterable<JournalEntry>): Promise<void> {
  const list = [...entries];
  if (list.length === 0) return;
  const texts = new Set<string>();
  for (const e of list) for (const t of textsOf(e)) if (t !== undefined) texts.add(t);
  const shown = await shownSessionTexts(texts);
  const r = (t: string) => shown.get(t) ?? t;
  for (const e of list) {
    e.branch = r(e.branch);
    e.author = r(e.author);
    if (e.goal !== undefined) e.goal = r(e.goal);
    if (e.status !== undefined) e.status = r(e.status);
    if (e.sincePrevious !== undefined) e.sincePrevious = r(e.sincePrevious);
    if (e.reverts !== undefined) e.reverts = r(e.reverts);
    if (e.id !== undefined) e.id = r(e.id);
    e.decisions = e.decisions.map(r);
    e.deadEnds = e.deadEnds.map(r);
    for (const f of e.files) f.path = r(f.path);
  }
}
