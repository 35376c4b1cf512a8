import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDeadEnds, getDecisions, parseSession } from '../../../src/core/session/index.js';
import { plainItems } from '../../../src/core/session/plain-items.js';

function parsed(text: string) {
  const doc = parseSession(text);
  return { decisions: getDecisions(doc), deadEnds: getDeadEnds(doc) };
}

const TEMPLATE = readFileSync(new URL('../../../templates/SESSION.md', import.meta.url), 'utf8');

const KEPT = [
  '# Session',
  '',
  '## Goal',
  'Convert units in one place, with *one* table.',
  '',
  '## Status',
  'Lengths done; weights next.',
  '',
  '## Next Steps',
  '- [ ] weights',
  '',
  '## Decisions',
  '<!-- Write a decision as a bullet. -->',
  '- Keep `lengths` in millimetres — Reason: no float drift',
  '- **One table** for conversions',
  '* Round at the end because one rounding step is exact enough',
  '- Use \\_private\\_ names (why: the exports stay small)',
  '- 2.5 mm steps -- the finest the printer takes',
  '',
  "## Dead Ends (Don't Revisit)",
  '- Parsing with regexes — too brittle',
  '',
  '## Key Files',
  '- `src/convert.js` — the table',
  '```',
  'not a heading:',
  '## Decisions',
  '```',
  '',
].join('\n');

describe('plainItems', () => {
  it('reads a kept session file as the parser does, without it', () => {
    const text = KEPT.split('```')[0]!;
    for (const kept of [text, text.replace(/\n/g, '\r\n')]) {
      const fast = plainItems(kept);
      expect(fast).toBeDefined();
      expect(fast!.decisions).toHaveLength(5);
      expect(fast).toEqual(parsed(kept));
    }
  });

  it('reads the template, and the template with entries, as the parser does', () => {
    for (const text of [TEMPLATE, TEMPLATE.replace(/(## Decisions\n(?:<!--.*-->\n)?)/, '$1- Use one table — Reason: fewer places to fix\n')]) {
      const fast = plainItems(text);
      expect(fast).toBeDefined();
      expect(fast).toEqual(parsed(text));
    }
    expect(plainItems(TEMPLATE.replace(/(## Decisions\n(?:<!--.*-->\n)?)/, '$1- Use one table\n'))!.decisions).toEqual([{ text: 'Use one table', reason: null }]);
  });

  it.each([
    ['a fence that could hide a heading', KEPT],
    ['front matter', `---\ngoal: x\n---\n${KEPT.split('```')[0]}`],
    ['a reference definition', `${KEPT.split('```')[0]}\n[docs]: https://example.com\n`],
    ['a private region', KEPT.split('```')[0]!.replace('## Status', '<!-- private -->\n## Status')],
    ['a sub-heading under Decisions', KEPT.split('```')[0]!.replace('- **One table**', '### Tables\n- **One table**')],
    ['prose under Decisions', KEPT.split('```')[0]!.replace('- **One table** for conversions', '- **One table** for conversions\nand a lazy line')],
    ['an indented line under Decisions', KEPT.split('```')[0]!.replace('- **One table** for conversions', '- **One table** for conversions\n  - Reason: one place')],
    ['a setext underline after text', KEPT.split('```')[0]!.replace('Lengths done; weights next.', 'Lengths done\n---')],
    ['an HTML block', KEPT.split('```')[0]!.replace('## Status', '<details>\n## Status')],
    ['a CR that ends no line', KEPT.split('```')[0]!.replace('## Status\n', '## Status\r')],
    ['a bullet that opens a rule', KEPT.split('```')[0]!.replace('- **One table** for conversions', '- ***')],
    ['a bullet that opens a fence', KEPT.split('```')[0]!.replace('- **One table** for conversions', '- ```js')],
    ['conflict markers, which the parser refuses', KEPT.split('```')[0]!.replace('Lengths done; weights next.', '<<<<<<< HEAD\nLengths done.\n\n=======\n\nWeights next.\n>>>>>>> theirs')],
  ])('declines %s', (_, text) => {
    expect(plainItems(text)).toBeUndefined();
  });

  // Lines that make up session files, plain and odd: whenever plainItems answers, the
  // parser must give the same answer.
  const LINES = [
    '', '', '', '', '  ', '\t',
    '# Session', '# Project Status', '# Decisions', '## Decisions', '### Decisions', '## Key decisions', '## Dead Ends', "## Dead Ends (Don't Revisit)", '### Dead ends',
    '## Status', '## Goal', '## Notes', '### Sub', '#### Deep', '## Private', '## Next Steps', '## Decisions ##', '## *Decisions*', '##', '#tag', ' ## Decisions', '    ## Decisions',
    '- Use X — Reason: Y', '- Use `a — b` because c', '* Star entry', '+ Plus entry', '- x (why: y)', '- **Bold lead**: its reason', '- caf\\_e \\*x\\*', '- ends with a backslash\\',
    '- text <!-- open', '- see [a link](https://example.com)', '- ref [a][b]', '- http://example.com bare', '- Écrire en français — Reason: lisible', '- 2. not a list', '- 2.5 ms', '- (aside) entry',
    '- "quoted" entry', '- ***', '- **', '- *not bold', '- __under__ lead', '- ~~struck~~ entry', '- ![img](x.png) entry', '- \\# escaped', '- [x]', '- [x]  spaced', '- [link]: not a def', '- `code` first', '- ```', '- ~~~', '- <div>', '- # h', '- > q', '- [ ] task', '- [x] done', '-  two spaces', '-\ttab', '- ', '-', '1. ordered', '2) ordered',
    'Plain prose.', 'prose with *emphasis* and `code`', 'a lazy line', '  indented', '    indented code', '\tReason: tabbed', '  - nested', '  Reason: because', '> quote', '> ## quoted heading',
    '| a | b |', '|---|---|', '---', '***', '===', '- - -', '```', '~~~', '```js', '<div>', '</div>', '<!-- c -->', '<!-- c --> trailing', '<!-- private -->', '<!-- /private -->', '<!--', '-->',
    '  <!-- indented -->', '[a]: https://example.com', '[^1]: note', '\u00a0', '\u00a0- nbsp bullet', '<<<<<<< ours', '=======', '>>>>>>> theirs', 'Status: done', '[b]: /x "t"',
  ];
  const HEADINGS = LINES.filter((l) => /^\s*#/.test(l));
  const BULLETS = LINES.filter((l) => /^[-*+\d]/.test(l));
  // Lines at random, and sections: a heading over bullets mostly, where entries are read.
  const doc = fc.oneof(
    fc.array(fc.constantFrom(...LINES), { maxLength: 40 }),
    fc
      .array(
        fc.tuple(
          fc.constantFrom(...HEADINGS),
          fc.array(fc.oneof({ arbitrary: fc.constantFrom(...BULLETS), weight: 6 }, { arbitrary: fc.constantFrom(...LINES), weight: 1 }), { maxLength: 5 }),
        ),
        { maxLength: 8 },
      )
      .map((sections) => sections.flatMap(([heading, lines]) => [heading, ...lines])),
  ).chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));

  it('answers as the parser does whenever it answers', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const fast = plainItems(text);
        // A text the parser refuses (conflict markers) must be declined: parsed() throws for it.
        if (fast !== undefined) expect(fast).toEqual(parsed(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('answers for plain files made of these lines', () => {
    // The property above must not pass by declining everything: files of plain sections,
    // private ones and nested ones included, are answered, and alike.
    const headings = HEADINGS.filter((l) => /^#{1,4} [A-Z]/.test(l) && !/\*|#$/.test(l));
    const bullets = BULLETS.filter((l) => /^[-*+] (?:[A-Za-z("`!\\]|\*\*B|__|~~|\[[ x]\] \w|\[a link)/.test(l) && !/```|~~~|\]:/.test(l));
    const line = fc.oneof({ arbitrary: fc.constantFrom(...bullets), weight: 6 }, { arbitrary: fc.constantFrom('', '<!-- c -->'), weight: 2 });
    let answered = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...headings), fc.array(line, { maxLength: 5 })), { maxLength: 8 }), (sections) => {
        const text = sections.flatMap(([heading, lines]) => [heading, ...lines]).join('\n');
        const fast = plainItems(text);
        if (fast !== undefined) {
          answered++;
          expect(fast).toEqual(parsed(text));
        }
      }),
      { numRuns: 2000 },
    );
    expect(answered).toBeGreaterThan(600);
  });
});
