import { splitReason } from '../trailers/reason.js';
import type { ContextItem } from './types.js';

/** A trailer value read from one commit. */
export interface TrailerValue {
  commit: string;
  value: string;
}

function key(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Session items (file order, so newest last) and trailer values (newest commit first)
 * as one list, newest first: the session's own items, then those only commits carry.
 * An item in both places is listed once, as the session's. `takenOut` holds items the
 * work tree's session file no longer has that HEAD's had (superseded or withdrawn,
 * not committed yet): no longer in force, so a commit's record of them is left out.
 */
export function mergeItems(
  session: { text: string; reason: string | null }[],
  trailers: TrailerValue[],
  takenOut: readonly { text: string }[] = [],
): ContextItem[] {
  const gone = new Set(takenOut.map((i) => key(i.text)));
  const seen = new Set<string>();
  const out: ContextItem[] = [];
  for (const item of [...session].reverse()) {
    const k = key(item.text);
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    // A trailer splits at its last " — ": a decision holding one reads back split elsewhere.
    if (item.reason) seen.add(key(`${item.text} ${item.reason}`));
    out.push({ text: item.text, reason: item.reason, source: 'session' });
  }
  for (const t of trailers) {
    const { text, reason } = splitReason(t.value);
    const k = key(text);
    if (k === '' || seen.has(k) || seen.has(key(t.value)) || gone.has(k)) continue;
    seen.add(k);
    out.push({ text, reason, source: 'commit', commit: t.commit });
  }
  return out;
}

/** The items of `before` that `now` no longer has, by the identity `mergeItems` gives them. */
export function takenOut<T extends { text: string }>(before: readonly T[], now: readonly { text: string }[]): T[] {
  const kept = new Set(now.map((i) => key(i.text)));
  return before.filter((i) => !kept.has(key(i.text)));
}
