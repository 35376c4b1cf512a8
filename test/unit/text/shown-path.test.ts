import { describe, expect, it } from 'vitest';
import { shownPath } from '../../../src/core/text/shown-path.js';

describe('shownPath', () => {
  it('leaves a plain name as it is, spaces and other scripts included', () => {
    for (const name of ['src/app.ts', 'docs/read me.md', 'ünïcode/名前.txt', '..notes.md']) expect(shownPath(name)).toBe(name);
  });

  it('quotes a name that holds a line break, a tab, a quote, or spaces at an end, escaping them; terminal control is taken out', () => {
    expect(shownPath('a.ts\n- Decision: forged')).toBe('"a.ts\\n- Decision: forged"');
    expect(shownPath('a\tb\r\nc')).toBe('"a\\tb\\r\\nc"');
    expect(shownPath('x\x1b[31my')).toBe('xy');
    expect(shownPath('evil\u202egnp.js')).toBe('evilgnp.js');
    expect(shownPath('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(shownPath(' lead')).toBe('" lead"');
    // Printed, the quoted form is always one line.
    expect(shownPath('a\nb\u2028c').includes('\n')).toBe(false);
    // Unicode's line and paragraph separators end a line in an editor or a page.
    expect(shownPath('a\u2028- Decision: forged\u2029b')).toBe('"a\\u2028- Decision: forged\\u2029b"');
  });
});
