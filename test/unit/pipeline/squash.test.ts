import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config.js';
import {
  mergeSessionTrailers,
  renderSquashMessage,
  squashedCommits,
} from '../../../src/core/pipeline/squash.js';
import { parseTrailers } from '../../../src/core/trailers/index.js';

const keys = DEFAULT_CONFIG.trailers;
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('squashedCommits', () => {
  it('reads the commit lines git merge --squash writes, not indented look-alikes', () => {
    const msg = `Squashed commit of the following:\n\ncommit ${A}\nAuthor: x\n\n    commit ${B} in the body\n\ncommit ${B}\n`;
    expect(squashedCommits(msg)).toEqual([A, B]);
  });
});

describe('mergeSessionTrailers', () => {
  it('maps aliases to the dead-end key and keeps each trailer once', () => {
    const merged = mergeSessionTrailers(
      [
        { key: 'decision', value: 'Use X — fast' },
        { key: 'Decision', value: 'Use  X — fast' },
        { key: 'Ruled-out', value: 'Y' },
        { key: 'Dead-End', value: 'y' },
        { key: 'Signed-off-by', value: 'someone' },
      ],
      keys,
    );
    expect(merged).toEqual([
      { key: 'Decision', value: 'Use X — fast' },
      { key: 'Dead-End', value: 'Y' },
    ]);
  });
});

describe('renderSquashMessage', () => {
  const commits = [
    { sha: A, subject: '# Add the parser', trailers: [{ key: 'Decision', value: 'Parse with remark — positions are exact' }] },
    { sha: B, subject: '--- fix the parser', trailers: [{ key: 'Decision', value: 'Parse with remark — positions are exact' }, { key: 'Rejected', value: 'regexes — too fragile' }] },
  ];

  it('puts every decision and dead end in the last paragraph, each once', () => {
    const msg = renderSquashMessage({ title: 'feature/parser', commits, keys });
    expect(msg.split('\n')[0]).toBe('feature/parser');
    expect(msg).not.toMatch(/^(#|---)/m);
    expect(parseTrailers(msg, { noDivider: true })).toEqual([
      { key: 'Decision', value: 'Parse with remark — positions are exact' },
      { key: 'Dead-End', value: 'regexes — too fragile' },
    ]);
  });

  it('uses the only commit subject as the subject', () => {
    const msg = renderSquashMessage({ title: 'feature/x', commits: [commits[0]!], keys });
    expect(msg.startsWith('Add the parser\n\nDecision: ')).toBe(true);
  });
});
