import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { gs, snapshot } from './init-support.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function hooks(r: TempRepo): string {
  return join(r.dir, '.git/hooks');
}

describe('uninstall', () => {
  it('keeps SESSION.md and .gitsession the user changed, and says why', () => {
    repo = tempRepo();
    expect(gs(repo, ['init']).code).toBe(0);
    repo.write('SESSION.md', repo.read('SESSION.md').replace('## Goal\n', '## Goal\nOur goal: ship it.\n'));
    repo.write('.gitsession', repo.read('.gitsession').replace('mode = remind', 'mode = strict'));
    const r = gs(repo, ['uninstall']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/kept +SESSION\.md +\(SESSION\.md is not the one init writes\)/);
    expect(r.stdout).toMatch(/kept +\.gitsession +\(\.gitsession is not the one init writes\)/);
    expect(repo.read('SESSION.md')).toContain('Our goal: ship it.');
    expect(existsSync(join(repo.dir, 'CLAUDE.md'))).toBe(false);
    expect(existsSync(join(repo.dir, '.claude'))).toBe(false);
    expect(existsSync(join(hooks(repo), 'pre-commit'))).toBe(false);
  });

  it('stops while the session file holds private text, which git would commit once the filter is gone', () => {
    repo = tempRepo();
    expect(gs(repo, ['init']).code).toBe(0);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'init']);
    repo.write('SESSION.md', repo.read('SESSION.md').replace(/## Private\n(<!--[^\n]*-->\n)?/, (h) => `${h}my plan for the team, not for the repository\n`));
    // Nothing of it reaches git while the filter is on.
    expect(repo.git(['diff']).stdout).toBe('');
    const before = snapshot(repo.dir);
    for (const args of [['uninstall'], ['uninstall', '--dry-run']]) {
      const r = gs(repo, args);
      expect(r.code).toBe(6);
      expect(r.stderr).toMatch(/^git-session: SESSION\.md: holds private text .* nothing was removed\. .*--force/);
      expect(snapshot(repo.dir)).toEqual(before);
    }
    expect(repo.git(['config', '--get', 'filter.git-session-private.clean']).stdout).not.toBe('');
    const forced = gs(repo, ['uninstall', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(repo.git(['config', '--get', 'filter.git-session-private.clean'], { allowFail: true }).stdout).toBe('');
  });

  it('removes only the block from a file the user added to after init', () => {
    repo = tempRepo();
    expect(gs(repo, ['init']).code).toBe(0);
    const withBlock = repo.read('CLAUDE.md');
    repo.write('CLAUDE.md', `# Team rules\n\nRun the linter.\n\n${withBlock}`);
    repo.write('.gitattributes', `${repo.read('.gitattributes')}*.png binary\n`);
    expect(gs(repo, ['uninstall']).code).toBe(0);
    // The blank line before a block at the end reads as the one init adds, so it goes too.
    expect(repo.read('CLAUDE.md')).toBe('# Team rules\n\nRun the linter.\n');
    expect(repo.read('.gitattributes')).toBe('*.png binary\n');
  });

  it('with --dry-run prints the plan and writes nothing', () => {
    repo = tempRepo();
    writeFileSync(join(hooks(repo), 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    expect(gs(repo, ['init']).code).toBe(0);
    const installed = snapshot(repo.dir, hooks(repo));
    const r = gs(repo, ['uninstall', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/would be restored +\.git\/hooks\/pre-commit\.local -> \.git\/hooks\/pre-commit/);
    expect(r.stdout).toMatch(/would remove +CLAUDE\.md/);
    expect(r.stdout).toMatch(/would remove +\.claude\/settings\.json/);
    expect(r.stdout).toContain('Dry run: nothing was written');
    expect(snapshot(repo.dir, hooks(repo))).toEqual(installed);
  });

  it('restores a chained hook byte for byte, mode included', () => {
    repo = tempRepo();
    const hook = join(hooks(repo), 'pre-commit');
    writeFileSync(hook, '#!/usr/bin/env python3\nprint("mine")\n');
    chmodSync(hook, 0o750);
    expect(gs(repo, ['init']).code).toBe(0);
    expect(readFileSync(`${hook}.local`, 'utf8')).toBe('#!/usr/bin/env python3\nprint("mine")\n');
    expect(gs(repo, ['uninstall']).code).toBe(0);
    expect(readFileSync(hook, 'utf8')).toBe('#!/usr/bin/env python3\nprint("mine")\n');
    expect(statSync(hook).mode & 0o777).toBe(0o750);
    expect(existsSync(`${hook}.local`)).toBe(false);
  });

  it('keeps a chaining hook the user edited, minus the git-session lines', () => {
    repo = tempRepo();
    const hook = join(hooks(repo), 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    expect(gs(repo, ['init']).code).toBe(0);
    writeFileSync(hook, `${readFileSync(hook, 'utf8')}echo extra\n`);
    const r = gs(repo, ['uninstall']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/updated +\.git\/hooks\/pre-commit .*edited after init/);
    const text = readFileSync(hook, 'utf8');
    expect(text).not.toContain('git-session:start');
    expect(text).toContain('pre-commit.local');
    expect(text).toContain('echo extra');
  });

  it('says there is nothing to remove in a repository without git-session', () => {
    repo = tempRepo();
    const before = snapshot(repo.dir, hooks(repo));
    const r = gs(repo, ['uninstall']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nothing to remove');
    expect(snapshot(repo.dir, hooks(repo))).toEqual(before);
  });

  it('exits 3 outside a work tree', () => {
    repo = tempRepo({ bare: true });
    expect(gs(repo, ['uninstall']).code).toBe(3);
  });
});
