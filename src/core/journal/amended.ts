import { ENTRY_ID_PREFIX } from './entry.js';
import { entrySpans } from './tail.js';

/** What tells two copies of an entry apart from other entries: its `- Entry:` id, else its whole text (line endings aside). */
export function entryKey(entry: string): string {
  const text = entry.replace(/\r\n/g, '\n');
  const id = text.split('\n').find((line) => line.startsWith(ENTRY_ID_PREFIX));
  return id ? id.slice(ENTRY_ID_PREFIX.length).trim() : text.trimEnd();
}

/** The keys of a journal text's commit entries (checkpoints and closes left out). */
export function commitKeys(journal: string): Set<string> {
  return new Set(entrySpans(journal).filter((s) => s.kind === 'commit').map((s) => entryKey(journal.slice(s.start, s.end))));
}

/**
 * Which commit entries of a journal file an amend replaces, given the file as the
 * amended commit holds it (`head`) and as each of its parents does: the entries the
 * amended commit added itself (in `head`, in no parent: several after a squash or
 * fixup, none for a merge, whose entries all came from its parents), and with
 * `unheld` those no commit holds (not in `head`: an earlier attempt of this amend, or
 * a commit undone with `reset --soft` that this one takes in). The amend's own entry
 * records what all of them did, so every one of them gives way to it.
 */
export function amendReplaces(head: string, parents: readonly string[], unheld: boolean): (entry: string) => boolean {
  const held = commitKeys(head);
  const inherited = new Set(parents.flatMap((p) => [...commitKeys(p)]));
  return (entry) => {
    const key = entryKey(entry);
    if (inherited.has(key)) return false;
    return held.has(key) || unheld;
  };
}
