import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HAND_OFF, HOOK_END, HOOK_START, hookBlock, hookLine, handOffName } from '../../../src/core/hook-lines.js';
import { decodeHandOff, encodeHandOff, handOffArgs } from '../../../src/core/pipeline/trailer-plan.js';

describe('the hand-off file', () => {
  it('holds interpret-trailers arguments, NUL-separated, that decode back', () => {
    const text = encodeHandOff([
      { line: 'Decision: a — b\n  folded', ifExists: 'addIfDifferent' },
      { line: 'Session: goal', ifExists: 'replace' },
    ]);
    expect(decodeHandOff(text)).toEqual([
      '--where', 'end',
      '--if-exists', 'addIfDifferent', '--if-missing', 'add', '--trailer', 'Decision: a — b\n  folded',
      '--if-exists', 'replace', '--if-missing', 'add', '--trailer', 'Session: goal',
    ]);
    expect(text.endsWith('\0')).toBe(true);
  });

  it('its arguments are what the file decodes to, without a round trip', () => {
    const trailers = [{ line: 'Dead-End: polling — too slow', ifExists: 'addIfDifferent' as const }];
    expect(handOffArgs(trailers)).toEqual(decodeHandOff(encodeHandOff(trailers)));
    expect(handOffArgs([{ line: 'Decision: a\0b', ifExists: 'addIfDifferent' }]).at(-1)).toBe('Decision: ab');
    expect(handOffArgs([])).toEqual([]);
  });

  it('is empty when there is nothing to weave', () => {
    expect(encodeHandOff([])).toBe('');
    expect(decodeHandOff('')).toEqual([]);
  });

  it.each([['@1700000000 +0200'], [undefined]])('its name is what the shell expands (%s)', (date) => {
    const env = { PATH: process.env.PATH, ...(date ? { GIT_AUTHOR_DATE: date } : {}) };
    const r = spawnSync('sh', ['-c', `printf %s "${HAND_OFF}"`], { env, encoding: 'utf8', timeout: 5000 });
    expect(r.stdout).toBe(`git-session/${handOffName(date)}`);
  });
});

describe('hook lines', () => {
  it.each([['pre-commit'], ['prepare-commit-msg'], ['commit-msg']] as const)('%s is one line between the markers', (name) => {
    expect(hookLine(name)).not.toContain('\n');
    expect(hookBlock(name)).toBe(`${HOOK_START}\n${hookLine(name)}\n${HOOK_END}`);
    const syntax = spawnSync('sh', ['-n', '-c', hookLine(name)], { encoding: 'utf8', timeout: 5000 });
    expect(syntax.status, syntax.stderr).toBe(0);
  });

  it('prepare-commit-msg weaves -m and amend commits in the shell and calls the binary otherwise', () => {
    const line = hookLine('prepare-commit-msg');
    expect(line).toMatch(/message\|commit\) .*xargs -0 git interpret-trailers --in-place --no-divider/);
    expect(line).toMatch(/\*\) .*hook prepare-commit-msg/);
    expect(line).toContain('merge) ;;');
  });

  it('name only the current hand-off and woven files', () => {
    for (const name of ['pre-commit', 'prepare-commit-msg', 'commit-msg'] as const) {
      expect(hookLine(name)).not.toMatch(/git-session\/trailers/);
    }
  });
});
