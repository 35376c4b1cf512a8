import type { SessionSummary } from './session-summary.js';

/** Most session file versions the cache keeps: the staged one, HEAD's, and a few edits back. */
export const CACHE_ENTRIES = 8;
const CACHE_VERSION = 2;

/** One cached summary, found by any of the blob ids of its text (SHA-1 and SHA-256 repositories). */
export interface CacheEntry {
  ids: string[];
  summary: SessionSummary;
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

/** The entries of a cache file's text; anything unreadable or of another version is no entries. */
export function parseCache(text: string): CacheEntry[] {
  try {
    const data = JSON.parse(text) as { version?: number; entries?: unknown };
    if (data.version !== CACHE_VERSION || !Array.isArray(data.entries)) return [];
    return (data.entries as Partial<CacheEntry>[]).filter((e): e is CacheEntry => isStrings(e?.ids) && isSummary(e?.summary));
  } catch {
    return [];
  }
}

/** The summary cached for blob `id`. */
export function findSummary(entries: readonly CacheEntry[], id: string): SessionSummary | undefined {
  return entries.find((e) => e.ids.includes(id))?.summary;
}

/** The cache text with `entry` first, any older entry for the same blob dropped, at most {@link CACHE_ENTRIES}. */
export function renderCache(entries: readonly CacheEntry[], entry: CacheEntry): string {
  const rest = entries.filter((e) => !e.ids.some((id) => entry.ids.includes(id)));
  return JSON.stringify({ version: CACHE_VERSION, entries: [entry, ...rest].slice(0, CACHE_ENTRIES) });
}
