import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';
import { preToolUseCommand, readInput, runHook, toldContext } from '../helpers/edit-hook.js';

// The edit-time hook on a history too long to read before the deadline: the call is
// silent and on time, the build goes on in one detached builder that outlives the
// hook, and a later call answers from the index it stored. Times are shortened with
// GIT_SESSION_TEST_EDIT_TIMES, the hand-off is put mid-build by a count of work
// (GIT_SESSION_TEST_EDIT_UNITS), and the builder is held at a gate until the test has
// seen it take over (GIT_SESSION_TEST_BUILDER_GATE): nothing here depends on how
// long anything takes.

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

const stateFile = (r: TempRepo, name: string) => join(r.dir, '.git', 'git-session', name);

/** Waits until `done` holds, bounded only to fail with a message rather than at the test's timeout. */
async function until(done: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A history whose every commit changes SESSION.md (one more decision, the last 30
 * kept) and one source file, written with git fast-import: reading it back means
 * parsing every version, by far the longest part of the build.
 */
function longHistory(r: TempRepo, commits: number): void {
  const base = r.read('SESSION.md');
  const marker = 'Write a decision as `- <what> — Reason: <why>`. -->\n';
  expect(base).toContain(marker);
  const head = r.git(['rev-parse', 'HEAD']).stdout.trim();
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const decisions: string[] = [];
  let stream = '';
  for (let i = 1; i <= commits; i++) {
    const file = `src/f${i % 5}.ts`;
    decisions.push(`- Decision ${i} for ${file} — Reason: reason ${i}`);
    const session = base.replace(marker, `${marker}${decisions.slice(-30).join('\n')}\n`);
    stream += `commit refs/heads/main\ncommitter Ada <ada@example.com> ${1764000000 + i} +0000\n${data(`commit ${i}`)}`;
    if (i === 1) stream += `from ${head}\n`;
    stream += `M 100644 inline ${file}\n${data(`content ${i}`)}M 100644 inline SESSION.md\n${data(session)}`;
  }
  r.git(['fast-import', '--quiet'], { input: stream });
  r.git(['reset', '-q', '--hard']);
}

describe('a build of the index that outlasts the hook', () => {
  it('is cut short: the call is silent, a detached builder stores the index, a later call answers', async () => {
    repo = initialised();
    longHistory(repo, 200);
    const file = join(repo.dir, 'src/f0.ts');
    const gate = join(repo.dir, '.git', 'test-gate');
    // Hand off in the middle of parsing the history (after 300 units of work: 200-odd
    // commits walked, then about a hundred texts parsed), then give up at once. The
    // builder waits at its gate, so the hand-off is seen however fast the machine is.
    const first = runHook(repo, readInput(repo, file, 's1'), {
      GIT_SESSION_TEST_EDIT_TIMES: '60000,0',
      GIT_SESSION_TEST_EDIT_UNITS: '300',
      GIT_SESSION_TEST_BUILDER_GATE: gate,
    });
    expect(first).toEqual({ code: 0, stdout: '', stderr: '' });
    // The hook returned before the index was there, and handed its lock to the builder.
    expect(existsSync(stateFile(repo, 'edit-index.json'))).toBe(false);
    const holder = Number(readFileSync(stateFile(repo, 'edit-index.building'), 'utf8').split('\n')[0]);
    expect(spawnSync('ps', ['-o', 'args=', '-p', String(holder)], { encoding: 'utf8' }).stdout).toContain('hook edit-index');
    // What the hook parsed before it stopped is kept for the builder: some texts, not all.
    const parsed = Object.keys(JSON.parse(readFileSync(stateFile(repo, 'items.json'), 'utf8')).blobs).length;
    expect(parsed).toBeGreaterThan(0);
    expect(parsed).toBeLessThan(200);
    writeFileSync(gate, '');
    await until(() => existsSync(stateFile(repo!, 'edit-index.json')), 'the detached build');
    await until(() => !existsSync(stateFile(repo!, 'edit-index.building')), 'the builder to free its lock');
    const later = runHook(repo, readInput(repo, file, 's2'));
    expect(later.code).toBe(0);
    expect(toldContext(later)).toContain('Decision 200 for src/f0.ts');
  });

  it('goes on in the detached builder when the hook is killed while it waits', async () => {
    repo = initialised();
    longHistory(repo, 100);
    const file = join(repo.dir, 'src/f0.ts');
    const gate = join(repo.dir, '.git', 'test-gate');
    // Hand off at once and wait long: the hook is killed (with its process group, as a
    // caller's timeout would) while the detached builder, held at its gate, works.
    const hook = spawn('sh', ['-c', preToolUseCommand(repo)], {
      cwd: repo.dir,
      env: { ...repo.env, CLAUDE_PROJECT_DIR: repo.dir, GIT_SESSION_TEST_EDIT_TIMES: '0,60000', GIT_SESSION_TEST_BUILDER_GATE: gate },
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    hook.stdin.end(JSON.stringify(readInput(repo, file, 's1')));
    const gone = new Promise((resolve) => hook.on('exit', resolve));
    // Killed once the lock is handed on: its holder is then a process outside the hook's group.
    const handedOn = () => {
      let pid: number;
      try {
        pid = Number(readFileSync(stateFile(repo!, 'edit-index.building'), 'utf8').split('\n')[0]);
      } catch {
        return false;
      }
      const group = spawnSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
      return group !== '' && Number(group) !== hook.pid;
    };
    await until(handedOn, 'the hand-off', 20_000);
    process.kill(-hook.pid!, 'SIGKILL');
    await gone;
    writeFileSync(gate, '');
    await until(() => existsSync(stateFile(repo!, 'edit-index.json')), 'the detached build');
    await until(() => !existsSync(stateFile(repo!, 'edit-index.building')), 'the builder to free its lock');
    expect(toldContext(runHook(repo, readInput(repo, file, 's2')))).toContain('Decision 100 for src/f0.ts');
  });

  it('calls made at once each get the answer of the one build when they wait long enough', async () => {
    repo = initialised();
    decideAndCommit(repo, 'Cache by blob id', 'src/cache.ts');
    const runs = [1, 2, 3].map(
      (n) =>
        new Promise<string>((resolve) => {
          const child = spawn('sh', ['-c', preToolUseCommand(repo!)], {
            cwd: repo!.dir,
            env: { ...repo!.env, CLAUDE_PROJECT_DIR: repo!.dir, GIT_SESSION_TEST_EDIT_TIMES: '0,20000' },
            stdio: ['pipe', 'pipe', 'ignore'],
          });
          let out = '';
          child.stdout.on('data', (c: Buffer) => (out += c.toString()));
          child.on('close', () => resolve(out));
          child.stdin.end(JSON.stringify(readInput(repo!, join(repo!.dir, 'src/cache.ts'), `s${n}`)));
        }),
    );
    for (const stdout of await Promise.all(runs)) expect(toldContext({ stdout })).toContain('Cache by blob id');
    expect(existsSync(stateFile(repo, 'edit-index.building'))).toBe(false);
  });
});
