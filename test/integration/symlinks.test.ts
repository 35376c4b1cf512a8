import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { gitNoTty, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('a SESSION.md that is a symlink', () => {
  it('is followed: the link stays a link, the file it points to gets the decision, the commit carries it and the readers see it', () => {
    repo = sessionRepo();
    repo.git(['mv', 'SESSION.md', 'docs-session.md']);
    symlinkSync('docs-session.md', join(repo.dir, 'SESSION.md'));
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Keep the session file elsewhere']).code).toBe(0);

    const decided = repo.run(['decide', 'Round only at the end', '--because', 'errors add up']);
    expect(decided.code, decided.stderr).toBe(0);
    expect(lstatSync(join(repo.dir, 'SESSION.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(repo.dir, 'docs-session.md'), 'utf8')).toContain('- Round only at the end — Reason: errors add up');

    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Record it']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['ls-files', '-s', 'SESSION.md']).stdout).toMatch(/^120000 /);
    expect(trailerValues(repo, 'Decision')).toEqual(['Round only at the end — errors add up']);
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout).toContain('docs-session.md');
    // The readers see the notes, not the link's target name.
    const review = repo.run(['show', '--format', 'json']);
    expect(review.code, review.stderr).toBe(0);
    expect(review.stdout).toContain('Round only at the end');
  });

  it('AGENTS.md linked to CLAUDE.md gets one block, stays a link, a second init changes nothing, uninstall restores the bytes', () => {
    repo = tempRepo();
    const original = '# Project rules\n\nBe kind to the build.\n';
    repo.write('CLAUDE.md', original);
    symlinkSync('CLAUDE.md', join(repo.dir, 'AGENTS.md'));
    const first = repo.run(['init']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/unchanged\s+AGENTS\.md\s+\(same file as CLAUDE\.md, through a symlink\)/);
    expect(lstatSync(join(repo.dir, 'AGENTS.md')).isSymbolicLink()).toBe(true);
    const text = repo.read('CLAUDE.md');
    expect(text.match(/git-session:start/g)).toHaveLength(1);
    const second = repo.run(['init']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toMatch(/^(updated|created)/m);
    expect(repo.read('CLAUDE.md')).toBe(text);
    const gone = repo.run(['uninstall']);
    expect(gone.code, gone.stderr).toBe(0);
    expect(repo.read('CLAUDE.md')).toBe(original);
    expect(lstatSync(join(repo.dir, 'AGENTS.md')).isSymbolicLink()).toBe(true);
  });

  it('a link that leads out of the work tree (or into .git) is refused, naming the file, and nothing outside changes', () => {
    repo = tempRepo();
    const outside = join(repo.home, 'profile.md');
    writeFileSync(outside, '# not yours\n');
    symlinkSync(outside, join(repo.dir, 'SESSION.md'));
    const decided = repo.run(['decide', 'Leak', '--because', 'no']);
    expect(decided.code).toBe(4);
    expect(decided.stderr).toMatch(/SESSION\.md.*outside the repository's work tree/);
    expect(decided.stderr).toMatch(/Replace the link with the file or folder itself/);
    expect(readFileSync(outside, 'utf8')).toBe('# not yours\n');

    rmSync(join(repo.dir, 'SESSION.md'));
    symlinkSync('.git/description', join(repo.dir, 'SESSION.md'));
    const description = repo.read('.git/description');
    expect(repo.run(['decide', 'Into git', '--because', 'no']).code).toBe(4);
    expect(repo.read('.git/description')).toBe(description);
  });

  it('init refuses agent files and settings folders linked out of the repository, and dangling links', () => {
    repo = tempRepo();
    const out = join(repo.home, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'bashrc'), 'export X=1\n');
    symlinkSync(join(out, 'bashrc'), join(repo.dir, 'AGENTS.md'));
    const r = repo.run(['init', '--agents', 'codex']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/AGENTS\.md.*outside the repository's work tree/);
    expect(readFileSync(join(out, 'bashrc'), 'utf8')).toBe('export X=1\n');

    rmSync(join(repo.dir, 'AGENTS.md'));
    symlinkSync(out, join(repo.dir, '.claude'));
    expect(repo.run(['init']).code).toBe(4);
    expect(readdirSync(out)).toEqual(['bashrc']);

    rmSync(join(repo.dir, '.claude'));
    symlinkSync('docs/CLAUDE.md', join(repo.dir, 'CLAUDE.md'));
    const dangling = repo.run(['init']);
    expect(dangling.code).toBe(4);
    expect(dangling.stderr).toMatch(/CLAUDE\.md.*symlink to docs\/CLAUDE\.md, which does not exist/);
  });

  it('a SESSION.md that links to itself gets a message that says so', () => {
    repo = tempRepo();
    symlinkSync('SESSION.md', join(repo.dir, 'SESSION.md'));
    const r = repo.run(['decide', 'Loop', '--because', 'no']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('SESSION.md: is a symlink that leads back to itself.');
  });

  it('CLAUDE.md linked to AGENTS.md: the report and the commit hint name the file that changed', () => {
    repo = tempRepo();
    repo.write('AGENTS.md', '# Rules\n');
    symlinkSync('AGENTS.md', join(repo.dir, 'CLAUDE.md'));
    const r = repo.run(['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/updated\s+AGENTS\.md\s+\(read by Claude Code, through the CLAUDE\.md link\)/);
    expect(r.stdout).toMatch(/git add [^\n]*AGENTS\.md/);
    expect(r.stdout).not.toMatch(/git add [^\n]*CLAUDE\.md/);
    expect(repo.run(['init']).stdout).toContain('Everything is up to date');
    expect(repo.run(['uninstall']).code).toBe(0);
    expect(repo.read('AGENTS.md')).toBe('# Rules\n');
  });

  it('a journal folder linked out of the repository: the commit goes through without an entry, one line says why, nothing is written outside', () => {
    repo = sessionRepo();
    const outside = join(repo.home, 'journal-elsewhere');
    mkdirSync(outside);
    rmSync(join(repo.dir, '.session'), { recursive: true, force: true });
    symlinkSync(outside, join(repo.dir, '.session'));
    repo.write('src/convert.js', 'export const table = { mm: 1 };\n');
    repo.git(['add', 'src/convert.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Table']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^git-session: journal entry skipped: .*outside the repository's work tree/m);
    expect(readdirSync(outside)).toEqual([]);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Table');

    const checkpoint = repo.run(['checkpoint']);
    expect(checkpoint.code).toBe(4);
    expect(readdirSync(outside)).toEqual([]);
  });
});

