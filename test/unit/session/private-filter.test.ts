import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanPrivate, hasPrivateText, smudgePrivate } from '../../../src/core/session/private-filter.js';

const EXAMPLE = `# Session

## Goal
Ship retries.

## Decisions
- Use a queue — Reason: bursts
- Store cents <!-- private -->(my manager insists)<!-- /private --> — Reason: rounding

<!-- private -->
Phone: call Bob about TOKEN-A
<!-- /private -->

## Private
<!-- Notes for this file only -->
- salary talk on Friday
### Deeper
- more

## Key Files
- \`src/a.ts\`
`;

describe('the private filter', () => {
  it('a line of dashes under a paragraph in a Private section is a separator there, not the end of it', () => {
    const source = '# Session\n\n## Private\nSalary notes for Bob\n---\nsecond part\n\nNext\n====\nmore\n### Deeper\nstill\n\n## Decisions\n- Keep it — Reason: simple\n';
    const { text, bodies } = cleanPrivate(source);
    expect(text).toBe('# Session\n\n## Private\n## Decisions\n- Keep it — Reason: simple\n');
    expect(smudgePrivate(text, bodies)).toBe(source);
    // A file whose headings are all underlined: the next one ends its Private section.
    const underlined = 'Private\n-------\nmine\n\nDecisions\n---------\n- Keep it — Reason: simple\n';
    expect(cleanPrivate(underlined).text).toBe('Private\n-------\nDecisions\n---------\n- Keep it — Reason: simple\n');
  });

  it('drops a Private body whatever line ending the file uses, a lone \\r included', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['# Session', '', '## Goal', 'Ship', '', '## Private', 'PRIVSECRET', '', '## Key Files', ''].join(eol);
      expect(hasPrivateText(text), JSON.stringify(eol)).toBe(true);
      const { text: stored } = cleanPrivate(text);
      expect(stored, JSON.stringify(eol)).not.toContain('PRIVSECRET');
      expect(stored).toContain('## Key Files');
    }
  });

  it('keeps headings and markers, drops every private body, and smudge restores it', () => {
    const { text, bodies } = cleanPrivate(EXAMPLE);
    expect(text).not.toMatch(/manager|Bob|TOKEN-A|salary|Deeper|more/);
    expect(text).toContain('<!-- private --><!-- /private -->');
    expect(text).toContain('## Private\n## Key Files');
    expect(hasPrivateText(text)).toBe(false);
    expect(hasPrivateText(EXAMPLE)).toBe(true);
    expect(smudgePrivate(text, bodies)).toBe(EXAMPLE);
    // Without a store (a fresh clone) the committed text is what is checked out.
    expect(smudgePrivate(text, {})).toBe(text);
  });

  it('round-trips any document, and what it commits never holds private text', () => {
    // An unclosed fence would make what follows code, not a private section: left out.
    const word = fc.constantFrom('alpha', 'beta', '- item', '`code`', '### Sub', '<!-- note -->', '', '\r');
    const secret = fc.integer({ min: 0, max: 9999 }).map((n) => `SECRET${n}`);
    const privateBody = fc.tuple(fc.array(word, { maxLength: 4 }), secret).map(([ws, s]) => [...ws, s].join('\n'));
    const block = fc.oneof(
      fc.array(word, { maxLength: 4 }).map((ws) => `## Notes\n${ws.join('\n')}\n`),
      privateBody.map((b) => `## Private\n${b}\n`),
      privateBody.map((b) => `<!-- private -->\n${b}\n<!-- /private -->\n`),
      privateBody.map((b) => `- item <!-- private -->${b.replace(/\n/g, ' ')}<!-- /private --> end\n`),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), (blocks) => {
        const source = `# S\n\n${blocks.join('\n')}`;
        const { text, bodies } = cleanPrivate(source);
        expect(text).not.toMatch(/SECRET\d/);
        expect(hasPrivateText(text)).toBe(false);
        expect(cleanPrivate(text).text).toBe(text);
        expect(smudgePrivate(text, bodies)).toBe(source);
      }),
      { numRuns: 300 },
    );
  });


});
