import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDeadEnd,
  addDecision,
  addKeyFile,
  getDeadEnds,
  inlineText,
  getDecisions,
  parseSession,
  setStatus,
} from '../../../src/core/session/index.js';
import { lineChange } from './fixture.js';

const titles = fc.constantFrom(
  'Goal',
  'Decisions',
  'Key Decisions (v2)',
  '✅ Dead Ends',
  'Status',
  '2. Next Steps',
  'Key Files',
  'Private',
  'Random Notes',
  'Appendix',
);
const words = fc.constantFrom('alpha', 'beta', 'use the cache', 'x — Reason: y', '`code`', '**bold**', 'a -- b');
const line = fc.array(words, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

const block = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 3 }), titles).map(([d, t]) => `${'#'.repeat(d)} ${t}`),
  fc.tuple(titles, fc.constantFrom('===', '---')).map(([t, u]) => `${t}\n${u}`),
  fc.tuple(fc.constantFrom('-', '*', '+', '1.'), fc.array(line, { minLength: 1, maxLength: 3 }), fc.boolean()).map(
    ([m, items, box]) => items.map((i) => `${m} ${box ? '[ ] ' : ''}${i}`).join('\n'),
  ),
  fc.tuple(titles, line).map(([t, l]) => '```\n## ' + t + '\n' + l + '\n```'),
  titles.map((t) => `<!--\n## ${t}\n-->`),
  titles.map((t) => `> ## ${t}\n> quoted`),
  fc.constant('<!-- private -->'),
  fc.constant('<!-- /private -->'),
  line,
  fc.constant('| Decision | Why |\n|---|---|\n| a | b |'),
  fc.constant(''),
);

const doc = fc
  .tuple(fc.array(block, { maxLength: 14 }), fc.boolean(), fc.boolean(), fc.boolean())
  .map(([blocks, crlf, finalNewline, bom]) => {
    let text = blocks.join('\n\n') + (finalNewline ? '\n' : '');
    if (crlf) text = text.replace(/\n/g, '\r\n');
    return (bom ? '\uFEFF' : '') + text;
  });

/**
 * `after` is `before` with whole lines added and none changed or removed; of the
 * added lines, only the new entry has content (the rest: blank lines, a new heading).
 */
function insertedOnly(before: string, after: string, entry: string): void {
  const bom = before.startsWith('\uFEFF');
  expect(after.startsWith('\uFEFF')).toBe(bom);
  // Lines compared without their endings: a last line without one gains one.
  const lf = (text: string) => text.slice(bom ? 1 : 0).replace(/\r\n/g, '\n');
  const { removed, added } = lineChange(lf(before), lf(after));
  expect(removed).toEqual([]);
  const content = added.filter((l) => l.trim() !== '' && !/^#{1,6} /.test(l));
  expect(content).toHaveLength(1);
  expect(content[0]).toContain(entry);
}

describe('generated markdown', () => {
  it('parses without throwing and keeps the source', () => {
    fc.assert(
      fc.property(doc, (source) => {
        expect(parseSession(source).source).toBe(source);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a decision, a dead end or a key file only inserts, and the entry reads back', () => {
    fc.assert(
      fc.property(doc, line, (source, text) => {
        const decided = addDecision(source, { text, reason: 'because of tests' });
        insertedOnly(source, decided, 'because of tests');
        expect(getDecisions(parseSession(decided)).length).toBe(getDecisions(parseSession(source)).length + 1);
        const dead = addDeadEnd(source, { text });
        // The line holds the text as escaped for markdown (it reads back as typed: see round-trip.test.ts).
        insertedOnly(source, dead, inlineText(text, 'dead end').slice(1));
        expect(getDeadEnds(parseSession(dead)).length).toBe(getDeadEnds(parseSession(source)).length + 1);
        insertedOnly(source, addKeyFile(source, { path: 'src/a.ts', why: text }), '`src/a.ts`');
      }),
      { numRuns: 200 },
    );
  });

  it('setting the status changes one contiguous stretch inside the status section', () => {
    fc.assert(
      fc.property(doc, line, (source, text) => {
        const after = setStatus(source, text);
        let p = 0;
        while (p < source.length && source[p] === after[p]) p++;
        let s = 0;
        while (s < source.length - p && s < after.length - p && source[source.length - 1 - s] === after[after.length - 1 - s]) s++;
        const status = parseSession(source).sections.find((x) => x.kind === 'status' && !x.private);
        if (status && source.length - s > p) {
          // Something was removed: only from the body of the status section.
          expect(p).toBeGreaterThanOrEqual(status.bodyStart);
          expect(source.length - s).toBeLessThanOrEqual(status.end);
        }
        expect(parseSession(after).sections.some((x) => x.kind === 'status')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
