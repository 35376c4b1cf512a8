import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refuseNul, sanitiseApart, sanitiseJsonText, sanitiseOutput, sanitiseText } from '../../../src/core/text/sanitise.js';

const ESC = '\x1b';
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('sanitiseText', () => {
  it.each([
    ['window title (BEL)', `a${ESC}]0;pwned\x07b`, 'ab'],
    ['window title (ST)', `a${ESC}]2;pwned${ESC}\\b`, 'ab'],
    ['OSC 8 hidden link', `see ${ESC}]8;;https://evil.example/${ESC}\\docs${ESC}]8;;${ESC}\\ now`, 'see docs now'],
    ['colour CSI', `${ESC}[31;1mred${ESC}[0m`, 'red'],
    ['screen clear and cursor', `${ESC}[2J${ESC}[H${ESC}[?25lx`, 'x'],
    ['8-bit CSI', `\x9b31mred\x9b0m`, 'red'],
    ['8-bit OSC', `\x9d0;title\x9cok`, 'ok'],
    ['DCS', `${ESC}Pq#0;2;0;0;0${ESC}\\ok`, 'ok'],
    ['APC and PM', `${ESC}_hidden${ESC}\\${ESC}^pm${ESC}\\ok`, 'ok'],
    ['charset switch and RIS', `${ESC}(0${ESC}cok`, 'ok'],
    ['bare C0 and C1', 'a\x07b\x08c\x7fd\x85e', 'abcde'],
    ['a sequence rebuilt by a removal', `${ESC}${ESC}[0m[31mx`, 'x'],
    ['unterminated OSC keeps the visible text', `${ESC}]0;title`, '0;title'],
    ['plain text and emoji', 'Use tabs — élan 🚀 日本', 'Use tabs — élan 🚀 日本'],
    ['bidirectional overrides and isolates', 'ok \u202eevil\u202c \u2066x\u2069 \u202a\u202b\u202d\u2067\u2068', 'ok evil x '],
    ['an override inside an escape', `${ESC}\u202e[31mx`, 'x'],
    ['right-to-left text itself', 'שלום עולם مرحبا', 'שלום עולם مرحبا'],
  ])('strips %s', (_, input, expected) => {
    expect(sanitiseText(input)).toBe(expected);
  });

  it('turns line breaks into spaces on one line, keeps them (and CRLF) in a multi-line field', () => {
    expect(sanitiseText('a\nb\tc\r\nd')).toBe('a b c  d');
    expect(sanitiseText('a\nb\tc\r\nd\re', { multiline: true })).toBe('a\nb\tc\r\nde');
  });

  it('leaves no control character and is a fixed point, on any text', () => {
    const pieces = fc.constantFrom(ESC, '[', ']', '\\', '\x07', '\x9b', '\x9c', '\x9d', '\x90', ';', '0', 'm', 'P', '_', '\r', '\n', '\t', 'a', ' ', '\0', '\x85', '\u202e', '\u2066');
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, fc.boolean(), (t, multiline) => {
        const out = sanitiseText(t, { multiline });
        expect(out.replace(/\r\n/g, '')).not.toMatch(multiline ? CONTROL : /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
        expect(sanitiseText(out, { multiline })).toBe(out);
      }),
    );
  });
});

describe('sanitiseApart', () => {
  it('leaves a space where sanitiseText takes something out, and no control character', () => {
    expect(sanitiseApart(`x${ESC}[31mred${ESC}[0mabc`)).toBe('x red abc');
    expect(sanitiseApart('one\u202etwo\x01three')).toBe('one two three');
    expect(sanitiseApart('a\nb', { multiline: true })).toBe('a\nb');
    const pieces = fc.constantFrom(ESC, '[', ']', '\\', '\x07', '\x9b', '\x9c', ';', '0', 'm', '\r', '\n', 'a', '\0', '\u202e');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')), (t) => {
        expect(sanitiseApart(t, { multiline: true }).replace(/\r\n/g, '')).not.toMatch(CONTROL);
      }),
    );
  });
});

describe('sanitiseJsonText and sanitiseOutput', () => {
  it('cleans the strings of JSON output and keeps its layout', () => {
    const value = { status: `done${ESC}]0;x\x07`, items: ['a\nb', `${ESC}[31mred`] };
    const out = sanitiseJsonText(JSON.stringify(value, null, 2) + '\n');
    expect(out).toBe(JSON.stringify({ status: 'done', items: ['a\nb', 'red'] }, null, 2) + '\n');
    const clean = JSON.stringify({ a: 'b\\u001b' }, null, 2);
    expect(sanitiseJsonText(clean)).toBe(clean);
  });

  it('treats text that is not JSON as text', () => {
    expect(sanitiseOutput(`{ not json ${ESC}[2J`)).toBe('{ not json ');
    expect(sanitiseOutput(`# Title\n${ESC}]0;t\x07ok\n`)).toBe('# Title\nok\n');
  });
});

describe('refuseNul', () => {
  it('refuses NUL with a usage error', () => {
    expect(() => refuseNul('a\0b', 'decision')).toThrow(/decision contains a NUL character/);
    expect(() => refuseNul('ab', 'decision')).not.toThrow();
  });
});
