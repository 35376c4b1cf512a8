import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TIMEOUT_MS, type TempRepo } from '../helpers/repo.js';
import { addDecisionLine, code, gitNoTty, journalHeadings, residue, sessionRepo } from './commit-setup.js';

let repo: TempRepo | undefined;
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
afterEach(() => repo?.cleanup());

function ourLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('git-session:'));
}

/**
 * Runs `command` at a terminal (`script`), as a person would type it. `onOutput` sees
 * what it printed so far and may type into it once. Killed, with the commit it started,
 * when it does not end in time.
 */
function inTerminal(r: TempRepo, command: string, onOutput?: (text: string, type: (keys: string) => void) => void): Promise<{ status: number | null; out: string }> {
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: r.dir, env: r.env });
  let out = '';
  let typed = false;
  const type = (keys: string) => {
    if (typed) return;
    typed = true;
    child.stdin.write(keys);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      spawnSync('pkill', ['-KILL', '-f', 'git commit -q -m Add units']);
      reject(new Error(`no exit within ${TIMEOUT_MS} ms: ${out}`));
    }, TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      onOutput?.(out, type);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code, out });
    });
  });
}

describe('the menu at a terminal', () => {
  it.skipIf(!hasScript)('Ctrl-C stops the commit, as at any other prompt', async () => {
    repo = sessionRepo();
    repo.write('src/units.js', code(30));
    repo.git(['add', '-A']);
    const head = repo.git(['rev-parse', 'HEAD']).stdout;
    // In raw mode the terminal sends no SIGINT: the byte reaches the menu. It is typed once
    // the menu shows (typed earlier, the terminal would still turn it into a signal).
    const { status, out } = await inTerminal(repo, 'git commit -q -m "Add units"', (text, type) => {
      if (text.includes('[Enter/n] skip: ')) type('\x03');
    });
    expect(out).toContain('commit aborted (Ctrl-C)');
    expect(status).not.toBe(0);
    expect(repo.git(['rev-parse', 'HEAD']).stdout).toBe(head);
  });
});

describe('a commit started in the background at a terminal', () => {
  it.skipIf(!hasScript)('gets no menu, which would stop it for ever reading the terminal, and goes through', async () => {
    repo = sessionRepo();
    repo.write('src/units.js', code(30));
    repo.git(['add', '-A']);
    const head = repo.git(['rev-parse', 'HEAD']).stdout;
    // A shell with job control puts the job in a process group of its own, not the terminal's.
    const { status, out } = await inTerminal(repo, `sh -c 'set -m; git commit -q -m "Add units" & wait $!'`);
    expect(status, out).toBe(0);
    expect(out).not.toContain('[Enter/n] skip');
    expect(repo.git(['rev-parse', 'HEAD']).stdout).not.toBe(head);
  });
});

describe('a staged SESSION.md that is not text', () => {
  it.each([
    ['NUL bytes', Buffer.from('\n\x00\x01 junk\n'), 'looks binary'],
    ['invalid UTF-8', Buffer.from([0x0a, 0xff, 0xfe, 0x0a]), 'is not valid UTF-8'],
  ])('%s: the commit goes through with one line that says so', (_name, junk, says) => {
    repo = sessionRepo();
    const path = join(repo.dir, 'SESSION.md');
    writeFileSync(path, Buffer.concat([readFileSync(path), junk]));
    repo.write('src/units.js', code(30));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Broken bytes']);
    expect(r.code, r.stderr).toBe(0);
    const lines = ourLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`SESSION.md: ${says}`);
    expect(residue(repo)).toBe('');
  });
});

describe('a secret added to SESSION.md', () => {
  // Built at run time so no scanner flags this file itself.
  const key = ['AKIA', 'QX3RT7', 'EXAMPLE7Z2'].join('');
  const password = ['hunter', '2xyz'].join('');

  it('is refused before it reaches history; without it the commit goes through', () => {
    repo = sessionRepo();
    addDecisionLine(repo, `- Deploy with key ${key} — Reason: password=${password} works`);
    repo.write('src/units.js', code(30));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Deploy']);
    expect(r.code).not.toBe(0);
    expect(ourLines(r.stderr)).toEqual([expect.stringContaining('commit refused: SESSION.md holds what looks like a secret (aws-access-key, secret-assignment)')]);
    expect(r.stderr).toContain('--no-verify');
    const history = () => repo!.git(['log', '-p', '--all', '--format=%B']).stdout;
    expect(history()).not.toContain(key);

    repo.write('SESSION.md', repo.read('SESSION.md').replace(key, 'the deploy key').replace(`password=${password}`, 'the vault'));
    repo.git(['add', '-A']);
    const ok = gitNoTty(repo, ['commit', '-q', '-m', 'Deploy']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(journalHeadings(repo, 'HEAD')).toHaveLength(2);
    expect(history()).not.toContain(key);
    expect(history()).not.toContain(password);
  });
});

describe('a secret hidden from a plain scan', () => {
  const token = ['ghp_', '1234567890abcdefghij', 'ABCDEFGHIJ123456'].join('');
  const [head, tail] = [token.slice(0, 2), token.slice(2)];
  const zwsp = String.fromCharCode(0x200b);

  it.each([
    ['a zero-width space', `${head}${zwsp}${tail}`],
    ['a markdown escape', token.replace('_', '\\_')],
    ['an escape sequence', `${token.slice(0, 10)}\x1b[0m${token.slice(10)}`],
  ])('by %s is refused before it reaches history', (_name, hidden) => {
    repo = sessionRepo();
    const before = repo.git(['rev-parse', 'HEAD']).stdout;
    addDecisionLine(repo, `- Use ${hidden} for the bot — Reason: it works`);
    repo.write('src/units.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Bot']);
    expect(r.code).not.toBe(0);
    expect(ourLines(r.stderr)).toEqual([expect.stringContaining('commit refused: SESSION.md holds what looks like a secret (')]);
    expect(repo.git(['rev-parse', 'HEAD']).stdout).toBe(before);
    expect(repo.git(['log', '-p', '--all', '--format=%B']).stdout).not.toContain(tail);
  });

  it('in a session file that cannot be read is refused all the same', () => {
    repo = sessionRepo();
    repo.write('SESSION.md', `---\nfoo: [unclosed\n---\n${repo.read('SESSION.md')}\nThe token ${token}\n`);
    repo.write('src/units.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Leak']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('commit refused: SESSION.md holds what looks like a secret (');
    expect(repo.git(['log', '-p', '--all', '--format=%B']).stdout).not.toContain(token);
    // Taken out, the file still cannot be read, and the commit goes through with one line saying so.
    repo.write('SESSION.md', repo.read('SESSION.md').replace(token, 'the bot token'));
    repo.git(['add', '-A']);
    const ok = gitNoTty(repo, ['commit', '-q', '-m', 'No leak']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('this commit records no session state');
  });

  it('in an unreadable session file the commit leaves as it was is not the commit\'s to refuse', () => {
    repo = sessionRepo({ config: '[prompt]\n\tmode = strict\n' });
    repo.write('SESSION.md', `---\nfoo: [unclosed\n---\n${repo.read('SESSION.md')}\nThe token ${token}\n`);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Committed before']);
    repo.write('src/units.js', code(3));
    repo.git(['add', 'src/units.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Code only']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('looks like a secret');
  });
});

describe('names the journal records', () => {
  const key = ['AKIA', 'QX3RT7', 'EXAMPLE7Z2'].join('');
  const token = ['ghp_', '1234567890abcdefghij', 'ABCDEFGHIJ123456'].join('');

  it('a branch, an author and a file name reach the journal without terminal control or secrets', () => {
    repo = sessionRepo();
    repo.git(['checkout', '-q', '-b', `feat-${token}`]);
    const file = `evil\x1b[31mred\x1b[0m-${key}\u202e.txt`;
    repo.write(file, 'x\n');
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Names'], { GIT_AUTHOR_NAME: `Mal\x1b]0;pwned\x07ory ${key}` });
    expect(r.code, r.stderr).toBe(0);
    const committed = repo.git(['log', '-1', '-p', '--format=%B', '--', '.session']).stdout;
    expect(committed).toContain('· feat-[REDACTED:github-token] · Malory [REDACTED:aws-access-key] <');
    expect(committed).toContain('  - evilred-[REDACTED:aws-access-key].txt (+1 -0)');
    expect(committed).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    expect(committed).not.toContain(key);
    expect(committed).not.toContain(token);
    // Nor do the readers show them, from git's subject, author and file names.
    repo.git(['commit', '-q', '--allow-empty', '--no-verify', '-m', `Rotate ${key}`]);
    for (const args of [['log'], ['log', '--format', 'json'], ['review', 'HEAD~2..HEAD'], ['review', 'HEAD~2..HEAD', '--format', 'json'], ['standup', '--since', '2000-01-01'], ['show'], ['context'], ['context', '--format', 'json'], ['why', file]]) {
      const out = repo.run(args);
      expect(out.code, `${args.join(' ')}: ${out.stderr}`).toBe(0);
      expect(out.stdout, args.join(' ')).not.toContain(key);
      expect(out.stdout, args.join(' ')).not.toContain(token);
    }
    expect(repo.run(['log', '--format', 'json']).stdout).toContain('Rotate [REDACTED:aws-access-key]');
  });
});

describe('the journal follows the author date git exports', () => {
  /** A commit of a new file, dated `date` as git exports it to the hooks. */
  const commit = (name: string, date: string) => {
    repo!.write(`src/${name}.js`, code(3, name));
    repo!.git(['add', '-A']);
    const r = gitNoTty(repo!, ['commit', '-q', '-m', name], { GIT_AUTHOR_DATE: date });
    expect(r.code, r.stderr).toBe(0);
  };

  it('a late Sunday and an early Monday land in their own ISO weeks, with the time between them', () => {
    repo = sessionRepo();
    commit('friday', '2026-01-02T09:00:00+01:00');
    commit('sunday', '2026-01-04T23:30:00+01:00');
    commit('monday', '2026-01-05T00:10:00+01:00');
    const week1 = repo.read('.session/journal/2026-W01.md');
    const week2 = repo.read('.session/journal/2026-W02.md');
    expect(week1).toMatch(/### 2026-01-04 23:30 \+01:00 · commit [^\n]*\n(?:.*\n)*?- Since previous entry: 2d 14h\n/);
    expect(week2).toMatch(/^### 2026-01-05 00:10 \+01:00 · commit .*\n(?:.*\n)*?- Since previous entry: 40m\n/);
    expect(residue(repo)).toBe('');
  });

  it('measures "since previous entry" between the headings, and gives none to an entry dated before the last', () => {
    repo = sessionRepo();
    commit('first', '2026-01-07T10:00:50Z');
    // Twenty seconds later, but in the next minute: the headings say a minute apart.
    commit('second', '2026-01-07T10:01:10Z');
    commit('backdated', '2026-01-05T09:00:00Z');
    commit('after', '2026-01-07T10:05:00Z');
    const since = new Map<string, string | null>();
    for (const entry of repo.read('.session/journal/2026-W02.md').split(/^(?=### )/m)) {
      const heading = /^### (\S+ \S+)/.exec(entry)?.[1];
      if (heading) since.set(heading, /^- Since previous entry: (.*)$/m.exec(entry)?.[1] ?? null);
    }
    expect(Object.fromEntries(since)).toMatchObject({
      '2026-01-07 10:01': '1m',
      '2026-01-05 09:00': null,
      '2026-01-07 10:05': '2d 1h',
    });
    expect(residue(repo)).toBe('');
  });
});

describe('a commit that adds very many decisions', () => {
  it('carries the first 40 as trailers, says so in one line, and journals them all', () => {
    repo = sessionRepo();
    for (let i = 0; i < 120; i++) addDecisionLine(repo, `- Decision number ${i} ${'with a long explanation '.repeat(8)}`);
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Many decisions']);
    expect(r.code, r.stderr).toBe(0);
    expect(ourLines(r.stderr).some((l) => /more decisions and dead ends are in the journal entry only/.test(l))).toBe(true);
    const values = repo.git(['log', '-1', '--format=%(trailers:key=Decision,valueonly,unfold,separator=%x1e)']).stdout.trim().split('\x1e');
    expect(values.length).toBeGreaterThan(0);
    expect(values.length).toBeLessThanOrEqual(40);
    expect(values[0]).toContain('Decision number 0 ');
    const journal = repo.git(['show', 'HEAD', '--', '.session']).stdout;
    expect(journal.match(/^\+- Decision: Decision number/gm)?.length).toBe(120);
    expect(residue(repo)).toBe('');
  });
});
