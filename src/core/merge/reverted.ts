import { ended, journalEol } from '../journal/tail.js';
import { closed, droppedEntries, entryIdentity, headingTime, revertEntry, splitJournal } from './journal.js';

/** The line git writes into a revert's message, naming the reverted commit in full. */
const REVERTS = /^This reverts commit ([0-9a-f]{40}(?:[0-9a-f]{24})?)\b/m;

/** The full id a commit message says it reverts; undefined for any other message. */
export function revertedCommit(message: string): string | undefined {
  return REVERTS.exec(message)?.[1];
}

/** A revert commit of the chain at HEAD, before its journal files are read. */
export interface RevertLink {
  /** The revert commit, full id. */
  revert: string;
  /** The commit it reverted, full id. */
  commit: string;
  /** `Name <email>` of the revert's author. */
  author: string;
  /** The revert's author date as git exports it to hooks: `@<seconds> <zone>`. */
  date: string;
}

/** Separates the records of `REVERT_CHAIN_FORMAT`. */
const RECORD = '\x1e';
/** `git log --date=raw` format for `parseRevertChain`. */
export const REVERT_CHAIN_FORMAT = `${RECORD}%H%x1f%an <%ae>%x1f%ad%x1f%B`;

/**
 * The reverts at the tip of a first-parent `git log --date=raw --format=REVERT_CHAIN_FORMAT`
 * (newest first): every commit up to the first that reverts nothing. Returned oldest first,
 * the order in which they were made.
 */
export function parseRevertChain(output: string): RevertLink[] {
  const chain: RevertLink[] = [];
  for (const record of output.split(RECORD).slice(1)) {
    const [revert, author, date, body = ''] = record.split('\x1f');
    const commit = revertedCommit(body);
    if (!revert || !author || !date || !commit) break;
    chain.push({ revert: revert.trim(), commit, author, date: `@${date.trim()}` });
  }
  return chain.reverse();
}

/** The subject of a raw commit object (`git cat-file commit`): its first paragraph on one line, as `%s` shows it. */
export function commitSubject(object: string): string {
  const start = object.indexOf('\n\n');
  if (start < 0) return '';
  const message = object.slice(start + 2);
  const end = message.search(/\n[ \t]*\n/);
  return (end < 0 ? message : message.slice(0, end)).trim().replace(/\s*\n\s*/g, ' ');
}

/** One revert commit and what it did to the journal files. */
export interface RevertedJournal extends RevertLink {
  /** The reverted commit's subject. */
  subject: string;
  /** Each journal file the revert changed: its text in the revert's parent and in the revert ('' where absent). */
  files: { path: string; before: string; after: string }[];
}

/** What restoring the entries reverts dropped changes. */
export interface RestoredJournal {
  /** The journal files whose text changes, by path, with their new text. */
  files: Map<string, string>;
  /**
   * The text (without its closing blank lines) of every entry the reverts dropped and
   * of their revert entries, whether put in now or already there: whoever replaces
   * entries staged after HEAD's journal must leave these alone.
   */
  kept: Set<string>;
}

/** A journal text again from its parts: every entry but a last one of the text's own ends in a blank line. */
function joined(prelude: string, entries: readonly string[], own: ReadonlySet<string>, eol: string): string {
  const body = entries.map((e, i) => (i < entries.length - 1 ? closed(e, eol) : own.has(e) ? e : ended(e, eol)));
  const head = prelude === '' || prelude.endsWith('\n') ? prelude : prelude + eol + eol;
  return head + body.join('');
}

/**
 * `dropped` put back into `text` where they stood in `before`: each right after the
 * nearest entry that preceded it there and that `text` still has (at the top when
 * none does). Entries `text` already has are left alone.
 */
function putBack(text: string, before: string, dropped: readonly string[]): string {
  const parts = splitJournal(text);
  const list = [...parts.entries];
  const has = (id: string) => list.findIndex((e) => entryIdentity(e) === id);
  const wanted = new Set(dropped.map(entryIdentity));
  const order = splitJournal(before).entries.map((e) => ({ e, id: entryIdentity(e) }));
  order.forEach(({ e, id }, i) => {
    if (!wanted.has(id) || has(id) >= 0) return;
    let at = 0;
    for (let k = i - 1; k >= 0 && at === 0; k--) at = has(order[k]!.id) + 1;
    list.splice(at, 0, e);
  });
  return list.length === parts.entries.length ? text : joined(parts.prelude, list, new Set(parts.entries), journalEol(text || before));
}

/** `entry` added to `text` after every entry whose heading time is not later than its own, unless `text` has it. */
function addInTime(text: string, entry: string): string {
  const parts = splitJournal(text);
  const id = entryIdentity(entry);
  if (parts.entries.some((e) => entryIdentity(e) === id)) return text;
  const time = headingTime(entry);
  const later = parts.entries.findIndex((e) => headingTime(e) > time);
  const list = [...parts.entries];
  list.splice(later === -1 ? list.length : later, 0, entry);
  return joined(parts.prelude, list, new Set(parts.entries), journalEol(text || entry));
}

/**
 * Puts back the journal entries that reverts dropped, and gives each such revert its
 * own entry, naming what it reverted. When a revert changes the journal on one side
 * only (reverting the last commit), git takes that side's file without asking any merge
 * driver, so the reverted commit's entry is simply gone; the journal is a log, and a
 * revert says nothing about what was recorded. Dropped entries come back whole, where
 * they stood before the revert, into the file they were in (recreated when the revert
 * deleted it). The revert entry is the merge driver's, placed by its time after the
 * entries of that minute, with an identity taken from the revert commit: every clone
 * that repairs the same revert writes the same entry, which a later merge then keeps
 * once. Nothing already there is added again, so a second run changes nothing.
 *
 * @param reverts oldest first, as `parseRevertChain` returns them.
 * @param current the journal files' texts now, by path; an absent file is left out.
 * @param branch the branch the entries are written on.
 */
export function restoreReverted(reverts: readonly RevertedJournal[], current: ReadonlyMap<string, string>, branch: string): RestoredJournal {
  const texts = new Map(current);
  const kept = new Set<string>();
  for (const r of reverts) {
    const dropped = r.files.map((f) => ({ f, entries: droppedEntries(f.before, f.after) })).filter((d) => d.entries.length > 0);
    // Nothing lost: the merge driver ran (and wrote this revert's entry), or the reverted commit had no entry.
    if (dropped.length === 0) continue;
    for (const { f, entries } of dropped) {
      for (const e of entries) kept.add(e.trimEnd());
      // A file the revert deleted comes back with the text that opened it.
      texts.set(f.path, putBack(texts.get(f.path) ?? splitJournal(f.before).prelude, f.before, entries));
    }
    const home = dropped[dropped.length - 1]!.f.path;
    const text = texts.get(home)!;
    const entry = revertEntry({ commit: r.commit, subject: r.subject, branch, author: r.author, date: r.date, id: r.revert.slice(0, 12) }, journalEol(text));
    if (entry === undefined) continue;
    kept.add(entry.trimEnd());
    texts.set(home, addInTime(text, entry));
  }
  const files = new Map<string, string>();
  for (const [path, text] of texts) if (current.get(path) !== text) files.set(path, text);
  return { files, kept };
}
