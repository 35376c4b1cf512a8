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
 * An item in both places is listed once, as the session's.
 */
export function mergeItems(session: { text: string; reason: string | null }[], trailers: TrailerValue[]): ContextItem[] {
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
    if (k === '' || seen.has(k) || seen.has(key(t.value))) continue;
    seen.add(k);
    out.push({ text, reason, source: 'commit', commit: t.commit });
  }
  return out;
}
