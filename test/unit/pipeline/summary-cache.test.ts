import { describe, expect, it } from 'vitest';
import { CACHE_ENTRIES, CACHE_VERSION, findSummary, parseCache, renderCache } from '../../../src/core/pipeline/summary-cache.js';
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
    const entries = parseCache(renderCache([], { ids: ['aa', 'bb'], summary: summary('g'), anchors: [] }));
    expect(findSummary(entries, 'bb')?.goal).toBe('g');
    expect(findSummary(entries, 'cc')).toBeUndefined();
  });

  it(`keeps the ${CACHE_ENTRIES} most recent blobs, newest first, each once`, () => {
    let text = '';
    for (let i = 0; i < CACHE_ENTRIES + 3; i++) text = renderCache(parseCache(text), { ids: [`id${i}`], summary: summary(`g${i}`), anchors: [] });
    text = renderCache(parseCache(text), { ids: ['id5'], summary: summary('again'), anchors: [] });
    const entries = parseCache(text);
    expect(entries).toHaveLength(CACHE_ENTRIES);
    expect(entries.map((e) => e.ids[0])).toEqual(['id5', 'id10', 'id9', 'id8', 'id7', 'id6', 'id4', 'id3']);
    expect(findSummary(entries, 'id5')?.goal).toBe('again');
  });

  it.each([
    ['not JSON', '{"version":2,"entr'],
    ['another version', JSON.stringify({ version: 1, summary: { blob: 'aa', goal: null, status: null, keyFiles: [] } })],
    ['a malformed entry', JSON.stringify({ version: CACHE_VERSION, entries: [{ ids: ['aa'], summary: { goal: 3 }, anchors: [] }] })],
    ['an entry of the version before anchors', JSON.stringify({ version: 2, entries: [{ ids: ['aa'], summary: summary('g') }] })],
    ['malformed anchors', JSON.stringify({ version: CACHE_VERSION, entries: [{ ids: ['aa'], summary: summary('g'), anchors: [{ line: 'x' }] }] })],
  ])('ignores %s', (_name, text) => {
    expect(findSummary(parseCache(text), 'aa')).toBeUndefined();
  });
});
