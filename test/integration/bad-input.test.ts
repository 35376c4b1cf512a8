import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const COMMANDS: string[][] = [['status'], ['decide', 'x', '--because', 'y'], ['dead-end', 'x'], ['set-status', 'x'], ['key-file', 'a.ts']];

describe('bad input is refused with the documented exit codes', () => {
  it.each(COMMANDS)('%s outside a repository exits 3', (...args) => {
    repo = tempRepo();
    const outside = join(repo.home, 'not-a-repo');
    mkdirSync(outside);
    const r = repo.run(args, { cwd: outside });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('not inside a git repository');
  });

  it('a bare repository exits 3', () => {
    repo = tempRepo({ bare: true });
    const r = repo.run(['status']);
    expect(r.code).toBe(3);
  });

  it('a work tree named by GIT_WORK_TREE with the current folder outside it exits 3 naming the work tree', () => {
    repo = tempRepo();
    const outside = join(repo.home, 'elsewhere');
    mkdirSync(outside);
    const r = repo.run(['decide', 'x', '--because', 'y'], { cwd: outside, env: { GIT_DIR: join(repo.dir, '.git'), GIT_WORK_TREE: repo.dir } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`is outside the work tree git is pointed at (${repo.dir}`);
    expect(r.stderr).toContain(`cd ${repo.dir}`);
    expect(r.stderr).not.toContain('bare');
  });

  it.each(COMMANDS)('%s with SESSION.md missing exits 4 and says to run git session init', (...args) => {
    repo = tempRepo();
    const r = repo.run(args);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('SESSION.md: does not exist.');
    expect(r.stderr).toContain('git session init');
  });

  const bad: [string, string | Buffer, RegExp][] = [
    ['binary', Buffer.from([0x23, 0x20, 0x00, 0x01, 0x0a]), /SESSION\.md: looks binary/],
    ['not UTF-8', Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]), /SESSION\.md: is not valid UTF-8/],
    ['over 1 MB', '# S\n' + 'x'.repeat(1024 * 1024 + 10), /SESSION\.md: is \d+ bytes, over the 1 MB limit/],
    ['malformed YAML', '---\ngoal: [oops\n---\n# S\n', /^git-session: SESSION\.md: has malformed YAML front matter \([^)]*\d\)\. Fix the YAML/],
    ['---js front matter', '---js\n{ goal: require("fs") }\n---\n# S\n## Decisions\n', /SESSION\.md: has `---js` front matter, which is never evaluated/],
  ];

  it.each(bad)('a %s SESSION.md exits 4 with a message naming the file', (_name, content, message) => {
    repo = tempRepo();
    writeFileSync(join(repo.dir, 'SESSION.md'), content);
    for (const args of [['status'], ['decide', 'x', '--because', 'y']]) {
      const r = repo.run(args);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(message);
    }
  });

  it.each(bad.slice(0, 3))('a %s SESSION.md committed: show exits 4 as status does, naming the commit', (_name, content, message) => {
    repo = tempRepo();
    writeFileSync(join(repo.dir, 'SESSION.md'), content);
    repo.git(['add', 'SESSION.md']);
    repo.git(['commit', '-q', '-m', 'bad']);
    const at = repo.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
    expect(repo.run(['status']).code).toBe(4);
    for (const format of ['md', 'json']) {
      const r = repo.run(['show', '--format', format]);
      expect(r.code).toBe(4);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(message.source.replace('SESSION\\.md:', `SESSION\\.md at ${at}:`)));
      expect(r.stderr).toContain('Pick another commit or date');
    }
  });

  it('a SESSION.md that links to nothing: every command names the link and its target, and init refuses to write through it', () => {
    repo = tempRepo();
    symlinkSync('notes/gone.md', join(repo.dir, 'SESSION.md'));
    for (const args of [['status'], ['decide', 'x', '--because', 'y']]) {
      const r = repo.run(args);
      expect(r.code).toBe(4);
      expect(r.stderr).toBe(
        'git-session: SESSION.md: is a symlink to notes/gone.md, which does not exist. Create the file it points to, or remove the link (rm SESSION.md) and run `git session init` to make a new one.\n',
      );
    }
    const init = repo.run(['init']);
    expect(init.code).toBe(4);
    expect(init.stderr).toMatch(/^git-session: SESSION\.md: is a symlink to notes\/gone\.md, which does not exist\. Create the file it points to, or remove the link/);
    expect(existsSync(join(repo.dir, 'notes'))).toBe(false);
    expect(repo.git(['status', '--porcelain', '--untracked-files=all']).stdout).toBe('?? SESSION.md\n');
  });

  const settings: [string, Buffer, string][] = [
    [
      'in Latin-1',
      Buffer.concat([Buffer.from('[prompt]\n\tmode = strict\n[session]\n\tkeep = Notes, '), Buffer.from([0x43, 0x61, 0x66, 0xe9]), Buffer.from('\n')]),
      '.gitsession: line 4: is not UTF-8 text (Latin-1, perhaps). Save it as UTF-8 (for example: iconv -f latin1 -t utf-8 .gitsession > .gitsession.utf8 && mv .gitsession.utf8 .gitsession), or remove it to use the defaults.',
    ],
    [
      'holding a NUL byte',
      Buffer.from('[prompt]\n\tmode = strict\0\n'),
      '.gitsession: line 2: holds a NUL byte, so this is not a text file. Restore it from git (git checkout -- .gitsession) or take the NUL out, or remove the file to use the defaults.',
    ],
    [
      'with a double quote left open',
      Buffer.from('[session]\n\tkeep = Gotchas\n[prompt]\n\tmode = "strict\n'),
      '.gitsession: line 4: a double quote in the value is never closed. Close the quote (or escape it as \\"); git itself refuses this line.',
    ],
  ];

  it.each(settings)('a .gitsession %s exits 4, naming the file, the line and the fix', (_name, content, message) => {
    repo = tempRepo();
    repo.write('SESSION.md', '# S\n\n## Decisions\n');
    writeFileSync(join(repo.dir, '.gitsession'), content);
    for (const args of [['status'], ['decide', 'x', '--because', 'y']]) {
      const r = repo.run(args);
      expect(r.code).toBe(4);
      expect(r.stderr).toBe(`git-session: ${message}\n`);
    }
    expect(repo.read('SESSION.md')).toBe('# S\n\n## Decisions\n');
  });

  it('a .gitsession that links to nothing exits 4, naming the link and its target', () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# S\n\n## Decisions\n');
    symlinkSync('team/settings', join(repo.dir, '.gitsession'));
    const r = repo.run(['status']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      'git-session: .gitsession: is a symlink to team/settings, which does not exist. Create the file it points to, or replace the link with the settings file itself (rm .gitsession, then `git session init` writes the defaults).\n',
    );
  });

  it('a directory named SESSION.md exits 4', () => {
    repo = tempRepo();
    mkdirSync(join(repo.dir, 'SESSION.md'));
    const r = repo.run(['decide', 'x']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('SESSION.md: is a directory');
  });

  it('init with a file where a folder must go exits 4, names it and writes nothing', () => {
    repo = tempRepo();
    repo.write('.claude', 'notes\n');
    const r = repo.run(['init']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^git-session: \.claude: is a file where git-session needs a folder \(for \.claude\/settings\.json\)\. Rename or move/);
    expect(repo.git(['status', '--porcelain', '--untracked-files=all']).stdout).toBe('?? .claude\n');
  });

  it('a read-only SESSION.md exits 5 and is left as it was', () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# S\n\n## Decisions\n');
    chmodSync(join(repo.dir, 'SESSION.md'), 0o444);
    const r = repo.run(['decide', 'x', '--because', 'y']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^git-session: SESSION\.md: is read-only .*chmod u\+w/);
    expect(repo.read('SESSION.md')).toBe('# S\n\n## Decisions\n');
  });
});
