import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GitSessionError } from '../../../src/errors.js';
import { formatTrailer, parseTrailers, sanitizeValue } from '../../../src/core/trailers/index.js';

describe('sanitizeValue', () => {
  it.each([
    ['a\nb', 'a b'],
    ['  a\t\tb \r\n c  ', 'a b c'],
    ['a\u0000b\u007fc\u0085d', 'abcd'],
    ['line\u2028sep\u2029para', 'line sep para'],
    ['use \u202eevil\u202c and \u2066iso\u2069', 'use evil and iso'],
    ['red \u001b[31mtext\u001b[0m, \u009b2Jclear, \u001b]0;title\u0007done', 'red text, clear, done'],
    ['décision ✓ 決定', 'décision ✓ 決定'],
    ['', ''],
    [' \n\t ', ''],
  ])('%j → %j', (input, output) => {
    expect(sanitizeValue(input)).toBe(output);
  });
});

describe('formatTrailer', () => {
  it('writes a short trailer on one line', () => {
    expect(formatTrailer('Decision', 'use a queue — fewer locks')).toBe('Decision: use a queue — fewer locks');
  });

  it('folds at the width with one-space continuation lines', () => {
    const out = formatTrailer('Decision', 'one two three four five six', 16);
    expect(out).toBe('Decision: one\n two three four\n five six');
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(16);
  });

  it('folds at 72 by default', () => {
    const out = formatTrailer('Decision', 'word '.repeat(40));
    const lines = out.split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(72);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ \S/);
  });

  it('folds a 5,000-character value and keeps a word longer than the width whole', () => {
    const value = `${'abcd '.repeat(999)}end`;
    expect(value.length).toBeGreaterThanOrEqual(4998);
    const out = formatTrailer('Decision', value);
    expect(out.split('\n').length).toBeGreaterThan(60);
    expect(formatTrailer('Key', 'x'.repeat(5000))).toBe(`Key: ${'x'.repeat(5000)}`);
  });

  it('writes an empty value as git does', () => {
    expect(formatTrailer('Key', ' \n ')).toBe('Key: ');
  });

  it.each(['Décision', 'Some_Key', 'Reviewed by', 'a.b', '', '-x', '---', 'Key:'])('rejects the key %j', (key) => {
    expect(() => formatTrailer(key, 'v')).toThrow(GitSessionError);
    expect(() => formatTrailer(key, 'v')).toThrow(/letters, digits and "-"/);
  });

  it('never writes a raw newline, a --- line or a comment line, and reads back as the sanitized value', () => {
    const part = fc.constantFrom('---', '# heading', '\n', '\r\n', 'Key: v', 'https://x', 'é', ' ', '\t', 'word', 'x'.repeat(80));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 30 }), fc.integer({ min: 1, max: 100 }), (parts, width) => {
        const value = parts.join('');
        const out = formatTrailer('Decision', value, width);
        const lines = out.split('\n');
        expect(lines[0]).toMatch(/^Decision: /);
        for (const line of lines.slice(1)) expect(line).toMatch(/^ [^ ]/);
        expect(out).not.toMatch(/\r/);
        const parsed = parseTrailers(`Subject\n\n${out}\n`);
        expect(parsed).toEqual([{ key: 'Decision', value: sanitizeValue(value) }]);
      }),
      { numRuns: 300 },
    );
  });
});
