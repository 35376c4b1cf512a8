import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanPrivate, privateRegions, smudgePrivate } from '../../../src/core/session/private-filter.js';
import { cleanWith, plainPrivateRegions, smudgeWith } from '../../../src/core/session/private-regions.js';

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
