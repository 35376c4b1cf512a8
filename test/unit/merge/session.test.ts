import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOTH_KEPT, mergeSession } from '../../../src/core/merge/session.js';
import { conflictMarkers } from '../../../src/core/session/conflict.js';
import { getDecisions, parseSession } from '../../../src/core/session/index.js';

const doc = (decisions: string[], status = 'Working', extra = '') =>
  `# Session\n\n## Goal\nShip it\n\n## Status\n${status}\n\n## Decisions\n<!-- one a line -->\n${decisions.map((d) => `- ${d}\n`).join('')}\n## Key Files\n- \`a.ts\` — core\n${extra}`;

function merged(base: string, ours: string, theirs: string): string {
  const m = mergeSession(base, ours, theirs);
  if (!m.ok) throw new Error(m.reason);
  return m.text;
}

/** Whether both sides took out an entry of the base and each added one the other did not. */
const editedOnBoth = (b: string[], o: string[], t: string[]) =>
  b.some((x) => !o.includes(x) && !t.includes(x)) && o.some((x) => !b.includes(x) && !t.includes(x)) && t.some((x) => !b.includes(x) && !o.includes(x));

describe('mergeSession', () => {
  it('keeps both versions, marked, of an entry both branches changed', () => {
    const text = merged(doc(['Cache TTL 60s', 'A']), doc(['Cache TTL 30s', 'A']), doc(['Cache TTL 120s', 'A']));
    expect(text).toContain(BOTH_KEPT);
    expect(text.indexOf('- Cache TTL 30s')).toBeLessThan(text.indexOf(BOTH_KEPT));
    expect(text.indexOf('- Cache TTL 120s')).toBeGreaterThan(text.indexOf(BOTH_KEPT));
    expect(conflictMarkers(text)).toEqual([]);
    // One side's edit and the other's supersede of the same decision: marked too.
    const superseded = merged(doc(['Use postgres']), doc(['Use postgres 16']), doc(['Use sqlite instead (supersedes: Use postgres)']));
    expect(superseded).toContain(BOTH_KEPT);
  });

  it('keeps the decisions both branches added, ours first, once each', () => {
    const base = doc(['A']);
    expect(merged(base, doc(['A', 'B', 'Both']), doc(['A', 'C', 'Both']))).toBe(doc(['A', 'B', 'Both', 'C']));
  });

  it("removes an entry theirs removed (a revert), with later ones next to it kept", () => {
    const base = doc(['A', 'B', 'C']);
    expect(merged(base, doc(['A', 'B', 'C', 'D']), doc(['A', 'C']))).toBe(doc(['A', 'C', 'D']));
  });

  it('takes the status from the side that changed it', () => {
    expect(merged(doc(['A']), doc(['A', 'B']), doc(['A'], 'Done'))).toBe(doc(['A', 'B'], 'Done'));
  });

  it('keeps both statuses, marked in plain markdown, when both changed', () => {
    const text = merged(doc(['A']), doc(['A'], 'Ours'), doc(['A'], 'Theirs'));
    expect(text).toBe(doc(['A'], `Ours\n\n${BOTH_KEPT}\n\nTheirs`));
    expect(conflictMarkers(text)).toEqual([]);
  });

  it('adds a section only theirs added, after the one it follows there', () => {
    const gotchas = '\n## Gotchas\n- watch out\n';
    const text = merged(doc(['A']), doc(['A', 'B']), doc(['A'], 'Working', gotchas));
    expect(text).toBe(doc(['A', 'B'], 'Working', gotchas));
  });

  it('keeps CRLF and every byte nobody changed', () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    expect(merged(crlf(doc(['A'])), crlf(doc(['A', 'B'])), crlf(doc(['A', 'C'])))).toBe(crlf(doc(['A', 'B', 'C'])));
  });

  it('refuses texts that already hold conflict markers', () => {
    const marked = doc(['A']) + '<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n';
    expect(mergeSession(doc(['A']), marked, doc(['B'])).ok).toBe(false);
  });

  const decisions = fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), { maxLength: 5 });
  it('loses no decision either side added, and is idempotent', () => {
    fc.assert(
      fc.property(decisions, decisions, decisions, (b, o, t) => {
        const text = merged(doc(b), doc(o), doc(t));
        const got = getDecisions(parseSession(text)).map((d) => d.text);
        for (const d of [...o, ...t]) if (!b.includes(d)) expect(got).toContain(d);
        // An entry both sides replaced: both versions kept and marked, for a person to settle.
        expect(text.includes(BOTH_KEPT)).toBe(editedOnBoth(b, o, t));
        if (!editedOnBoth(b, o, t)) {
          for (const d of b) if (!o.includes(d) || !t.includes(d)) expect(got).not.toContain(d);
          expect(new Set(got).size).toBe(got.length);
        }
        expect(merged(doc(b), text, doc(t))).toBe(text);
        expect(merged(doc(b), doc(t), doc(t))).toBe(doc(t));
      }),
    );
  });
});

describe('mergeSession over varied files', () => {
  const items = fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', 'E'), { maxLength: 4 });
  const file = fc
    .record({
      status: fc.constantFrom('Working', 'Done', 'Blocked\n\nsee notes'),
      decisions: items,
      gotchas: items,
      notes: fc.option(fc.constantFrom('Some notes', 'Other notes'), { nil: undefined }),
      crlf: fc.constant(false),
    })
    .map((f) => {
      const list = (xs: string[]) => xs.map((x) => `- ${x}\n`).join('');
      const notes = f.notes === undefined ? '' : `\n## Notes\n${f.notes}\n`;
      return { f, text: `# S\n\n## Status\n${f.status}\n\n## Decisions\n${list(f.decisions)}\n## Gotchas\n${list(f.gotchas)}${notes}` };
    });

  it('merges cleanly, keeps what each side added, drops what one side removed, and is idempotent', () => {
    fc.assert(
      fc.property(file, file, file, (b, o, t) => {
        const m = mergeSession(b.text, o.text, t.text);
        expect(m.ok).toBe(true);
        if (!m.ok) return;
        expect(conflictMarkers(m.text)).toEqual([]);
        const doc = parseSession(m.text);
        const got = getDecisions(doc).map((d) => d.text);
        for (const d of [...o.f.decisions, ...t.f.decisions]) if (!b.f.decisions.includes(d)) expect(got).toContain(d);
        if (!editedOnBoth(b.f.decisions, o.f.decisions, t.f.decisions)) {
          for (const d of b.f.decisions) if (!o.f.decisions.includes(d) || !t.f.decisions.includes(d)) expect(got).not.toContain(d);
        }
        const again = mergeSession(b.text, m.text, t.text);
        expect(again.ok && again.text).toBe(m.text);
        const same = mergeSession(b.text, t.text, t.text);
        expect(same.ok && same.text).toBe(t.text);
      }),
    );
  });

  it('leaves a file the parser refuses to the line merge', () => {
    const js = '---js\nmodule.exports = {}\n---\n# S\n';
    expect(mergeSession(doc(['A']), doc(['A', 'B']), js + doc(['A', 'C'])).ok).toBe(false);
  });
});

describe('conflictMarkers', () => {
  it('finds marker lines outside code fences', () => {
    expect(conflictMarkers('a\n<<<<<<< HEAD\nb\n||||||| base\n=======\nc\n>>>>>>> topic\n')).toEqual([2, 4, 5, 7]);
    expect(conflictMarkers('```\n<<<<<<< HEAD\n=======\n>>>>>>> x\n```\n')).toEqual([]);
    expect(conflictMarkers('======= not one\n<<<<<<<< eight\n')).toEqual([]);
  });
});
