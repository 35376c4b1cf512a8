import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MD_MARKERS,
  SH_MARKERS,
  detectEol,
  hasBlock,
  isCreatedShape,
  removeBlock,
  renderBlock,
  upsertBlock,
  type Placement,
} from '../../../src/core/init/block.js';

const BODY = 'Read SESSION.md first.\nKeep it short.';
const md = (t: string, p: Placement = 'append') => upsertBlock(t, BODY, MD_MARKERS, p);

describe('upsertBlock appends after one blank line', () => {
  it.each([
    ['LF file', '# Notes\n\nMine.\n', '# Notes\n\nMine.\n\n<!-- git-session:start -->\nRead SESSION.md first.\nKeep it short.\n<!-- git-session:end -->\n'],
    ['CRLF file', '# Notes\r\nMine.\r\n', '# Notes\r\nMine.\r\n\r\n<!-- git-session:start -->\r\nRead SESSION.md first.\r\nKeep it short.\r\n<!-- git-session:end -->\r\n'],
    ['empty file', '', '\n<!-- git-session:start -->\nRead SESSION.md first.\nKeep it short.\n<!-- git-session:end -->\n'],
    ['no final newline', 'Mine.', 'Mine.\n\n<!-- git-session:start -->\nRead SESSION.md first.\nKeep it short.\n<!-- git-session:end -->'],
  ])('%s', (_name, input, output) => {
    expect(md(input)).toBe(output);
    expect(removeBlock(output, MD_MARKERS)).toEqual({ text: input, found: true });
  });
});

describe('upsertBlock refreshes an existing block in place', () => {
  it('changes only the inside of the markers, keeping CRLF', () => {
    const input = 'Top\r\n<!-- git-session:start -->\r\nold words\r\n<!-- git-session:end -->\r\nBottom\r\n';
    expect(md(input)).toBe('Top\r\n<!-- git-session:start -->\r\nRead SESSION.md first.\r\nKeep it short.\r\n<!-- git-session:end -->\r\nBottom\r\n');
  });

  it('is idempotent: a second run with the same body changes no byte', () => {
    const once = md('# Mine\n');
    expect(md(once)).toBe(once);
  });

  it('accepts indented markers (the marker lines are ours) and leaves a marker quoted inside prose alone', () => {
    const input = 'See `<!-- git-session:start -->` in the docs.\n';
    expect(hasBlock(input, MD_MARKERS)).toBe(false);
    const indented = '  <!-- git-session:start -->\nx\n  <!-- git-session:end -->  \n';
    expect(md(indented)).toBe('<!-- git-session:start -->\nRead SESSION.md first.\nKeep it short.\n<!-- git-session:end -->\n');
  });
});

describe('a broken block is refused with the file named', () => {
  it.each([
    ['start without end', '<!-- git-session:start -->\nx\n'],
    ['end before start', '<!-- git-session:end -->\n<!-- git-session:start -->\n'],
  ])('%s', (_name, input) => {
    expect(() => upsertBlock(input, BODY, MD_MARKERS, 'append', 'CLAUDE.md')).toThrow(/CLAUDE\.md: .*marker/);
    expect(() => removeBlock(input, MD_MARKERS, 'CLAUDE.md')).toThrow(/CLAUDE\.md/);
  });
});

describe('top placement for hooks', () => {
  const hook = (t: string) => upsertBlock(t, 'run-it', SH_MARKERS, 'top');
  it.each([
    ['after a shebang', '#!/bin/sh\nnpm test\nexit 0\n', '#!/bin/sh\n# git-session:start\nrun-it\n# git-session:end\nnpm test\nexit 0\n'],
    ['without a shebang', 'npm test\n', '# git-session:start\nrun-it\n# git-session:end\nnpm test\n'],
    ['shebang only', '#!/bin/sh\n', '#!/bin/sh\n# git-session:start\nrun-it\n# git-session:end\n'],
    ['shebang without newline', '#!/bin/sh', '#!/bin/sh\n\n# git-session:start\nrun-it\n# git-session:end'],
    ['CRLF', '#!/bin/sh\r\nnpm test\r\n', '#!/bin/sh\r\n# git-session:start\r\nrun-it\r\n# git-session:end\r\nnpm test\r\n'],
  ])('%s', (_name, input, output) => {
    expect(hook(input)).toBe(output);
    expect(hook(output)).toBe(output);
    expect(removeBlock(output, SH_MARKERS).text).toBe(input);
  });
});

describe('removeBlock', () => {
  it('reports nothing found and returns the text as it was', () => {
    expect(removeBlock('plain\n', SH_MARKERS)).toEqual({ text: 'plain\n', found: false });
  });

  it('removes a block the user moved to the middle with its own line only', () => {
    const input = 'a\n<!-- git-session:start -->\nx\n<!-- git-session:end -->\nb\n';
    expect(removeBlock(input, MD_MARKERS).text).toBe('a\nb\n');
  });

  it('restores any text exactly after an append (property)', () => {
    const text = fc.stringMatching(/^[a-z #\r\n]{0,40}$/).filter((t) => !t.endsWith('\r'));
    fc.assert(
      fc.property(text, fc.constantFrom<Placement>('append', 'top'), (input, placement) => {
        const out = upsertBlock(input, BODY, MD_MARKERS, placement);
        expect(upsertBlock(out, BODY, MD_MARKERS, placement)).toBe(out);
        expect(removeBlock(out, MD_MARKERS).text).toBe(input);
      }),
    );
  });
});

describe('created files', () => {
  it('tells a file that holds only the block from one the user owns', () => {
    const created = renderBlock(BODY, MD_MARKERS, '\n') + '\n';
    expect(isCreatedShape(created, MD_MARKERS, '')).toBe(true);
    expect(isCreatedShape(md(''), MD_MARKERS, '')).toBe(false);
    expect(isCreatedShape('---\na: 1\n---\n' + created, MD_MARKERS, '---\na: 1\n---\n')).toBe(true);
    expect(isCreatedShape(created + 'more\n', MD_MARKERS, '')).toBe(false);
  });

  it('detects the line ending from the first line', () => {
    expect(detectEol('a\r\nb\n')).toBe('\r\n');
    expect(detectEol('a\nb\r\n')).toBe('\n');
    expect(detectEol('')).toBe('\n');
  });
});
