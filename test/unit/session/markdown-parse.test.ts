import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAY_AUTOLINK, parseMarkdown } from '../../../src/core/session/parse.js';

// The parser skips unified and remark-gfm's serialising half: its trees must stay the
// ones the remark pipeline gives, positions included (edits splice at them).
const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);

const FIXTURES = resolve(__dirname, '../../fixtures/session');
const CORPUS = resolve(__dirname, '../../../../shared/corpus/files');
const read = (dir: string): [string, string][] =>
  existsSync(dir) ? readdirSync(dir).sort().map((name) => [name, readFileSync(resolve(dir, name), 'utf8').replace(/^\uFEFF/, '')]) : [];

const EDGES: [string, string][] = [
  ['yaml front matter', '---\ngoal: ship it\ntags: [a, b]\n---\n# Session\n'],
  ['toml front matter', '+++\ntitle = "kettle"\n+++\n\n## Goal\nBoil.\n'],
  ['task list and strikethrough', '## Next Steps\n- [ ] wire it\n- [x] ~~old plan~~ done\n'],
  ['table', '## Decisions\n| Decision | Why |\n|---|---|\n| a \\| b | c |\n'],
  ['autolinks and footnotes', 'See www.example.com/_x_ and a@b.co[^1].\n\n[^1]: note https://example.com/a_b_c\n'],
  ['CRLF and html', '# S\r\n\r\n<!-- private -->\r\n- secret\r\n<!-- /private -->\r\n'],
  ['entities and escapes', '## Goal\nA &amp; B \\* not a list &#35; &copy;\n'],
];

describe('parseMarkdown', () => {
  it.each([...EDGES, ...read(FIXTURES), ...read(CORPUS)])('matches the remark pipeline on %s', (_name, text) => {
    expect(parseMarkdown(text)).toEqual(remark.parse(text));
  });
});

// A text with nothing GFM could read as a bare URL or address is parsed without the
// autolink literal extension (half the cost of a parse): the tree must not change.
describe('parseMarkdown without autolink literals', () => {
  const piece = fc.constantFrom(
    'Use the cache', 'w', 'ww', 'www', 'http', 'https', ':', '/', '.', '@', 'a', '_x_', '*y*', '~~z~~', '`c`',
    '[^1]', '[^1]: note', '[link](u)', '| a | b |', '|---|---|', '- [ ] step', '- [x] done', '## Decisions', '> quote',
    ' — Reason: ', '&amp;', '\\*', '<!-- c -->', '+', '-', '1.', '\n', '\n\n', 'node@22', 'a@b', 'a@b.c', 'x@y_z',
  );
  const doc = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(' ').replace(/ \n /g, '\n'));

  it('gives the remark tree for every text without www., http(s):// or an address', () => {
    fc.assert(
      fc.property(doc, (text) => {
        fc.pre(!MAY_AUTOLINK.test(text));
        expect(parseMarkdown(text, false)).toEqual(remark.parse(text));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps them where they change the tree', () => {
    // Inside a bare URL the asterisks are part of the link; without the extension, emphasis.
    const text = '## Decisions\n- See https://example.com/*a* and www.x.org\n';
    expect(parseMarkdown(text, false)).not.toEqual(remark.parse(text));
    expect(parseMarkdown(text)).toEqual(remark.parse(text));
  });
});
