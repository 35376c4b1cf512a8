import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoDirs } from './repo-layout.js';
import type { StoredIndex } from './edit-index-file.js';
import { takenOutSinceHead } from '../core/history/edit-index.js';
import type { SessionItem } from '../core/history/status.js';
import { plainItems } from '../core/session/plain-items.js';
import { sanitiseText } from '../core/text/sanitise.js';

/** How far behind Date.now() a file's modification time may be stamped. */
const MTIME_MARGIN_MS = 50;

/**
 * The items of the index that the work tree's session file has taken out since HEAD
 * (superseded or withdrawn, not committed yet): no longer in force, so not told. One
 * read of the file, read line by line (the parser only for a file lines cannot
 * decide), each text on one line as the readers show a version's (see
 * sessionItemsOf), so that identities match. The hook runs on every read and edit:
 * this path loads nothing, and where the file has not changed since the index was
 * built, reads nothing but what the build found.
 */
export async function takenOut(dirs: RepoDirs, index: StoredIndex): Promise<Set<string>> {
  if (!index.inFile?.length || !index.sessionFile) return new Set();
  const file = join(dirs.root, index.sessionFile);
  // Not changed since the index was built: what was taken out then still is.
  const changed = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  // The kernel stamps a write from a clock a few ms behind Date.now(): one just after the
  // build could look older than it. Within that margin the file is read again.
  if (changed !== undefined && index.takenOut && index.builtAt !== undefined && changed < index.builtAt - MTIME_MARGIN_MS) return new Set(index.takenOut);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // Not in the work tree (deleted, or being rewritten): nothing to compare, HEAD's record stands.
    return new Set();
  }
  const plain = plainItems(text);
  let now: SessionItem[] | null;
  if (plain) {
    // On one line, as a version's items are shown; not redacted, which would load the
    // secret rules on every call: an item the index holds redacted is never taken out here.
    const shown = (kind: SessionItem['kind']) => (d: { text: string }): SessionItem => ({ kind, text: sanitiseText(d.text), reason: null });
    now = [...plain.decisions.map(shown('decision')), ...plain.deadEnds.map(shown('deadEnd'))];
  } else now = await (await import('./session-history.js')).sessionItemsOf(text, index.sessionFile);
  // Mid-conflict, the file says nothing either way: HEAD's record stands.
  if (!now) return new Set();
  const gone = takenOutSinceHead(index, now);
  for (const key of gone) if (plain && key.includes('[redacted:')) gone.delete(key);
  return gone;
}
