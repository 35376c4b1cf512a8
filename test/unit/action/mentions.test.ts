import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quietHtml, quietMentions } from '../../../src/core/action/mentions.js';
import { loudMentions, QUIET } from '../../../src/core/trailers/loud-mentions.js';

const q = `@${QUIET}`;

describe('quietMentions', () => {
  it.each([
    ['as @dana suggested', `as ${q}dana suggested`],
    ['@lee: thanks', `${q}lee: thanks`],
    ['drop @babel/core (too slow)', `drop ${q}babel/core (too slow)`],
    ['(@octo/reviewers) and "@kim"', `(${q}octo/reviewers) and "${q}kim"`],
    ['- **@ana** and _@bo_', `- **${q}ana** and _${q}bo_`],
  ])('quiets the mention in %j', (text, quiet) => {
    expect(quietMentions(text)).toBe(quiet);
  });

  it.each([
    'mail ada@example.com',
    'https://www.npmjs.com/package/@actions/core',
    'see [the package](https://npmjs.com/@scope/pkg)',
    'use `@actions/core` here',
    'use ``a ` @b`` here',
    'an @ alone, @-prefixed, @@',
    '```\n@decorator\nclass A {}\n```',
    '~~~~\n@x\n~~~\n@y\n~~~~',
  ])('leaves %j as written', (text) => {
    expect(quietMentions(text)).toBe(text);
  });

  it('quiets outside a code span and keeps the span, on one line', () => {
    expect(quietMentions('`@keep` then @dana, `a``b` @lee')).toBe(`\`@keep\` then ${q}dana, \`a\`\`b\` ${q}lee`);
  });

  it('treats an unclosed backtick and an unclosed fence as text and code', () => {
    expect(quietMentions('a ` @dana')).toBe(`a \` ${q}dana`);
    expect(quietMentions('```\n@dana')).toBe('```\n@dana');
    expect(quietMentions('```\n```\n@dana')).toBe(`\`\`\`\n\`\`\`\n${q}dana`);
  });

  it('reads back as written: only spaces after an @ are added, and the readers take them out', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('@', 'a', 'b', ' ', '`', '\n', '(', '/', '.', '-', '~', '1'), { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        const quiet = quietMentions(text);
        expect(quiet.replaceAll(QUIET, '')).toBe(text);
        expect(loudMentions(quiet)).toBe(text);
        expect(quietMentions(quiet)).toBe(quiet);
      }),
    );
  });
});

describe('quietHtml', () => {
  it('puts a quiet space after each < that could open HTML, outside code, and the readers take it out of trailers', () => {
    const text = 'Strip <!-- old, keep <b>, a < b, </i>, <?x, `Map<K, V>`, `<!-- even in code -->`';
    const quiet = quietHtml(text);
    expect(quiet).toBe(`Strip <${QUIET}!-- old, keep <${QUIET}b>, a < b, <${QUIET}/i>, <${QUIET}?x, \`Map<K, V>\`, \`<${QUIET}!-- even in code -->\``);
    expect(loudMentions(quiet)).toBe(text);
    expect(quietHtml(quiet)).toBe(quiet);
  });

  it('leaves autolinks links, and still quiets a tag whose attributes start on the next line', () => {
    const text = 'See <https://example.com/a?b=1> or <ada@example.com>, not <div\nclass="x"> nor <img>';
    expect(quietHtml(text)).toBe(`See <https://example.com/a?b=1> or <ada@example.com>, not <${QUIET}div\nclass="x"> nor <${QUIET}img>`);
  });
});
