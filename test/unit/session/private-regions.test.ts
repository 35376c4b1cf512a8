import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanPrivate, privateRegions, smudgePrivate } from '../../../src/core/session/private-filter.js';
import { cleanWith, plainPrivateRegions, smudgeWith, type Span } from '../../../src/core/session/private-regions.js';
import { storedLines, toStored, toWorktree } from '../../../src/core/session/stored-lines.js';

const TEMPLATE = readFileSync(new URL('../../../templates/SESSION.md', import.meta.url), 'utf8');

describe('plainPrivateRegions', () => {
  it('reads the template and a private section with notes as the parser does', () => {
    const notes = TEMPLATE.replace(/## Private\n(<!--.*-->\n)?/, '## Private\n$1- my salary talk\n\n### Personal scratch\nmore\n');
    expect(notes).toContain('salary');
    for (const text of [TEMPLATE, notes, notes.replace(/\n/g, '\r\n'), `${notes}\n## Notes\npublic\n`]) {
      const fast = plainPrivateRegions(text);
      expect(fast).toBeDefined();
      expect(fast).toEqual(privateRegions(text));
      expect(cleanWith(text, plainPrivateRegions as never)).toEqual(cleanPrivate(text));
    }
    expect(cleanWith(notes, plainPrivateRegions as never).text).not.toContain('salary');
  });

  it.each([
    ['a private marker', '## Goal\nx <!-- private -->y<!-- /private -->\n'],
    ['a fence', '## Goal\n```\n## Private\n```\n'],
    ['a heading spelled with a reference', '## Pri&#118;ate\nsecret\n'],
    ['a heading with markup', '## *Private*\nsecret\n'],
    ['a setext heading', 'Private\n=======\nsecret\n'],
    ['an HTML block', '<details>\n## Private\nsecret\n'],
    ['an indented heading', '  ## Private\nsecret\n'],
    ['front matter', '---\na: b\n---\n## Private\nsecret\n'],
  ])('declines %s', (_, text) => {
    expect(plainPrivateRegions(text)).toBeUndefined();
  });

  // Lines of session files, plain and odd: whenever the line reader answers, the parser must agree.
  const LINES = [
    '', '', '', '  ', '\t', '# Session', '# Private', '## Private', '### Private', '## Private notes', '## Private   notes', '##  Private\tnotes', '## Personal scratchpad', '## privé', '## Privado', '## Private ##', '## *Private*',
    '## Pri&#118;ate', '## Goal', '## Decisions', '### Sub', '#### Deep', '## Notes', '##', '#tag', ' ## Private', '    ## Private', '- secret note', '- salary talk', '* star', '1. ordered',
    'Plain prose.', 'a lazy line', '  indented', '    indented code', '> quote', '> ## quoted heading', '- ## listed heading', '---', '***', '===', '```', '~~~', '```js', '<div>', '</div>',
    '<!-- c -->', '<!-- private -->', '<!-- /private -->', '<!--', '-->', 'text <!-- open', '[a]: https://example.com', '| a | b |', '\u00a0', 'Private', 'Status: done', '- [ ] task',
  ];
  const HEADINGS = LINES.filter((l) => /^\s*#/.test(l));
  const doc = fc
    .oneof(
      fc.array(fc.constantFrom(...LINES), { maxLength: 40 }),
      fc
        .array(fc.tuple(fc.constantFrom(...HEADINGS), fc.array(fc.constantFrom(...LINES), { maxLength: 5 })), { maxLength: 8 })
        .map((sections) => sections.flatMap(([heading, lines]) => [heading, ...lines])),
    )
    .chain((lines) => fc.tuple(fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([eol, last]) => lines.join(eol) + (last ? eol : '')));

  it('answers as the parser does whenever it answers, and cleans and smudges alike', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const fast = plainPrivateRegions(text);
        if (fast === undefined) return;
        expect(fast).toEqual(privateRegions(text));
        const cleaned = cleanWith(text, (t) => plainPrivateRegions(t)!);
        expect(cleaned).toEqual(cleanPrivate(text));
        expect(smudgeWith(cleaned.text, cleaned.bodies, (t) => plainPrivateRegions(t)!)).toBe(smudgePrivate(cleaned.text, cleaned.bodies));
      }),
      { numRuns: 4000 },
    );
  });

  it('names the spans it took out, so that cutting them from the text gives what it stores', () => {
    const cut = (text: string, spans: readonly Span[]) => {
      let out = '';
      let at = 0;
      for (const [start, end] of spans) {
        expect(start).toBeGreaterThanOrEqual(at);
        out += text.slice(at, start);
        at = end;
      }
      return out + text.slice(at);
    };
    let removedSome = 0;
    fc.assert(
      fc.property(doc, (text) => {
        // The parser's regions: marker regions and every heading the lines reader declines.
        const cleaned = cleanPrivate(text);
        expect(cut(text, cleaned.removed)).toBe(cleaned.text);
        if (cleaned.removed.length > 0) removedSome++;
      }),
      { numRuns: 1500 },
    );
    expect(removedSome).toBeGreaterThan(100);
  });

  it('answers for plain files with private sections', () => {
    // The property above must not pass by declining everything.
    const headings = ['# Session', '## Goal', '## Private', '### Private', '## Personal scratchpad', '### Sub', '## Notes', '## Decisions'];
    const lines = ['', '- secret note', 'Plain prose.', '<!-- c -->', '- [ ] task', '> quote'];
    let answered = 0;
    let withBodies = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...headings), fc.array(fc.constantFrom(...lines), { maxLength: 4 })), { maxLength: 8 }), (sections) => {
        const text = sections.flatMap(([h, ls]) => [h, ...ls]).join('\n') + '\n';
        const fast = plainPrivateRegions(text);
        if (fast === undefined) return;
        answered++;
        if (fast.some((r) => r.end > r.start)) withBodies++;
        expect(fast).toEqual(privateRegions(text));
      }),
      { numRuns: 1000 },
    );
    expect(answered).toBe(1000);
    expect(withBodies).toBeGreaterThan(300);
  });
});

describe('storedLines', () => {
  // A marker region's body, then the Private section: git numbers the lines as stored.
  const text = ['# Session', '## Status', 'Working.', '<!-- private -->', 'note one', 'note two', '<!-- /private -->', '- Use a queue', 'x <!-- private -->y<!-- /private --> z', '## Private', 'salary', ''].join('\n');
  const map = storedLines(text, cleanPrivate(text).removed);
  const stored = cleanPrivate(text).text.split('\n');

  it('numbers each work-tree line as the stored text has it, and private lines 0', () => {
    expect(map.length).toBe(11);
    expect(map.stored.slice(1)).toEqual([1, 2, 3, 4, 0, 0, 4, 5, 6, 7, 0]);
    // Each public line is found on the stored line it is given.
    for (const [line, at] of [[1, 1], [3, 3], [8, 5], [9, 6], [10, 7]] as const) expect(stored[at - 1]).toContain(text.split('\n')[line - 1]!.slice(0, 5));
  });

  it('turns a work-tree range into the stored range and its private lines, and back', () => {
    expect(toStored(map, { start: 4, end: 8 })).toEqual({ range: { start: 4, end: 5 }, private: [5, 6] });
    expect(toStored(map, { start: 5, end: 6 })).toEqual({ range: null, private: [5, 6] });
    expect(toStored(map, { start: 11, end: 11 })).toEqual({ range: null, private: [11] });
    expect(toWorktree(map, { start: 1, end: 11 }, [4, 5])).toEqual([4, 7, 8]);
  });

  it('counts a last line without a newline, and a text with nothing private line for line', () => {
    expect(storedLines('a\nb', []).stored.slice(1)).toEqual([1, 2]);
    expect(storedLines('a\nb', []).length).toBe(2);
    expect(storedLines('', []).length).toBe(0);
  });
});
