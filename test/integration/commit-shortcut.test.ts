import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installAsDevDependency, type TempRepo } from '../helpers/repo.js';
import { code, gitNoTty, residue, SESSION, sessionRepo } from './commit-setup.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

/**
 * A repository as `npm install --save-dev git-session` lays it out (the hook lines source
 * the package's functions, and the shortcut runs only for that copy), with a `node` on
 * PATH that logs each start of the binary.
 */
function devRepo(config?: string): { repo: TempRepo; starts: () => number } {
  const session = SESSION.replace('Length units convert; temperature is next.', 'Length units convert — "temperature" is next, $HOME `x` \\ ünïcode');
  const repo = sessionRepo({ session, ...(config ? { config } : {}) });
  repos.push(repo);
  installAsDevDependency(repo.dir);
  repo.write('.gitignore', 'node_modules/\n');
  repo.git(['add', '.gitignore']);
  repo.git(['commit', '-q', '--no-verify', '-m', 'Ignore node_modules']);
  const bin = join(repo.home, 'counting-bin');
  const log = join(repo.home, 'node-starts.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'node'), `#!/bin/sh\ncase "$*" in *cli.js*) echo x >> "${log}" ;; esac\nexec "${process.execPath}" "$@"\n`);
  chmodSync(join(bin, 'node'), 0o755);
  repo.env.PATH = `${bin}:${repo.env.PATH}`;
  const starts = () => {
    const n = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
    rmSync(log, { force: true });
    return n;
  };
  return { repo, starts };
}

/** The journal as text, each entry's random id masked. */
function journal(repo: TempRepo): string {
  const files = repo.git(['ls-files', '.session/journal']).stdout.split('\n').filter(Boolean);
  // Commit ids too: the entries' ids make the two repositories' commits differ.
  // And the times of entries written at the real time (the setup's, a revert's), which a minute may part between the two.
  const masked = (text: string) =>
    text
      .replace(/^- Entry: [0-9a-f]{12}$/gm, '- Entry: <id>')
      .replace(/^- Reverts: [0-9a-f]{7,} /gm, '- Reverts: <commit> ')
      .replace(/^### \d{4}-\d{2}-\d{2} \d{2}:\d{2} (?!\+02:00)/gm, '### <now> ');
  return files.map((f) => `== ${f}\n${masked(repo.read(f))}`).join('');
}

const at = (day: number, hh: number, mm: number) => {
  // Monday 2026-11-30 in +02:00, then on.
  const t = Date.UTC(2026, 10, 30, hh - 2, mm) / 1000 + day * 86_400;
  return { GIT_AUTHOR_DATE: `@${t} +0200`, GIT_COMMITTER_DATE: `@${t} +0200` };
};

type Step = { what: string; when: ReturnType<typeof at>; change: (r: TempRepo) => void; commit: string[]; nodeInA: boolean; fails?: boolean; env?: Record<string, string> };

/**
 * Runs the same steps in two repositories, `a` as users run it and `b` with the shortcut
 * off, and holds every step to the same messages and journal in both, with the binary
 * started in `a` only where the step says.
 */
function differential(steps: Step[], config?: string): { a: TempRepo; b: TempRepo } {
  const a = devRepo(config);
  const b = devRepo(config);
  const off = { GIT_SESSION_NO_SHORTCUT: '1' };
  const failMsg = (repo: TempRepo, on: boolean) => {
    const hook = join(repo.dir, '.git', 'hooks', 'commit-msg');
    const text = readFileSync(hook, 'utf8').replace(/^\[ -e \.dead \] && exit 1\n/m, '');
    writeFileSync(hook, on ? text.replace('#!/bin/sh\n', '#!/bin/sh\n[ -e .dead ] && exit 1\n') : text);
  };
  a.starts();
  b.starts();
  for (const step of steps) {
    const said: string[] = [];
    for (const [r, env] of [
      [a, {}],
      [b, off],
    ] as const) {
      step.change(r.repo);
      // Only the commit's own starts count: not the record commands' before it.
      r.starts();
      failMsg(r.repo, Boolean(step.fails));
      if (!step.commit.includes('-a') && !step.commit.includes('-am') && !step.commit.includes('--')) r.repo.git(['add', '-A']);
      const result = gitNoTty(r.repo, step.commit, { ...step.when, ...env, ...step.env });
      expect(result.code !== 0, `${step.what}: ${result.stderr}`).toBe(Boolean(step.fails));
      said.push(result.stderr);
    }
    expect(said[0], step.what).toBe(said[1]);
    expect(journal(a.repo), step.what).toBe(journal(b.repo));
    expect(a.starts() > 0, step.what).toBe(step.nodeInA);
    expect(b.starts() > 0, step.what).toBe(true);
  }
  // Every entry went in with its commit, and the commits say the same.
  expect(residue(a.repo)).toBe(residue(b.repo));
  const log = (r: TempRepo) => r.git(['log', '--format=%B%n--', '--stat']).stdout.replace(/\b[0-9a-f]{40}\b/g, '<commit>');
  expect(log(a.repo)).toBe(log(b.repo));
  return { a: a.repo, b: b.repo };
}

describe('the commit shortcut (a commit with nothing to record, journaled from sh)', () => {
  it('writes what the binary writes, commit after commit, and leaves the binary every commit it cannot vouch for', () => {
    const steps: Step[] = [
      { what: 'first after setup: the binary', when: at(0, 10, 0), change: (r) => r.write('src/table.js', code(3)), commit: ['commit', '-q', '-m', 'Three'], nodeInA: true },
      { what: 'a new file in a folder', when: at(0, 10, 0), change: (r) => r.write('src/units/length.ts', 'export {};\n'), commit: ['commit', '-q', '-m', 'Length'], nodeInA: false },
      {
        what: 'a binary file and a deletion, 42m later',
        when: at(0, 10, 42),
        change: (r) => {
          writeFileSync(join(r.dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0, 3]));
          r.git(['rm', '-q', 'src/units/length.ts']);
        },
        commit: ['commit', '-q', '-m', 'Logo'],
        nodeInA: false,
      },
      { what: 'a stale commit (reminded)', when: at(0, 13, 47), change: (r) => r.write('src/big.js', code(30)), commit: ['commit', '-q', '-m', 'Big'], nodeInA: true },
      { what: 'after a reminder: the binary again', when: at(0, 14, 0), change: (r) => r.write('src/a.js', '1\n'), commit: ['commit', '-q', '-m', 'A'], nodeInA: true },
      { what: 'commit -a, 2d later', when: at(2, 16, 30), change: (r) => r.write('src/a.js', '2\n'), commit: ['commit', '-q', '-a', '-m', 'A2'], nodeInA: false },
      { what: 'a key file (reminded)', when: at(2, 16, 31), change: (r) => r.write('src/convert.js', code(2)), commit: ['commit', '-q', '-m', 'Key'], nodeInA: true },
      { what: 'then plain', when: at(2, 16, 32), change: (r) => r.write('src/a.js', '3\n'), commit: ['commit', '-q', '-m', 'A3'], nodeInA: true },
      { what: 'a name with a token (redacted)', when: at(2, 16, 33), change: (r) => r.write(`notes/ghp_${'a1B2'.repeat(9)}.txt`, 'x\n'), commit: ['commit', '-q', '-m', 'Token'], nodeInA: true },
      { what: 'a commit a later hook refuses', when: at(2, 16, 34), change: (r) => (r.write('src/a.js', '4\n'), r.write('.dead', '')), commit: ['commit', '-q', '-m', 'Dead'], nodeInA: false, fails: true },
      { what: 'its retry replaces the entry', when: at(2, 16, 35), change: (r) => rmSync(join(r.dir, '.dead')), commit: ['commit', '-q', '-m', 'Alive'], nodeInA: true },
      { what: 'an amend', when: at(2, 16, 35), change: (r) => r.write('src/b.js', 'b\n'), commit: ['commit', '-q', '--amend', '-m', 'Alive and b'], nodeInA: true },
      { what: 'paths named on the command line', when: at(2, 16, 36), change: (r) => r.write('src/b.js', 'bb\n'), commit: ['commit', '-q', '-m', 'Only b', '--', 'src/b.js'], nodeInA: true },
      {
        what: 'after a soft reset',
        when: at(2, 16, 37),
        change: (r) => {
          r.git(['reset', '-q', '--soft', 'HEAD~1']);
          r.write('src/b.js', 'bbb\n');
        },
        commit: ['commit', '-q', '-a', '-m', 'Again b'],
        nodeInA: true,
      },
      {
        what: 'a decision recorded',
        when: at(3, 9, 0),
        change: (r) => {
          expect(r.run(['decide', 'Round at the end', '--because', 'errors add up']).code).toBe(0);
          r.write('src/a.js', 'decided\n');
        },
        commit: ['commit', '-q', '-a', '-m', 'Decided'],
        // The commit before replaced entries (its earlier attempt's), so it left no shortcut to build on.
        nodeInA: true,
      },
      {
        what: 'two decisions and a dead end recorded, then git add -A',
        when: at(3, 9, 30),
        change: (r) => {
          expect(r.run(['decide', 'Keep "units" in one file', '--because', 'one place to look']).code).toBe(0);
          expect(r.run(['decide', 'Name units in SI', '--because', 'no ambiguity']).code).toBe(0);
          expect(r.run(['dead-end', 'A units library', '--because', 'too big for this']).code).toBe(0);
          r.write('src/a.js', 'three\n');
        },
        commit: ['commit', '-q', '-m', 'Three recorded'],
        nodeInA: false,
      },
      {
        what: 'a decision, and only the code staged: the binary stages the line',
        when: at(3, 9, 31),
        change: (r) => {
          expect(r.run(['decide', 'Stage only code', '--because', 'the hook stages the rest']).code).toBe(0);
          r.write('src/a.js', 'only code\n');
          r.git(['add', 'src/a.js']);
        },
        commit: ['commit', '-q', '-m', 'Only code', '--', 'src/a.js'],
        nodeInA: true,
      },
      {
        what: 'a decision, then the file edited by hand before git add -A',
        when: at(3, 9, 40),
        change: (r) => {
          expect(r.run(['decide', 'Edit after', '--because', 'hands change things']).code).toBe(0);
          r.write('SESSION.md', r.read('SESSION.md').replace('## Key Files', '- Typed by hand — Reason: it happens\n\n## Key Files'));
          r.write('src/a.js', 'edited\n');
        },
        commit: ['commit', '-q', '-m', 'Edited'],
        nodeInA: true,
      },
      {
        what: 'the status set, then committed',
        when: at(3, 9, 50),
        change: (r) => {
          expect(r.run(['set-status', 'Temperature converts too']).code).toBe(0);
          r.write('src/a.js', 'status 2\n');
        },
        commit: ['commit', '-q', '-m', 'Status'],
        nodeInA: false,
      },
      { what: 'after it, with the decision in force: sh', when: at(3, 12, 5), change: (r) => r.write('src/a.js', 'cc\n'), commit: ['commit', '-q', '-am', 'C2'], nodeInA: false },
      { what: 'GIT_SESSION_MODE set', when: at(3, 12, 6), change: (r) => r.write('src/a.js', 'c3\n'), commit: ['commit', '-q', '-am', 'C3'], nodeInA: true, env: { GIT_SESSION_MODE: 'remind' } },
      { what: 'next week: a new file, the binary', when: at(7, 9, 0), change: (r) => r.write('src/a.js', 'c4\n'), commit: ['commit', '-q', '-am', 'C4'], nodeInA: true },
      { what: 'in it: sh', when: at(7, 9, 1), change: (r) => r.write('src/a.js', 'c5\n'), commit: ['commit', '-q', '-am', 'C5'], nodeInA: false },
    ];
    const { a } = differential(steps);
    // The sh-written entries show what the binary shows: the goal, the status, the times between.
    const text = journal(a);
    expect(text).toContain('- Status: Length units convert — "temperature" is next, $HOME `x` \\ ünïcode\n');
    expect(text).toContain('  - logo.png (binary)\n  - src/units/length.ts (+0 -1)\n- Since previous entry: 42m\n');
    expect(text).toContain('- Since previous entry: 2d 2h\n');
    expect(text).toContain('[REDACTED');
  });

  it('leaves the binary a commit after one made by hand that reverts a commit: it puts back what the revert dropped', () => {
    const plain = (what: string, minute: number, file: string): Step => ({ what, when: at(0, 11, minute), change: (r) => r.write(file, `${what}\n`), commit: ['commit', '-q', '-m', what], nodeInA: false });
    differential([
      { ...plain('first', 0, 'src/a.js'), nodeInA: true },
      plain('second', 1, 'src/b.js'),
      {
        what: 'a revert of the second, by hand',
        when: at(0, 11, 2),
        change: (r) => {
          r.git(['rm', '-q', 'src/b.js']);
          const second = r.git(['rev-parse', 'HEAD']).stdout.trim();
          r.git(['checkout', '-q', 'HEAD~1', '--', '.session/journal']);
          r.write('.revert-msg', `Revert "second"\n\nThis reverts commit ${second}.\n`);
        },
        commit: ['commit', '-q', '-F', '.revert-msg'],
        nodeInA: true,
      },
      { ...plain('after the revert', 3, 'src/c.js'), nodeInA: true },
      // The commit that put entries back left no shortcut: the next one runs the binary, and leaves one.
      { ...plain('and then', 4, 'src/d.js'), nodeInA: true },
      plain('and on', 5, 'src/e.js'),
    ]);
  });

  it('gives every commit the Session: trailer when the settings ask for it', () => {
    const plain = (what: string, minute: number): Step => ({ what, when: at(0, 12, minute), change: (r) => r.write('src/a.js', `${what}\n`), commit: ['commit', '-q', '-m', what], nodeInA: true });
    const { a } = differential([plain('one', 0), plain('two', 1), plain('three', 2)], '[trailers]\n\tsession = true\n');
    expect(a.git(['log', '-1', '--format=%(trailers:key=Session,valueonly)']).stdout.trim()).toBe('Build a small unit converter for the command line.');
  });

  it('writes a journal kept at the top of the work tree', () => {
    const plain = (what: string, minute: number): Step => ({ what, when: at(0, 13, minute), change: (r) => r.write('src/a.js', `${what}\n`), commit: ['commit', '-q', '-m', what], nodeInA: false });
    const { a } = differential([{ ...plain('one', 0), nodeInA: true }, plain('two', 1), plain('three', 2)], '[journal]\n\tpath = journal-{year}-W{week}.md\n');
    expect(a.read('journal-2026-W49.md').match(/^### 2026-11-30 /gm)).toHaveLength(3);
  });

  it('leaves a commit after decide to the binary while a command holds the session lock, and the decision still reaches it', () => {
    const { repo, starts } = devRepo();
    repo.write('src/a.js', '1\n');
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'One']).code).toBe(0);
    expect(repo.run(['decide', 'Lock first', '--because', 'writers take turns']).code).toBe(0);
    repo.write('src/a.js', '2\n');
    repo.git(['add', '-A']);
    starts();
    // A writer of the session file at work: a live process holds the lock.
    writeFileSync(join(repo.dir, '.git', 'git-session', 'session.lock'), `${process.pid}\n`);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Two'], { GIT_SESSION_LOCK_TIMEOUT: '100' });
    expect(r.code, r.stderr).toBe(0);
    expect(starts()).toBe(1);
    expect(existsSync(join(repo.dir, '.git', 'git-session', 'session.lock'))).toBe(true);
    expect(repo.git(['log', '-1', '--format=%(trailers:key=Decision,valueonly)']).stdout.trim()).toBe('Lock first — writers take turns');
    expect(repo.read(repo.git(['ls-files', '.session/journal']).stdout.trim().split('\n').at(-1)!)).toContain('- Decision: Lock first — writers take turns\n');
  });

  it('hands a retried commit the record the binary reads: the entry is replaced, not written twice', () => {
    const { repo, starts } = devRepo();
    repo.write('src/a.js', '1\n');
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'One']).code).toBe(0);
    starts();
    // The shortcut writes this one; a later hook refuses the commit.
    const hook = join(repo.dir, '.git', 'hooks', 'commit-msg');
    const kept = readFileSync(hook, 'utf8');
    writeFileSync(hook, '#!/bin/sh\nexit 1\n');
    repo.write('src/a.js', '2\n');
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Two']).code).not.toBe(0);
    expect(starts()).toBe(0);
    const record = JSON.parse(repo.read('.git/git-session/last-entry.json')) as { offset: number; length: number; text: string };
    const file = repo.git(['diff', '--cached', '--name-only', '--', '.session/journal']).stdout.trim();
    expect(Buffer.from(repo.read(file)).subarray(record.offset, record.offset + record.length).toString()).toBe(record.text);
    writeFileSync(hook, kept);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Two']).code).toBe(0);
    const entries = repo.read(file).split('\n').filter((l) => l.startsWith('  - src/a.js'));
    expect(entries).toEqual(['  - src/a.js (+1 -0)', '  - src/a.js (+1 -1)']);
    expect(residue(repo)).toBe('');
  });
});
