import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeCount } from '../../../src/adapters/close-count.js';

describe('closeCount', () => {
  const heading = (kind: string) => `### 2026-03-02 10:15 +01:00 · ${kind} · main · Ada <ada@example.com>`;

  it('counts the close headings of a journal version, one per line', () => {
    const text = [heading('commit'), '- Files:', heading('close'), '', heading('close'), heading('commit')].join('\n') + '\n';
    expect(closeCount(Buffer.from(text))).toBe(2);
    // A branch named like the heading's middle is still one heading.
    expect(closeCount(Buffer.from(`${heading('close')} · close · x\n`))).toBe(1);
  });

  it('counts a heading with a carriage return, at the very start, and at the end without a newline', () => {
    expect(closeCount(Buffer.from(`${heading('close')}\r\n- Goal: next\r\n`))).toBe(1);
    expect(closeCount(Buffer.from(`- x\n${heading('close')}`))).toBe(1);
  });

  it('does not count the words inside an entry, an indented heading, or a heading of another kind', () => {
    const text = ['- Notes: the · close · of the quarter', `  ${heading('close')}`, heading('closed'), heading('commit')].join('\n');
    expect(closeCount(Buffer.from(text))).toBe(0);
  });

  it('counts as a reading of the whole text line by line does', () => {
    const line = fc.oneof(fc.constantFrom(heading('close'), heading('commit'), `${heading('close')}\r`, '- · close · '), fc.string({ maxLength: 30 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        const byLines = text.split('\n').filter((l) => /^### \d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2} · close · /.test(l.replace(/\r$/, ''))).length;
        expect(closeCount(Buffer.from(text))).toBe(byLines);
      }),
    );
  });
});
