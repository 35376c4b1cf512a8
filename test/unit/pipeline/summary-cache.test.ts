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
    expect(entries.map((e) => e.ids[0])).toEqual(['id5', 'id10', 'id9', 'id8', 'id7', 'id6', 'id4', 'id3']);
    expect(findSummary(entries, 'id5')?.goal).toBe('again');
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
