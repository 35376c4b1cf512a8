import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { installAsDevDependency, type TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';

// A desktop git client, or a node that only an interactive shell's version manager sets
// up, runs git with a PATH that has no node, though the project installed git-session.

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** A PATH folder with what git and the hook scripts run, and no node. */
function pathWithoutNode(r: TempRepo): string {
  const dir = join(r.home, 'no-node-bin');
  mkdirSync(dir, { recursive: true });
  const tools = ['sh', 'dash', 'bash', 'git', 'cat', 'rm', 'mv', 'cp', 'mkdir', 'ls', 'xargs', 'awk', 'sed', 'grep', 'head', 'tail', 'tr', 'env', 'ps', 'readlink', 'dirname', 'basename', 'date', 'printf', 'true', 'false', 'test', 'id', 'uname'];
  for (const tool of tools) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found.startsWith('/')) symlinkSync(found, join(dir, tool));
  }
  expect(spawnSync(join(dir, 'sh'), ['-c', 'command -v node'], { env: { PATH: dir } }).status).not.toBe(0);
  return dir;
}

describe('git without node on its PATH', () => {
  it('commits with one line, stages the session file as it is, and switches branches', () => {
    repo = initialised();
    const r = repo;
    // As npm install lays it out: the hook lines find the package in node_modules.
    installAsDevDependency(r.dir);
    r.write('.gitignore', 'node_modules/\n');
    decideAndCommit(r, 'Keep it small', 'a.js');
    const env = { PATH: pathWithoutNode(r) };

    r.write('a.js', 'changed\n');
    r.git(['add', 'a.js'], { env });
    const commit = r.git(['commit', '-q', '-m', 'Without node'], { env, allowFail: true });
    expect(commit.code, commit.stderr).toBe(0);
    expect(commit.stderr).toBe(
      'git-session: node is not on the PATH git runs hooks with, so this commit skips session capture (fix: make node reachable from that PATH, for example by starting your git client from a shell that has it, or: git session uninstall)\n',
    );
    expect(r.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Without node');

    // The filter's fallback gets git's pipe whole: the file is staged as it is, never empty.
    r.write('SESSION.md', r.read('SESSION.md').replace(/^- Keep it small.*$/m, (line) => `${line}\n- a note`));
    const add = r.git(['add', 'SESSION.md'], { env, allowFail: true });
    expect(add.code, add.stderr).toBe(0);
    const staged = r.git(['show', ':SESSION.md']).stdout;
    expect(staged).toContain('- Keep it small');
    expect(staged).toContain('- a note');
    r.git(['commit', '-q', '-m', 'A note'], { env });

    // Private text the fallback must not let in, however its heading is written.
    for (const section of ['## PRIVATE\nsecret plan', '### Private notes\nsecret plan', 'Personal\n--------\nsecret plan', 'x <!-- PRIVATE -->secret plan<!-- /PRIVATE -->']) {
      const before = r.read('SESSION.md');
      r.write('SESSION.md', `${before.replace(/\n## Private[\s\S]*$/, '')}\n${section}\n`);
      const refused = r.git(['add', 'SESSION.md'], { env, allowFail: true });
      expect(refused.code, section).not.toBe(0);
      expect(refused.stderr).toContain('holds private text, so it is not staged');
      expect(r.git(['show', ':SESSION.md']).stdout).not.toContain('secret plan');
      r.write('SESSION.md', before);
    }

    r.git(['checkout', '-q', '-b', 'side', 'HEAD~1'], { env });
    const back = r.git(['checkout', '-q', 'main'], { env, allowFail: true });
    expect(back.code, back.stderr).toBe(0);
    expect(r.git(['status', '--porcelain']).stdout).toBe('');
    expect(r.read('SESSION.md')).toContain('- a note');
  });
});
