import { ENTRY_HEADING, ENTRY_ID_PREFIX, formatLocalTime, parseGitDate, parseLocalTime, renderEntry } from '../journal/entry.js';
import { ended } from '../journal/tail.js';

/** A journal text cut into what precedes the first entry and the entries, each from its heading to the next. */
export interface JournalParts {
  prelude: string;
  entries: string[];
}

/** Cuts a journal into entries. Every byte lands in exactly one part: `prelude + entries.join('')` is the text. */
export function splitJournal(text: string): JournalParts {
  const starts: number[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(at, end).replace(/\r$/, '');
    if (ENTRY_HEADING.test(line)) starts.push(at);
    at = end + 1;
  }
  if (starts.length === 0) return { prelude: text, entries: [] };
  const entries = starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
  return { prelude: text.slice(0, starts[0]), entries };
}

/** The entry's `- Entry: <id>` value, if it has one. */
export function entryId(entry: string): string | undefined {
  for (const raw of entry.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith(ENTRY_ID_PREFIX)) return line.slice(ENTRY_ID_PREFIX.length).trim() || undefined;
  }
  return undefined;
}

/** An entry's text without its line endings' differences and its closing blank lines. */
const entryBody = (entry: string): string => entry.replace(/\r\n/g, '\n').trimEnd();

/**
 * What makes two entries the same entry: the id when there is one, else the whole
 * text (line endings and trailing blank lines aside). Two old entries without ids
 * that are identical byte for byte cannot be told apart by anyone, so they count once.
 */
export function entryIdentity(entry: string): string {
  const id = entryId(entry);
  return id === undefined ? `text:${entryBody(entry)}` : `id:${id}`;
}

/** The instant an entry's heading names, in ms; -Infinity when it names none. */
export function headingTime(entry: string): number {
  const line = entry.slice(0, entry.indexOf('\n') === -1 ? entry.length : entry.indexOf('\n')).replace(/\r$/, '');
  const m = ENTRY_HEADING.exec(line);
  return (m && parseLocalTime(m[1]!)?.getTime()) ?? Number.NEGATIVE_INFINITY;
}

function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** The entry ending in one blank line, so that the next one starts a paragraph of its own. */
export function closed(entry: string, eol: string): string {
  if (entry.endsWith(`${eol}${eol}`) || entry.endsWith('\n\n') || entry.endsWith('\r\n\r\n')) return entry;
  if (entry.endsWith('\n')) return entry + eol;
  return entry + eol + eol;
}

/** A merged journal, and the ids of the entries both sides edited apart: ours' text is kept for those. */
export interface MergedJournal {
  text: string;
  editedOnBothSides: string[];
}

/**
 * Each entry by its id, for the ids the text holds once: an id that repeats (an entry
 * copied by hand) does not say which copy another version's entry is.
 */
function byId(entries: readonly string[]): Map<string, string | undefined> {
  const map = new Map<string, string | undefined>();
  for (const e of entries) {
    const id = entryId(e);
    if (id !== undefined) map.set(id, map.has(id) ? undefined : e);
  }
  return map;
}

/**
 * Merges three versions of a journal file (the base, ours, theirs): every entry of
 * ours in ours' order, plus each entry theirs added since the base that ours lacks,
 * placed by its heading's time after ours' entries of the same minute, in theirs'
 * order. Nothing is ever deleted: the journal is a log, so an entry theirs dropped (a
 * revert, a reset) stays. An entry theirs holds from before the base is not brought
 * in: when a rebase or a cherry-pick picks a commit, theirs is the picked commit's
 * journal and the base its parent's, so the pick brings its own entry and never one of
 * a commit left out or not picked yet. Text before the first entry is ours. Entries
 * are compared whole, so two entries are never glued together and none loses a line
 * that another shares.
 *
 * An entry with an id that one side edited since the base (a typo mended, a secret
 * taken out by hand) and the other did not takes the edited text, as a line merge
 * would: keeping ours' unedited copy would quietly undo theirs'. One both sides edited,
 * each its own way, keeps ours' text and is named in `editedOnBothSides`, so the
 * person can carry the other edit over.
 */
export function mergeJournal(base: string, ours: string, theirs: string): MergedJournal {
  const o = splitJournal(ours);
  const b = splitJournal(base);
  const t = splitJournal(theirs);
  const eol = eolOf(ours.includes('\n') ? ours : theirs);
  const baseById = byId(b.entries);
  const theirsById = byId(t.entries);
  const editedOnBothSides: string[] = [];
  const oursById = byId(o.entries);
  const own = o.entries.map((e) => {
    const id = entryId(e);
    if (id === undefined || oursById.get(id) === undefined) return e;
    const was = baseById.get(id);
    const now = theirsById.get(id);
    if (was === undefined || now === undefined || entryBody(now) === entryBody(was) || entryBody(now) === entryBody(e)) return e;
    if (entryBody(e) !== entryBody(was)) {
      editedOnBothSides.push(id);
      return e;
    }
    // Theirs' lines in ours' line endings, ending as ours' copy did.
    return entryBody(now).replace(/\n/g, eol) + /(?:\r?\n)*$/.exec(e)![0];
  });
  const known = new Set([...o.entries, ...b.entries].map(entryIdentity));
  const added: string[] = [];
  for (const entry of t.entries) {
    const id = entryIdentity(entry);
    if (known.has(id)) continue;
    known.add(id);
    added.push(entry);
  }
  if (added.length === 0 && own.every((e, i) => e === o.entries[i])) return { text: ours, editedOnBothSides };
  // A heading names the minute only: same-minute entries keep each side's order (the sort is stable).
  added.sort((x, y) => headingTime(x) - headingTime(y) || 0);
  const result = [...own];
  for (const entry of added) {
    const time = headingTime(entry);
    const at = result.findIndex((e) => headingTime(e) > time);
    result.splice(at === -1 ? result.length : at, 0, entry);
  }
  // Only a junction that needs a blank line gets one; the last entry keeps its own ending
  // when it is ours, and ends with one newline when it is one of theirs.
  const body = result.map((e, i) => (i < result.length - 1 ? closed(e, eol) : own.includes(e) ? e : ended(e, eol)));
  const prelude = o.prelude === '' || o.prelude.endsWith('\n') ? o.prelude : o.prelude + eol + eol;
  return { text: prelude + body.join(''), editedOnBothSides };
}

/**
 * The one line the merge driver prints for entries both sides edited apart. An id is a
 * file's text: only a plain one is shown.
 */
export function editedOnBothSidesNote(ids: readonly string[], path: string): string {
  const shown = ids.map((id) => (/^[\w-]{1,40}$/.test(id) ? id : '(an id not shown)'));
  const which = shown.length === 1 ? `entry ${shown[0]}` : `entries ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return `git-session: both sides edited journal ${which} in ${path}, each its own way: HEAD's text is kept (in a rebase, HEAD is the branch rebased onto). If the other edit matters, make it again in ${path}.\n`;
}

/** The entries of `base` that `theirs` no longer has: during a revert, the reverted commit's. */
export function droppedEntries(base: string, theirs: string): string[] {
  const kept = new Set(splitJournal(theirs).entries.map(entryIdentity));
  return splitJournal(base).entries.filter((e) => !kept.has(entryIdentity(e)));
}

/** What a revert entry says: the commit it reverted, and who reverted it when. */
export interface RevertNote {
  commit: string;
  subject: string;
  branch: string;
  author: string;
  /** `@<seconds> <zone>`. */
  date: string;
  /** The new entry's identity. */
  id: string;
}

/**
 * The revert's own entry: it names the reverted commit. Undefined when the note's
 * date is not one git writes. The merge driver and the pre-commit that repairs a
 * revert git merged without a driver both write this one shape.
 */
export function revertEntry(note: RevertNote, eol = '\n'): string | undefined {
  const when = parseGitDate(note.date);
  if (!when) return undefined;
  return renderEntry(
    {
      time: formatLocalTime(when.instant, when.offsetMinutes),
      kind: 'commit',
      branch: note.branch,
      author: note.author,
      decisions: [],
      deadEnds: [],
      files: [],
      reverts: `${note.commit.slice(0, 12)} ${note.subject}`,
      id: note.id,
    },
    eol,
  );
}

/**
 * Appends the revert's own entry to a merged journal: a revert runs no pre-commit
 * hook, so this is where it gets one. It names the reverted commit; the reverted
 * commit's entry stays where it was (see `mergeJournal`).
 */
export function withRevertEntry(merged: string, note: RevertNote): string {
  const eol = eolOf(merged);
  const entry = revertEntry(note, eol);
  if (entry === undefined) return merged;
  if (merged === '') return entry;
  return closed(merged, eol) + entry;
}
