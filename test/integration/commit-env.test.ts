import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN_DIR, TIMEOUT_MS, installAsDevDependency, type TempRepo } from '../helpers/repo.js';
import { code, gitNoTty, journalFilesIn, residue, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
/** util-linux `script` gives git a pseudo-terminal, as a person's shell has. */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
afterEach(() => repo?.cleanup());

/** A commit big enough to count as substantial that leaves SESSION.md alone. */
function stageStaleChange(r: TempRepo): void {
  r.write('src/units.js', code(30));
  r.git(['add', '-A']);
}

function ourLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('git-session:'));
}

describe('a substantial commit that leaves SESSION.md alone', () => {
  it('no terminal: one reminder line, never a wait', () => {
    repo = sessionRepo();
    stageStaleChange(repo);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Add units']);
    expect(r.code, r.stderr).toBe(0);
    expect(ourLines(r.stderr)).toHaveLength(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('SESSION.md was not updated by this commit (1 file, 30 lines changed)');
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('');
  });

  it('CI=true: one line, even where a terminal could be opened', () => {
    repo = sessionRepo();
    stageStaleChange(repo);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Add units'], { CI: 'true' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prompt.mode off: silence', () => {
    repo = sessionRepo({ config: '[prompt]\n\tmode = off\n' });
    stageStaleChange(repo);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Add units']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('an assistant is told exactly what to run, and the commit goes through', () => {
    repo = sessionRepo();
    repo.write('src/format.js', code(2));
    repo.git(['add', '-A']);
    gitNoTty(repo, ['commit', '-q', '-m', 'Small one']);
    stageStaleChange(repo);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Add units'], { CLAUDECODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Note for Claude Code');
    expect(r.stderr).toContain("git session decide '<what was decided>' --because '<why>'");
    expect(r.stderr).toContain('git session dead-end');
    expect(r.stderr).toContain('git session set-status');
    expect(r.stderr).toContain('git commit --amend --no-edit');
    expect(r.stderr).toContain('1 earlier commit since it last changed');
  });

  it.each([
    ['GIT_SESSION_AGENT', 'git-session agent'],
    ['GEMINI_CLI', 'Gemini CLI'],
  ])('%s=1 marks an assistant too', (marker, name) => {
    repo = sessionRepo();
    stageStaleChange(repo);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Add units'], { [marker]: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Note for ${name}:`);
    expect(r.stderr).toContain("git session decide '<what was decided>' --because '<why>'");
    expect(r.stderr).not.toContain('record decisions with:');
  });

  it('without git-session on PATH (a dev dependency), every command printed says npx git-session', () => {
    repo = sessionRepo();
    // As after `npm install --save-dev git-session`: the hooks run the project's copy.
    installAsDevDependency(repo.dir);
    repo.write('.gitignore', 'node_modules/\n');
    stageStaleChange(repo);
    const path = (repo.env.PATH ?? '').split(':').filter((p) => p !== BIN_DIR).join(':');
    const agent = gitNoTty(repo, ['commit', '-q', '-m', 'Add units'], { CLAUDECODE: '1', PATH: path });
    expect(agent.code, agent.stderr).toBe(0);
    expect(agent.stderr).toContain("npx git-session decide '<what was decided>' --because '<why>'");
    expect(agent.stderr).toContain('npx git-session set-status');
    expect(agent.stderr).not.toMatch(/(^|[^-])git session /m);
    repo.write('src/more.js', code(30, 'y'));
    repo.git(['add', '-A']);
    const person = gitNoTty(repo, ['commit', '-q', '-m', 'More units'], { PATH: path });
    expect(person.stderr).toContain("record decisions with: npx git-session decide '<what>'");
    repo.write('src/most.js', code(30, 'z'));
    repo.git(['add', '-A']);
    const strict = gitNoTty(repo, ['commit', '-q', '-m', 'Most units'], { PATH: path, GIT_SESSION_MODE: 'strict' });
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('  npx git-session decide');
    expect(strict.stderr).not.toMatch(/(^|[^-])git session /m);
  });

  it('strict: the assistant is refused (exit 6 from the hook), fixes SESSION.md and commits', () => {
    repo = sessionRepo({ config: '[prompt]\n\tmode = strict\n' });
    stageStaleChange(repo);
    const hook = repo.run(['hook', 'pre-commit'], { env: { CLAUDECODE: '1' } });
    expect(hook.code).toBe(6);
    const refused = gitNoTty(repo, ['commit', '-q', '-m', 'Add units'], { CLAUDECODE: '1' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('commit refused');
    expect(refused.stderr).toContain('git add SESSION.md');
    expect(repo.git(['rev-list', '--count', 'HEAD']).stdout.trim()).toBe('2');
    expect(residue(repo)).toBe('A  src/units.js\n');

    const decided = repo.run(['decide', 'Keep units in one table', '--because', 'a lookup beats a switch']);
    expect(decided.code, decided.stderr).toBe(0);
    repo.git(['add', 'SESSION.md']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Add units'], { CLAUDECODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep units in one table — a lookup beats a switch']);
    expect(residue(repo)).toBe('');
  });

  it('strict without a terminal: a person is refused with the way out', () => {
    repo = sessionRepo();
    stageStaleChange(repo);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Add units'], { GIT_SESSION_MODE: 'strict' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('prompt.mode is strict');
    expect(r.stderr).toContain('git commit --no-verify');
    const bypass = gitNoTty(repo, ['commit', '-q', '--no-verify', '-m', 'Add units'], { GIT_SESSION_MODE: 'strict' });
    expect(bypass.code, bypass.stderr).toBe(0);
  });

  it.skipIf(!hasScript)('a person at a terminal records a decision from the menu, and it lands in this commit', () => {
    repo = sessionRepo();
    stageStaleChange(repo);
    const keys = 'd' + 'Look units up in one table\n' + 'a switch grew too long\n' + 'n';
    const r = spawnSync('script', ['-qec', 'git commit -q -m "Add units"', '/dev/null'], {
      cwd: repo.dir,
      env: repo.env,
      input: keys,
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
    });
    expect(r.error).toBeUndefined();
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain('[d]ecision');
    expect(trailerValues(repo, 'Decision')).toEqual(['Look units up in one table — a switch grew too long']);
    expect(repo.git(['show', 'HEAD:SESSION.md']).stdout).toContain('- Look units up in one table — Reason: a switch grew too long');
    expect(residue(repo)).toBe('');
  });

  it.skipIf(!hasScript)('[o] opens SESSION.md in the editor on the terminal, and the edit lands in this commit', () => {
    repo = sessionRepo();
    stageStaleChange(repo);
    repo.write('../edit.sh', `#!/bin/sh\nsed -i 's/^## Dead Ends/- Edited in the editor — Reason: menu option o\\n\\n## Dead Ends/' "$1"\n`);
    const editor = `sh ${repo.dir}/../edit.sh`;
    const r = spawnSync('script', ['-qec', 'git commit -q -m "Add units"', '/dev/null'], {
      cwd: repo.dir,
      env: { ...repo.env, EDITOR: editor, VISUAL: editor },
      input: 'on',
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
    });
    expect(r.error).toBeUndefined();
    expect(r.status, r.stdout).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Edited in the editor — menu option o']);
    expect(residue(repo)).toBe('');
  });
});

describe('never in the way', () => {
  it('a corrupted SESSION.md: the commit goes through with one line', () => {
    repo = sessionRepo();
    repo.write('SESSION.md', '---\ngoal: [never closed\n---\n' + repo.read('SESSION.md'));
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Broken front matter']);
    expect(r.code, r.stderr).toBe(0);
    expect(ourLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('SESSION.md');
    expect(residue(repo)).toBe('');
  });

  it('an unwritable journal: the commit goes through with one line', () => {
    repo = sessionRepo({ config: '[journal]\n\tpath = .session/journal.md\n' });
    rmSync(join(repo.dir, '.session', 'journal.md'));
    mkdirSync(join(repo.dir, '.session', 'journal.md'));
    repo.write('src/format.js', code(3));
    repo.git(['add', 'src/format.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Journal is a folder']);
    expect(r.code, r.stderr).toBe(0);
    expect(ourLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('journal entry skipped');
    expect(r.stderr).toContain('.session/journal.md');
  });

  it('a missing binary: the commit goes through with one line', () => {
    repo = sessionRepo();
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const path = (repo.env.PATH ?? '').split(':').filter((p) => p !== BIN_DIR).join(':');
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'No binary'], { PATH: path });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('git-session: not found')]);
    expect(journalFilesIn(repo)).toEqual([]);
  });
});
