import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendedSummary, isPlainBullet } from '../../../src/core/pipeline/appended-bullets.js';
import { summarizeWithAnchors } from '../../../src/core/pipeline/session-summary.js';

const BASE = [
  '# Session',
  '',
  '## Goal',
  'Convert units in one place.',
  '',
  '## Decisions',
  '<!-- Write a decision as a bullet. -->',
  '- Keep `lengths` in millimetres — Reason: no float drift',
  '- **One table** for conversions',
  '',
  '## Dead Ends',
  '- Parsing with regexes — too brittle',
  '',
  '## Key Files',
  '- `src/convert.js` — the table',
  '',
].join('\n');

function insertAfter(text: string, anchor: string, lines: string[]): string {
  const all = text.split('\n');
  const at = all.indexOf(anchor);
  if (at === -1) throw new Error(`no line ${anchor}`);
  all.splice(at + 1, 0, ...lines);
  return all.join('\n');
}

async function fast(base: string, staged: string) {
  return appendedSummary(await summarizeWithAnchors(base, 'SESSION.md'), base, staged);
}

describe('plain bullets appended by hand', () => {
  it('are read without the parser, as the parser reads them', async () => {
    const staged = insertAfter(BASE, '- **One table** for conversions', ['- Round at the end — Reason: one rounding step', '* Cache results because lookups repeat']);
    const derived = await fast(BASE, staged);
    expect(derived).toBeDefined();
    expect(derived!.summary.decisions.slice(2)).toEqual([
      { text: 'Round at the end', reason: 'one rounding step' },
      { text: 'Cache results', reason: 'lookups repeat' },
    ]);
    expect(derived).toEqual(await summarizeWithAnchors(staged, 'SESSION.md'));
  });

  it('between entries and in both sections', async () => {
    let staged = insertAfter(BASE, '- Keep `lengths` in millimetres — Reason: no float drift', ['- Use integers only']);
    staged = insertAfter(staged, '- Parsing with regexes — too brittle', ['+ A units library — Reason: too large']);
    expect(await fast(BASE, staged)).toEqual(await summarizeWithAnchors(staged, 'SESSION.md'));
  });

  it('redact a secret in the new entry and report it', async () => {
    const key = 'AKIA' + 'Z3QXRT7YB2MNW4PL';
    const staged = insertAfter(BASE, '- **One table** for conversions', [`- Deploy key is ${key}`]);
    const derived = await fast(BASE, staged);
    expect(derived?.summary.decisions[2]?.text).not.toContain(key);
    expect(derived?.summary.secretKinds.length).toBeGreaterThan(0);
    expect(derived).toEqual(await summarizeWithAnchors(staged, 'SESSION.md'));
  });

  it.each([
    ['inline code', ['- Use `mm` everywhere']],
    ['emphasis', ['- Use *mm* everywhere']],
    ['an indented bullet', ['  - Reason: simple']],
    ['a nested ordered list', ['- 1. first']],
    ['a paragraph', ['Some prose']],
    ['a heading', ['## Later']],
  ])('%s takes the parser', async (_name, lines) => {
    expect(await fast(BASE, insertAfter(BASE, '- **One table** for conversions', lines))).toBeUndefined();
  });

  it('a line changed or removed, or a bullet outside Decisions and Dead Ends, takes the parser', async () => {
    expect(await fast(BASE, BASE.replace('Convert units', 'Convert all units'))).toBeUndefined();
    expect(await fast(BASE, BASE.replace('- **One table** for conversions\n', ''))).toBeUndefined();
    expect(await fast(BASE, insertAfter(BASE, '- `src/convert.js` — the table', ['- src/units.js']))).toBeUndefined();
    expect(await fast(BASE, insertAfter(BASE, '## Decisions', ['- First']))).toBeUndefined();
  });

  it('recognises plain bullets only', () => {
    expect(isPlainBullet('- Use integers — Reason: exact')).toBe(true);
    expect(isPlainBullet('-  Use integers')).toBe(false);
    expect(isPlainBullet('- 2) two')).toBe(false);
    expect(isPlainBullet('- use a <b> tag')).toBe(false);
  });
});

// Generated documents: headings of every kind, entries of every shape, regions the
// fast path must never touch (fences, comments, private parts, tables).
const word = fc.constantFrom('alpha', 'beta', 'Gamma', 'delta', '42', 'units', 'é', 'because', 'since', 'Reason:', 'why:', '—', '--', '-', ',', '(', ')', 'x.');
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
const rich = fc.tuple(phrase, fc.constantFrom('`code`', '**bold**', '_it_', '[l](u)', '<b>x</b>', '\\#', 'a|b', '~~s~~', '&amp;', '<!-- c -->')).map(([p, r]) => `${p} ${r}`);
const marker = fc.constantFrom('-', '*', '+');
const heading = fc.constantFrom('## Goal', '## Status', '## Decisions', '## Dead Ends', '## Key Files', '## Private', '## Notes', '### Decisions', '### Dead Ends', '### Sub', '# Session');
const block = fc.oneof(
  heading.map((h) => [h]),
  fc.tuple(marker, fc.oneof(phrase, rich)).map(([m, t]) => [`${m} ${t}`]),
  fc.tuple(marker, phrase, phrase).map(([m, a, b]) => [`${m} ${a}`, `  ${m} Reason: ${b}`]),
  fc.tuple(marker, phrase, phrase).map(([m, a, b]) => [`${m} ${a}`, b]),
  fc.tuple(marker, phrase).map(([m, a]) => [`${m} [ ] ${a}`]),
  fc.tuple(marker, phrase).map(([m, a]) => [`${m}   ${a}`]),
  fc.tuple(marker, phrase).map(([m, a]) => [`${m} # ${a}`]),
  phrase.map((p) => [p]),
  fc.constant(['']),
  fc.constant(['']),
  fc.constant(['---']),
  fc.constant(['===']),
  phrase.map((p) => ['```', `- ${p}`, '```']),
  phrase.map((p) => ['```', `- ${p}`]),
  phrase.map((p) => ['<!--', `- ${p}`, '-->']),
  phrase.map((p) => ['<!-- private -->', `- ${p}`, '<!-- /private -->']),
  phrase.map((p) => [`1. ${p}`]),
  phrase.map((p) => [`> - ${p}`]),
  phrase.map((p) => ['| Decision | Why |', '| --- | --- |', `| ${p} | x |`]),
  phrase.map((p) => [`    ${p}`]),
  phrase.map((p) => [`  - ${p}`]),
);
// A title first: a leading `---` would open front matter.
const blocks = fc.array(block, { maxLength: 8 }).map((bs) => bs.flat());
const entries = fc.array(fc.tuple(marker, fc.oneof(phrase, rich)).map(([m, t]) => `${m} ${t}`), { minLength: 1, maxLength: 4 });
const doc = fc
  .tuple(blocks, fc.constantFrom('## Decisions', '## Dead Ends (Don\'t Revisit)', '### Decisions'), entries, blocks)
  .map(([before, h, es, after]) => ['# Session', ...before, h, ...es, ...after]);
const plain = fc.tuple(marker, phrase).map(([m, p]) => `${m} ${p}`).filter(isPlainBullet);
const added = fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: fc.oneof(rich.map((r) => `- ${r}`), phrase, phrase.map((p) => `  - ${p}`), fc.constant('')) });
const edits = fc.array(fc.tuple(fc.nat(), fc.nat(9).map((n) => n > 1), fc.array(added, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 });

describe('the parser-free path, on generated documents', () => {
  it('gives what the parser gives, or declines', async () => {
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(doc, edits, fc.boolean(), async (lines, inserts, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const base = `${lines.join(eol)}${eol}`;
        const made = await summarizeWithAnchors(base, 'SESSION.md');
        const staged = base.split('\n');
        // Insert bottom-up so earlier positions stay valid; most land right after an anchor.
        const at = inserts.map(([n, onAnchor, add]) => {
          const pos = onAnchor && made.anchors.length > 0 ? made.anchors[n % made.anchors.length]!.line + 1 : n % (lines.length + 1);
          return { pos, add: add.map((l) => (crlf ? `${l}\r` : l)) };
        });
        for (const { pos, add } of at.sort((a, b) => b.pos - a.pos)) staged.splice(pos, 0, ...add);
        const text = staged.join('\n');
        const derived = await appendedSummary(made, base, text);
        if (derived === undefined) return;
        taken++;
        expect(derived).toEqual(await summarizeWithAnchors(text, 'SESSION.md'));
      }),
      { numRuns: 400 },
    );
    // The property says something only if the fast path is taken often enough.
    expect(taken).toBeGreaterThan(40);
  });
});
