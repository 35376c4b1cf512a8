import { describe, expect, it } from 'vitest';
import { CACHE_ENTRIES, findSummary, parseCache, renderCache, withEntry } from '../../../src/core/pipeline/summary-cache.js';

const KEY = '1.2.3+abc';
import type { SessionSummary } from '../../../src/core/pipeline/session-summary.js';

const summary = (goal: string): SessionSummary => ({
  goal,
  status: null,
  keyFiles: ['src/a.ts'],
  decisions: [{ text: 'Use one table', reason: 'simple' }],
  deadEnds: [],
  secretKinds: [],
});

describe('the parse cache', () => {
  it('finds a summary by any of its blob ids', () => {
    const entries = parseCache(renderCache(withEntry([], { ids: ['aa', 'bb'], summary: summary('g'), anchors: [] }), KEY), KEY);
    expect(findSummary(entries, 'bb')?.goal).toBe('g');
    expect(findSummary(entries, 'cc')).toBeUndefined();
  });

  it(`keeps the ${CACHE_ENTRIES} most recent blobs, newest first, each once`, () => {
    let text = '';
    for (let i = 0; i < CACHE_ENTRIES + 3; i++) text = renderCache(withEntry(parseCache(text, KEY), { ids: [`id${i}`], summary: summary(`g${i}`), anchors: [] }), KEY);
    text = renderCache(withEntry(parseCache(text, KEY), { ids: ['id5'], summary: summary('again'), anchors: [] }), KEY);
    const entries = parseCache(text, KEY);
    expect(entries).toHaveLength(CACHE_ENTRIES);
    const newestFirst = Array.from({ length: CACHE_ENTRIES + 3 }, (_, i) => `id${CACHE_ENTRIES + 2 - i}`);
    expect(entries.map((e) => e.ids[0])).toEqual(['id5', ...newestFirst.filter((id) => id !== 'id5')].slice(0, CACHE_ENTRIES));
    expect(findSummary(entries, 'id5')?.goal).toBe('again');
  });

  it('keeps the entry it is asked to keep, however many come after it', () => {
    let entries = withEntry([], { ids: ['head'], summary: summary('head'), anchors: [] });
    for (let i = 0; i < CACHE_ENTRIES * 2; i++) entries = withEntry(entries, { ids: [`id${i}`], summary: summary(`g${i}`), anchors: [] }, ['head']);
    expect(entries).toHaveLength(CACHE_ENTRIES);
    expect(entries[0]!.ids).toEqual([`id${CACHE_ENTRIES * 2 - 1}`]);
    expect(findSummary(entries, 'head')?.goal).toBe('head');
    // Not asked to: it goes like the others.
    expect(findSummary(withEntry(entries, { ids: ['new'], summary: summary('n'), anchors: [] }), 'head')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"version":2,"entr'],
    ['another version', JSON.stringify({ version: 1, summary: { blob: 'aa', goal: null, status: null, keyFiles: [] } })],
    ['a malformed entry', JSON.stringify({ version: KEY, entries: [{ ids: ['aa'], summary: { goal: 3 }, anchors: [] }] })],
    ['an entry of the version before anchors', JSON.stringify({ version: 2, entries: [{ ids: ['aa'], summary: summary('g') }] })],
    ['malformed anchors', JSON.stringify({ version: KEY, entries: [{ ids: ['aa'], summary: summary('g'), anchors: [{ line: 'x' }] }] })],
  ])('ignores %s', (_name, text) => {
    expect(findSummary(parseCache(text, KEY), 'aa')).toBeUndefined();
  });
});

describe('the cache key', () => {
  it('a cache written by another build is no cache', () => {
    const text = renderCache(withEntry([], { ids: ['aa'], summary: summary('g'), anchors: [] }), KEY);
    expect(parseCache(text, KEY)).toHaveLength(1);
    expect(parseCache(text, '1.2.3+def')).toEqual([]);
  });
});
