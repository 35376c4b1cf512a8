import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeItems } from '../../../src/core/context/items.js';
import {
  addDeadEnd,
  addDecision,
  addKeyFile,
  getDeadEnds,
  getDecisions,
  getKeyFiles,
  getStatus,
  parseSession,
  setStatus,
} from '../../../src/core/session/index.js';

const TEMPLATE = '# Session\n\n## Status\nStarted.\n\n## Decisions\n\n## Dead Ends\n\n## Key Files\n';

// Text as the record commands keep it: whitespace runs collapsed, control characters gone.
const typed = (t: string) => t.replace(/\s+/g, ' ').trim();

const piece = fc.constantFrom(
  '\\', '\\\\', '`', '``', '```', '*', '**', '_', '#', '>', '-', '--', ' — ', '[', ']', '<!--', '-->', '<!-- private -->',
  'why:', 'Why:', 'Reason:', '**Reason**:', '(why: x)', 'because', 'since', ';', ',', '.', '(', ')', '&amp;', '1.', '~~~',
  'C:\\\\Users', '\\.', ' ', 'word', 'é', '🚀', '|',
);
const text = fc
  .oneof(fc.string({ minLength: 1 }), fc.array(piece, { minLength: 1, maxLength: 12 }).map((a) => a.join('')))
  .filter((t) => typed(t) !== '' && !/[\x00-\x1f\x7f-\x9f]/.test(t));

describe('text is kept as typed', () => {
  it('a decision and its reason read back exactly, whatever they hold', () => {
    fc.assert(
      fc.property(text, text, (what, why) => {
        const after = addDecision(TEMPLATE, { text: what, reason: why });
        expect(getDecisions(parseSession(after))).toEqual([{ text: typed(what), reason: typed(why) }]);
        const dead = addDeadEnd(TEMPLATE, { text: what, reason: why });
        expect(getDeadEnds(parseSession(dead))).toEqual([{ text: typed(what), reason: typed(why) }]);
      }),
      { numRuns: 500 },
    );
  });

  it('a status and a key file reason read back exactly', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(getStatus(parseSession(setStatus(TEMPLATE, t)))).toBe(typed(t));
        expect(getKeyFiles(parseSession(addKeyFile(TEMPLATE, { path: 'src/a.ts', why: t })))).toEqual([{ path: 'src/a.ts', why: typed(t) }]);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['Pin the parser', 'because of the rate limit'],
    ['Add a why: section to the PR template', 'reviewers ask'],
    ['Escape dots as \\. in the host regex', 'a dot matches anything'],
    ['Quote `C:\\\\Users` in paths', 'Windows'],
    ['Use X (why: not Y)', 'see the issue'],
    ['**Bold** claim: fine', 'since always'],
    // Text that opens inline HTML (a declaration runs to the next `>`) or an autolink.
    ['Allow !<!A in names', '<!-- private --> is not a region here'],
    ['Wrap it in <b>', 'a </div> or <https://example.com> stays text'],
  ])('%s — %s', (what, why) => {
    const after = addDecision(TEMPLATE, { text: what, reason: why });
    expect(getDecisions(parseSession(after))).toEqual([{ text: what, reason: why }]);
  });

  it('a hand-written "why:" inside a decision does not split it', () => {
    const doc = parseSession('## Decisions\n- Add a why: section to the PR template\n');
    expect(getDecisions(doc)).toEqual([{ text: 'Add a why: section to the PR template', reason: null }]);
  });

  it('context lists a decision once when its commit trailer holds the same text and reason', () => {
    const session = [{ text: 'Use tabs — style guide', reason: 'the linter' }];
    const items = mergeItems(session, [{ commit: 'abc1234', value: 'Use tabs — style guide — the linter' }]);
    expect(items).toHaveLength(1);
  });
});
