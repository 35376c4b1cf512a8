import type { BulletAnchor } from './bullet-anchors.js';
import type { SessionSummary } from './session-summary.js';

/**
 * Most session file versions the cache keeps: the staged one, HEAD's, the work tree's,
 * and one more (a branch switched back to). Each commit that changes the file reads and
 * rewrites them all: with a 90 KB file of 900 bullets, eight entries cost a commit ~10 ms
 * more than four. Which ones go is {@link withEntry}'s choice.
 */
export const CACHE_ENTRIES = 4;
// 3: entries carry the anchors for hand-typed bullets.

/** One cached summary, found by any of the blob ids of its text (SHA-1 and SHA-256 repositories). */
export interface CacheEntry {
  ids: string[];
  summary: SessionSummary;
  /** Where plain bullets may be appended without the parser (see appendedSummary). */
  anchors: BulletAnchor[];
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isEntries(v: unknown): boolean {
  return Array.isArray(v) && v.every((e) => typeof e?.text === 'string' && (e.reason === null || typeof e.reason === 'string'));
}

function isSummary(s: Partial<SessionSummary> | undefined): s is SessionSummary {
  return (
    !!s &&
    (s.goal === null || typeof s.goal === 'string') &&
    (s.status === null || typeof s.status === 'string') &&
    isStrings(s.keyFiles) &&
    isStrings(s.secretKinds) &&
    isEntries(s.decisions) &&
    isEntries(s.deadEnds)
  );
}

function isAnchors(v: unknown): v is BulletAnchor[] {
  return (
    Array.isArray(v) &&
    v.every((a) => Number.isInteger(a?.line) && Number.isInteger(a?.index) && (a.kind === 'decisions' || a.kind === 'deadEnds'))
  );
}

/**
 * The entries of a cache file's text; anything unreadable, or written by another build
 * (`key`: the package version and a digest of the code that makes a summary, the
 * redaction rules included), is no entries: nothing is bumped by hand.
 */
export function parseCache(text: string, key: string): CacheEntry[] {
  try {
    const data = JSON.parse(text) as { version?: unknown; entries?: unknown };
    if (data.version !== key || !Array.isArray(data.entries)) return [];
    return (data.entries as Partial<CacheEntry>[]).filter(
      (e): e is CacheEntry => isStrings(e?.ids) && isSummary(e?.summary) && isAnchors(e?.anchors),
    );
  } catch {
    return [];
  }
}

/** The entry cached for blob `id`. */
export function findEntry(entries: readonly CacheEntry[], id: string): CacheEntry | undefined {
  return entries.find((e) => e.ids.includes(id));
}

/** The summary cached for blob `id`. */
export function findSummary(entries: readonly CacheEntry[], id: string): SessionSummary | undefined {
  return findEntry(entries, id)?.summary;
}

/**
 * `entries` with `entry` first, any older entry for the same blob dropped, at most
 * {@link CACHE_ENTRIES}: the oldest go, except an entry for one of the blobs `keep`
 * names. Commands pass the text their run of edits started from, which the next commit
 * diffs against: each command stores one or two versions, so a few decisions recorded
 * before a commit pushed that one out, and the commit loaded the parser to read it again.
 */
export function withEntry(entries: readonly CacheEntry[], entry: CacheEntry, keep: readonly string[] = []): CacheEntry[] {
  const all = [entry, ...entries.filter((e) => !e.ids.some((id) => entry.ids.includes(id)))];
  const pinned = all.findIndex((e, i) => i > 0 && e.ids.some((id) => keep.includes(id)));
  if (pinned < CACHE_ENTRIES) return all.slice(0, CACHE_ENTRIES);
  return [...all.slice(0, CACHE_ENTRIES - 1), all[pinned]!];
}

/** The cache file's text for `entries`, which {@link parseCache} reads back under the same `key`. */
export function renderCache(entries: readonly CacheEntry[], key: string): string {
  return JSON.stringify({ version: key, entries });
}
