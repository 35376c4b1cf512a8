import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, modeVariableNote, parseConfig, renderDefaultConfig, unknownSettingsNote } from '../../src/core/config.js';
import { ExitCode, GitSessionError } from '../../src/errors.js';

function error(text: string): GitSessionError {
  try {
    parseConfig(text);
  } catch (e) {
    return e as GitSessionError;
  }
  throw new Error('expected parseConfig to throw');
}

describe('parseConfig', () => {
  it('lists the keys it does not know, with their lines, and says so in one line', () => {
    const config = parseConfig('[prompt]\n\tmodee = strict\n[journal]\n\tenabled = true\n[futures]\n\tx = 1\n');
    expect(config.prompt.mode).toBe('remind');
    expect(config.unknown).toEqual([
      { key: 'prompt.modee', line: 2 },
      { key: 'futures.x', line: 6 },
    ]);
    expect(unknownSettingsNote(config)).toBe(
      '.gitsession: these settings are not known to this version of git-session and ignored: prompt.modee (line 2), futures.x (line 6); check the spelling (the README lists the settings).',
    );
    expect(parseConfig(renderDefaultConfig()).unknown).toBeUndefined();
    expect(unknownSettingsNote(parseConfig(''))).toBeUndefined();
  });

  it('reads the file init writes back to the defaults', () => {
    expect(parseConfig(renderDefaultConfig())).toEqual(DEFAULT_CONFIG);
  });

  it('reads every setting, case-insensitively, with comments and quotes', () => {
    const c = parseConfig(
      '[Session]\n\tFile = "notes/SESSION.md" # ours\n[prompt]\nmode = STRICT\nthreshold = 5\n' +
        '[journal]\nenabled = no\npath = ./log/{year}-{week}.md\n[trailers]\ndecision = Why\ndead-end = Tried\nsession\n' +
        '[assistant]\nstop-mode = off\nedit-budget = 400\n[session]\nkeep = Key Files, Gotchas\n',
    );
    expect(c).toEqual({
      sessionFile: 'notes/SESSION.md',
      keepSections: ['Key Files', 'Gotchas'],
      prompt: { mode: 'strict', threshold: 5 },
      journal: { enabled: false, path: 'log/{year}-{week}.md' },
      trailers: { decision: 'Why', deadEnd: 'Tried', session: true },
      assistant: { stopMode: 'off', editBudget: 400 },
    });
  });

  it.each([
    ['[journal]\npath = ../outside-{week}.md', 'journal.path'],
    ['[journal]\npath = /etc/profile', 'journal.path'],
    ['[session]\nfile = notes/../../x.md', 'session.file'],
    ['[session]\nfile = .git/hooks/pre-commit', 'session.file'],
  ])('refuses a path that leaves the work tree: %j', (text, key) => {
    const e = error(text);
    expect(e.exitCode).toBe(ExitCode.BadInput);
    expect(e.message).toContain(key);
    expect(e.message).toContain('outside the work tree');
    expect(e.message).toContain('.gitsession');
  });

  it.each([
    ['[prompt]\nmode = loud', 'not a mode'],
    ['[prompt]\nthreshold = -1', 'whole number'],
    ['[trailers]\ndecision = -Dec', 'cannot be a trailer key'],
    ['[trailers]\ndecision = Décision', 'cannot be a trailer key'],
    ['[journal]\nenabled = maybe', 'not a boolean'],
    ['just words', 'cannot read'],
  ])('names the line, the problem and the fix: %j', (text, problem) => {
    const e = error(text);
    expect(e.message).toMatch(/^\.gitsession: line \d+: /);
    expect(e.message).toContain(problem);
  });

  it.each([
    ['[prompt]\n\tmode = "strict\n', 2],
    ['[session]\n\tkeep = Gotchas\n[journal]\n\tpath = "notes/{week}.md # the log\n', 4],
    ['[prompt]\n\tmode = "strict\\"\n', 2],
  ])('refuses a double quote left open, as git does: %j', (text, line) => {
    const e = error(text);
    expect(e.exitCode).toBe(ExitCode.BadInput);
    expect(e.message).toBe(`.gitsession: line ${line}: a double quote in the value is never closed. Close the quote (or escape it as \\"); git itself refuses this line.`);
  });

  it.each([
    ['[session]\n\tkeep = Say \\q\n', 'no escape git knows'],
    ['[session]\n\tkeep = Gotchas \\ \n', 'no escape git knows'],
    ['[session]\n\tkeep = Key \\\n Fi\\les\n', 'no escape git knows'],
  ])('refuses what git refuses or reads otherwise: %j', (text, problem) => {
    const e = error(text);
    expect(e.exitCode).toBe(ExitCode.BadInput);
    expect(e.message).toMatch(new RegExp(`^\\.gitsession: line ${text.split('\n').length - 1}: `));
    expect(e.message).toContain(problem);
  });

  it.each([
    'Open \\\nQuestions',
    'Open\\\n  Questions',
    '"Open \\\n  Questions"',
    'Open \\\n# a comment, not the value',
    'Open # a comment \\\n',
    'Gotchas \\',
    'Open\vQuestions\f',
    'Open\rQuestions',
    'Open  Questions',
    'Open\tQuestions   ',
    '  "  Open Questions "  # a note',
    'Open" "Questions',
    '"tab\\there" ; note',
    'back\\\\slash',
    '"" Open',
  ])('reads a value as git reads it: %j', (value) => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-config-'));
    try {
      const text = `[session]\n\tkeep = ${value}\n`;
      writeFileSync(join(dir, 'settings'), text);
      const git = spawnSync('git', ['config', '-f', join(dir, 'settings'), '--get', 'session.keep'], { encoding: 'utf8' });
      expect(git.status, git.stderr).toBe(0);
      expect(parseConfig(text).keepSections).toEqual([git.stdout.replace(/\n$/, '').trim()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the settings after a value that went on in the next line', () => {
    const c = parseConfig('[session]\n\tkeep = Key \\\nFiles, \\\nGotchas\n[prompt]\n\tmode = strict\n');
    expect(c.keepSections).toEqual(['Key Files', 'Gotchas']);
    expect(c.prompt.mode).toBe('strict');
  });

  it('reads quotes that close, an escaped quote and a quote inside a comment', () => {
    const c = parseConfig('[trailers]\n\tdecision = "Why"\n[session]\n\tkeep = "Say \\"hi\\"", Gotchas ; a "note\n');
    expect(c.trailers.decision).toBe('Why');
    expect(c.keepSections).toEqual(['Say "hi"', 'Gotchas']);
  });
});

describe('modeVariableNote', () => {
  it.each([
    [{}, undefined],
    [{ GIT_SESSION_MODE: '' }, undefined],
    [{ GIT_SESSION_MODE: 'Strict' }, undefined],
    [{ GIT_SESSION_MODE: 'off' }, undefined],
    [{ GIT_SESSION_MODE: 'strictt' }, 'GIT_SESSION_MODE="strictt" is not a mode and is ignored: this commit used remind from the settings (set it to off, remind or strict).'],
  ])('%j → %s', (env, expected) => {
    expect(modeVariableNote(env, 'remind')).toBe(expected);
  });
});
