import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/adapters/config.js';
import { readTemplate } from '../../../src/adapters/templates.js';
import { DEFAULT_CONFIG } from '../../../src/core/config.js';
import { ExitCode, GitSessionError } from '../../../src/errors.js';

function thrown(f: () => unknown): GitSessionError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(GitSessionError);
    return error as GitSessionError;
  }
  throw new Error('expected a GitSessionError');
}

describe('GitSessionError', () => {
  it('keeps the problem apart from the file and the fix', () => {
    const e = new GitSessionError(ExitCode.WriteFailed, 'is read-only: (chmod) 0444.', { file: '/abs/SESSION.md', fix: 'Run chmod u+w.' });
    expect(e.message).toBe('/abs/SESSION.md: is read-only: (chmod) 0444. Run chmod u+w.');
    expect(e.problem).toBe('is read-only: (chmod) 0444.');
  });

  it('is retold with another file or fix, keeping exit code, problem and cause', () => {
    const cause = new Error('EACCES');
    const e = new GitSessionError(ExitCode.WriteFailed, 'could not be written.', { file: '/abs/SESSION.md', fix: 'Make it writable.', cause });
    const named = e.retold({ file: 'SESSION.md' });
    expect(named.message).toBe('SESSION.md: could not be written. Make it writable.');
    expect([named.exitCode, named.problem, named.fix, named.cause]).toEqual([ExitCode.WriteFailed, 'could not be written.', 'Make it writable.', cause]);
    const more = e.retold({ fix: 'Make it writable. Then run again.' });
    expect(more.message).toBe('/abs/SESSION.md: could not be written. Make it writable. Then run again.');
    expect(e.retold({ file: undefined }).message).toBe('could not be written. Make it writable.');
  });
});

describe('loadConfig', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('uses the defaults when there is no .gitsession', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-config-'));
    expect(loadConfig(dir)).toEqual(DEFAULT_CONFIG);
  });

  it('reads the file that is there', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-config-'));
    writeFileSync(join(dir, '.gitsession'), '[prompt]\n\tmode = strict\n');
    expect(loadConfig(dir).prompt.mode).toBe('strict');
  });

  it('refuses a .gitsession it cannot read instead of falling back to the defaults', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-config-'));
    mkdirSync(join(dir, '.gitsession'));
    const e = thrown(() => loadConfig(dir!));
    expect(e.exitCode).toBe(ExitCode.BadInput);
    expect(e.file).toBe('.gitsession');
    expect(e.message).toMatch(/^\.gitsession: is a folder, not a settings file\. Make it a readable file/);
  });

  it('names the line of the first byte that is not UTF-8, and reads a file saved with a byte order mark', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-config-'));
    writeFileSync(join(dir, '.gitsession'), Buffer.concat([Buffer.from('[session]\n\tkeep = Caf\u00e9\n[trailers]\n\tdecision = Choix\n\t# '), Buffer.from([0xe9]), Buffer.from('t\u00e9\n')]));
    const e = thrown(() => loadConfig(dir!));
    expect(e.exitCode).toBe(ExitCode.BadInput);
    expect(e.message).toMatch(/^\.gitsession: line 5: is not UTF-8 text/);
    writeFileSync(join(dir, '.gitsession'), '\uFEFF[prompt]\n\tmode = strict\n');
    expect(loadConfig(dir).prompt.mode).toBe('strict');
  });
});

describe('readTemplate', () => {
  it('reads a template of the package', () => {
    expect(readTemplate('SESSION.md')).toContain('## ');
  });

  it('names the missing file and the fix, as a GitSessionError', () => {
    const e = thrown(() => readTemplate('no-such-template.md'));
    expect(e.file).toMatch(/templates[/\\]no-such-template\.md$/);
    expect(e.fix).toMatch(/reinstall git-session/);
    expect(e.exitCode).toBe(ExitCode.Internal);
  });
});
