import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN_DIR, installAsDevDependency, tempRepo, type TempRepo } from '../helpers/repo.js';
import { PRIVATE_SESSION } from '../helpers/session-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const SESSION = PRIVATE_SESSION;

function initRepo(): TempRepo {
  const r = tempRepo();
  r.write('SESSION.md', SESSION);
  const init = r.run(['init']);
  expect(init.code, init.stderr).toBe(0);
  return r;
}

describe('private text stays on this machine', () => {
  it('is never committed, and stays in the working copy across branch switches, stashes, merges and rebases', () => {
    repo = initRepo();
    const r = repo;
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'init']);
    const committed = r.git(['show', 'HEAD:SESSION.md']).stdout;
    expect(committed).not.toMatch(/salary|CTO/);
    expect(committed).toContain('## Private\n');
    expect(committed).toContain('<!-- private --><!-- /private -->');
    expect(r.read('SESSION.md')).toBe(SESSION);
    expect(r.git(['status', '--porcelain']).stdout).toBe('');
    expect(r.git(['diff', 'HEAD']).stdout).toBe('');

    // A branch with another public edit, then back, then a merge and a rebase.
    r.git(['checkout', '-q', '-b', 'side']);
    r.write('SESSION.md', r.read('SESSION.md').replace('Ship retries.', 'Ship retries fast.'));
    r.git(['commit', '-q', '-am', 'side']);
    r.git(['checkout', '-q', 'main']);
    expect(r.read('SESSION.md')).toBe(SESSION);
    r.write('other.txt', 'x\n');
    r.git(['add', 'other.txt']);
    r.git(['commit', '-q', '-m', 'other']);
    r.git(['merge', '-q', '--no-edit', 'side']);
    expect(r.read('SESSION.md')).toContain('salary talk');
    expect(r.read('SESSION.md')).toContain('Ship retries fast.');
    r.git(['checkout', '-q', 'side']);
    r.git(['rebase', '-q', 'main']);
    expect(r.read('SESSION.md')).toContain('(the CTO wants it)');

    // A stash of a public edit keeps the private text through stash and pop.
    r.write('SESSION.md', r.read('SESSION.md').replace('## Goal', '## Goal\nMore.'));
    r.git(['stash', '-q']);
    expect(r.read('SESSION.md')).toContain('salary talk');
    r.git(['stash', 'pop', '-q']);
    expect(r.read('SESSION.md')).toContain('More.');
    expect(r.read('SESSION.md')).toContain('salary talk');

    const history = r.git(['log', '--all', '-p', '--', 'SESSION.md']).stdout;
    expect(history).not.toMatch(/salary|CTO/);
  });

  it('installs on a repository that already committed private text without dirtying it', () => {
    repo = tempRepo();
    const r = repo;
    r.write('SESSION.md', SESSION);
    // An old modification time: git trusts its stat cache instead of re-reading the file.
    utimesSync(join(r.dir, 'SESSION.md'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    r.git(['add', 'SESSION.md']);
    r.git(['commit', '-q', '-m', 'before the filter']);
    expect(r.run(['init']).code).toBe(0);
    expect(r.git(['status', '--porcelain', '--', 'SESSION.md']).stdout).toBe('');
    expect(r.git(['diff', '--', 'SESSION.md']).stdout).toBe('');
    expect(r.read('SESSION.md')).toBe(SESSION);
  });

  it('takes no lock and writes nothing when the private text kept is already what the file holds', () => {
    repo = initRepo();
    const r = repo;
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'init']);
    // A public edit: git cleans the file again on status, add and commit.
    r.write('SESSION.md', r.read('SESSION.md').replace('Ship retries.', 'Ship retries today.'));
    // A lock nobody can take (a folder where the lock file goes): a filter that wanted it would fail.
    mkdirSync(join(r.dir, '.git', 'git-session', 'private.lock'), { recursive: true });
    const env = { GIT_SESSION_LOCK_TIMEOUT: '300' };
    expect(r.git(['status', '--porcelain'], { env }).stdout).toBe(' M SESSION.md\n');
    r.git(['add', 'SESSION.md'], { env });
    expect(r.git(['show', ':SESSION.md']).stdout).toContain('Ship retries today.');
    expect(r.git(['show', ':SESSION.md']).stdout).not.toMatch(/salary|CTO/);
  });

  it('a separator line under a paragraph of the Private section keeps what follows private', () => {
    repo = initRepo();
    const r = repo;
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'init']);
    r.write('SESSION.md', `${r.read('SESSION.md')}\nSalary notes for Bob\n---\nsecond part of the salary talk\n`);
    r.write('code.js', 'export {};\n');
    r.git(['add', 'code.js']);
    const commit = r.git(['commit', '-q', '-am', 'notes'], { allowFail: true });
    expect(commit.code, commit.stderr).toBe(0);
    expect(r.git(['show', 'HEAD:SESSION.md']).stdout).not.toMatch(/Salary notes|second part/);
    expect(r.run(['show']).stdout).not.toMatch(/Salary notes|second part/);
  });

  it('a private heading spelled with a character reference, emphasis, a comment or a link is still kept out', () => {
    repo = initRepo();
    const r = repo;
    for (const heading of ['## Pri&#118;ate', '## P*riv*ate', '## Pri<!-- -->vate', '## [Pri](x)vate']) {
      r.write('SESSION.md', `# Session\n\n## Goal\nShip.\n\n${heading}\nmy salary talk\n`);
      r.git(['add', 'SESSION.md']);
      expect(r.git(['show', ':SESSION.md']).stdout, heading).not.toContain('salary');
    }
  });

  it('a file over 1 MB: cleaned when read line by line, else one clear line; stored as it is with nothing private', () => {
    repo = initRepo();
    const r = repo;
    r.write('SESSION.md', '# Session\n\n## Decisions\n' + '- item x\n'.repeat(200_000));
    const plain = r.git(['add', 'SESSION.md'], { allowFail: true });
    expect(plain.code, plain.stderr).toBe(0);
    // Read line by line, a large file is cleaned like any other.
    r.write('SESSION.md', '# Session\n\n## Private\nmine\n\n## Decisions\n' + '- item x\n'.repeat(200_000));
    const lines = r.git(['add', 'SESSION.md'], { allowFail: true });
    expect(lines.code, lines.stderr).toBe(0);
    expect(r.git(['grep', '--cached', '-q', 'mine', '--', 'SESSION.md'], { allowFail: true }).code).toBe(1);
    expect(r.git(['grep', '--cached', '-q', '## Private', '--', 'SESSION.md'], { allowFail: true }).code).toBe(0);
    // One the parser would have to read is refused, in one clear line.
    r.write('SESSION.md', '# Session\n\n## Private\nmine\n\n```\ncode\n```\n\n## Decisions\n' + '- item x\n'.repeat(200_000));
    const big = r.git(['add', 'SESSION.md'], { allowFail: true });
    expect(big.code).not.toBe(0);
    expect(big.stderr).toContain('over the 1 MB limit, too large to check for private text');
    expect(big.stderr).not.toMatch(/internal error|RangeError/);
  });

  it('front matter git cannot read as YAML: cleaned and checked out all the same', () => {
    repo = initRepo();
    const r = repo;
    // This clone keeps no Private body: a checkout puts a kept one back into the
    // teammate's empty section unless git happened to clean their text first (an index
    // entry written in the same second as the file), and this test is about front matter.
    r.write('SESSION.md', SESSION.replace('- salary talk with Ada on Friday\n', ''));
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'init']);
    // A teammate's commit: their clone has no filter, so the file goes in as they wrote it.
    const theirs = '---\ntags: [a, b\n---\n# Session\n\n## Decisions\n- Keep it — Reason: simple\n\n## Private\n';
    r.write('SESSION.md', theirs);
    const add = r.git(['-c', 'filter.git-session-private.clean=cat', '-c', 'filter.git-session-private.smudge=cat', 'commit', '-q', '--no-verify', '-am', 'front matter'], { allowFail: true });
    expect(add.code, add.stderr).toBe(0);
    r.git(['checkout', '-q', 'HEAD~1']);
    // Checking their commit out runs the smudge filter, as a pull does.
    const checkout = r.git(['checkout', '-q', 'main'], { allowFail: true });
    expect(checkout.code, checkout.stderr).toBe(0);
    expect(r.read('SESSION.md')).toBe(theirs);
    expect(r.git(['status', '--porcelain']).stdout).toBe('');
    // And this clone's own private text under it is kept out of the next commit.
    r.write('SESSION.md', `${theirs}mine alone\n`);
    const mine = r.git(['add', 'SESSION.md'], { allowFail: true });
    expect(mine.code, mine.stderr).toBe(0);
    expect(r.git(['show', ':SESSION.md']).stdout).toBe(theirs);
  });

  it('a checkout never fails over the session file: one the filter cannot read is checked out as committed, with one line', () => {
    repo = initRepo();
    const r = repo;
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'init']);
    // Over 1 MB, and with a fence the line reader declines: the filter cannot read it.
    const big = '# Session\n\n## Private\n\n```\ncode\n```\n\n## Decisions\n' + '- item x\n'.repeat(200_000);
    r.write('SESSION.md', big);
    r.git(['-c', 'filter.git-session-private.clean=cat', 'commit', '-q', '--no-verify', '-am', 'big']);
    r.git(['-c', 'filter.git-session-private.clean=cat', 'checkout', '-q', 'HEAD~1']);
    const checkout = r.git(['checkout', 'main'], { allowFail: true });
    expect(checkout.code, checkout.stderr).toBe(0);
    expect(r.read('SESSION.md')).toBe(big);
    const lines = checkout.stderr.split('\n').filter((l) => l.startsWith('git-session:'));
    expect(lines).toEqual([expect.stringContaining('SESSION.md: checked out as committed, without the private text kept on this machine, as it is')]);
    expect(checkout.stderr).not.toMatch(/internal error|RangeError|at /);
  });

  it('refuses to add the file when the filter cannot run, instead of passing private text through', () => {
    repo = initRepo();
    const r = repo;
    r.git(['config', 'filter.git-session-private.clean', 'no-such-git-session-binary filter clean %f']);
    const add = r.git(['add', 'SESSION.md'], { allowFail: true });
    expect(add.code).not.toBe(0);
    expect(r.git(['ls-files', '--', 'SESSION.md']).stdout).toBe('');
  });

  it('without the binary: a file with no private text stages as it is, one with private text is refused, never leaked', () => {
    repo = initRepo();
    const r = repo;
    const env = { PATH: (r.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':') };
    // Blank lines and comments only: staged exactly as the binary stages it, or git would
    // see the file as changed (and refuse a merge over it) whenever it compares contents.
    const plain = '# Session\n\n## Goal\nShip retries.\n\n## Private\n<!-- notes for this machine only -->\n\n  \n## Key Files\n- a.ts\n\n## Private notes\n\t<!-- x -->\n';
    const byBinary = r.run(['filter', 'clean', 'SESSION.md'], { input: plain });
    expect(byBinary.stdout).toBe('# Session\n\n## Goal\nShip retries.\n\n## Private\n## Key Files\n- a.ts\n\n## Private notes\n');
    r.write('SESSION.md', plain);
    expect(r.git(['add', 'SESSION.md'], { env }).code).toBe(0);
    expect(r.git(['show', ':SESSION.md']).stdout).toBe(byBinary.stdout);
    // Made to compare contents (same size, older time): unchanged, with and without the binary.
    utimesSync(join(r.dir, 'SESSION.md'), new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    expect(r.git(['diff', '--name-only'], { env }).stdout).toBe('');
    expect(r.git(['diff', '--name-only']).stdout).toBe('');
    r.write('SESSION.md', SESSION);
    const refused = r.git(['add', 'SESSION.md'], { env, allowFail: true });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('holds private text, so it is not staged');
    expect(r.git(['show', ':SESSION.md']).stdout).not.toMatch(/salary|CTO/);
  });

  it('is told apart in why on a line of the session file, whose lines are numbered as the work tree has them', () => {
    repo = tempRepo();
    const r = repo;
    r.write('SESSION.md', '# Session\n\n## Status\nWorking.\n<!-- private -->\nnote one\nnote two\n<!-- /private -->\n\n## Decisions\n');
    expect(r.run(['init']).code).toBe(0);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'init']);
    expect(r.run(['decide', 'Use a queue', '--because', 'bursts']).code).toBe(0);
    r.write('queue.js', 'export {};\n');
    r.git(['add', 'queue.js']);
    r.git(['commit', '-q', '-m', 'Queue']);
    const line = r.read('SESSION.md').split('\n').indexOf('- Use a queue — Reason: bursts') + 1;
    expect(line).toBe(11);
    // git blames the file as stored, three lines shorter above the decision.
    expect(r.git(['show', 'HEAD:SESSION.md']).stdout.split('\n').indexOf('- Use a queue — Reason: bursts') + 1).toBe(8);
    for (const mode of [[], ['--history']]) {
      const asked = r.run(['why', `SESSION.md:${line}`, ...mode]);
      expect(asked.code, asked.stderr).toBe(0);
      expect(asked.stdout).toContain('Queue');
      expect(asked.stdout).toContain('- Decision: Use a queue — bursts');
      const notes = JSON.parse(r.run(['why', 'SESSION.md:5-8', '--format', 'json', ...mode]).stdout) as { private: number[]; uncommitted: number[]; commits: { subject: string }[] };
      expect(notes.private).toEqual([6, 7]);
      expect(notes.uncommitted).toEqual([]);
      expect(notes.commits.map((c) => c.subject)).toEqual(['init']);
    }
    expect(r.run(['why', 'SESSION.md:6']).stdout).toContain('Line 6 is private: kept on this machine, never committed.');
    // An uncommitted line below the region is named by its own number.
    r.write('SESSION.md', r.read('SESSION.md') + '- Try a lock — Reason: simpler\n');
    expect(r.run(['why', 'SESSION.md:12']).stdout).toContain('Line 12 is not committed yet.');
  });
});

describe('with git-session a dev dependency, the filter answers a text it cleaned before without node', () => {
  function countingRepo(): { r: TempRepo; env: NodeJS.ProcessEnv; filterStarts: () => string[] } {
    const r = tempRepo();
    installAsDevDependency(r.dir);
    r.write('.gitignore', 'node_modules/\n');
    r.write('SESSION.md', SESSION);
    expect(r.run(['init']).code).toBe(0);
    // A `node` first on PATH that notes every start of the filter.
    const bin = join(r.home, 'counting');
    mkdirSync(bin);
    const log = join(r.home, 'starts.log');
    writeFileSync(join(bin, 'node'), `#!/bin/sh\ncase "$*" in *" filter "*) echo "$*" >> '${log}' ;; esac\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
    const env = { PATH: `${bin}:${(r.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':')}` };
    r.git(['add', '-A'], { env });
    r.git(['commit', '-q', '-m', 'init'], { env });
    const filterStarts = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
    return { r, env, filterStarts };
  }

  it('a status that must compare the file, and a commit after decide, start no node for the filter', () => {
    const { r, env, filterStarts } = countingRepo();
    repo = r;
    const before = filterStarts().length;
    expect(before).toBeGreaterThan(0);
    // A newer time on the same bytes: git cleans the file again to compare it.
    utimesSync(join(r.dir, 'SESSION.md'), new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    expect(r.git(['status', '--porcelain'], { env }).stdout).toBe('');
    expect(filterStarts()).toHaveLength(before);
    // decide keeps what the filter makes of the text it writes: the commit's look at it starts nothing.
    expect(r.run(['decide', 'Retry twice', '--because', 'the queue absorbs bursts'], { env }).code).toBe(0);
    r.write('a.txt', 'a\n');
    r.git(['add', 'a.txt'], { env });
    const commit = r.git(['commit', '-q', '-m', 'Retry twice'], { env });
    expect(commit.code).toBe(0);
    expect(filterStarts()).toHaveLength(before);
    expect(r.git(['show', 'HEAD:SESSION.md']).stdout).toContain('- Retry twice — Reason: the queue absorbs bursts');
    expect(r.git(['show', 'HEAD:SESSION.md']).stdout).not.toMatch(/salary|CTO/);
    expect(r.git(['status', '--porcelain'], { env }).stdout).toBe('');
  });

  it('a text cleaned before the private text changed is cleaned by the binary again, so what it keeps is that text\'s', () => {
    const { r, env, filterStarts } = countingRepo();
    repo = r;
    const store = () => readFileSync(join(r.dir, '.git', 'git-session', 'private', 'SESSION.md.json'), 'utf8');
    expect(store()).toContain('salary talk with Ada on Friday');
    r.write('SESSION.md', SESSION.replace('salary talk with Ada on Friday', 'salary talk moved to Monday'));
    r.git(['add', 'SESSION.md'], { env });
    expect(store()).toContain('salary talk moved to Monday');
    // The first text again, byte for byte: answered from before, the store would keep Monday.
    const starts = filterStarts().length;
    r.write('SESSION.md', SESSION);
    r.git(['add', 'SESSION.md'], { env });
    expect(filterStarts().length).toBeGreaterThan(starts);
    expect(store()).toContain('salary talk with Ada on Friday');
    expect(r.git(['show', ':SESSION.md']).stdout).not.toMatch(/salary|CTO/);
  });

  it('answers only for this build: what another version kept is never handed to git', () => {
    const { r, env, filterStarts } = countingRepo();
    repo = r;
    const clean = join(r.dir, '.git', 'git-session', 'clean');
    const build = readFileSync(join(r.dir, 'node_modules', 'git-session', 'dist', 'build-key'), 'utf8').trim();
    const id = r.git(['hash-object', '--no-filters', 'SESSION.md']).stdout.trim();
    // Another build's answer for these very bytes (one that kept the private text in).
    mkdirSync(join(clean, '0.0.1+other'), { recursive: true });
    writeFileSync(join(clean, '0.0.1+other', `SESSION.md.${id}`), SESSION);
    rmSync(join(clean, build), { recursive: true, force: true });
    mkdirSync(join(clean, build));
    utimesSync(join(r.dir, 'SESSION.md'), new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    const starts = filterStarts().length;
    expect(r.git(['status', '--porcelain'], { env }).stdout).toBe('');
    expect(filterStarts().length).toBeGreaterThan(starts);
    // This build's own answer is kept now, and the other build's is gone.
    expect(readFileSync(join(clean, build, `SESSION.md.${id}`), 'utf8')).not.toMatch(/salary|CTO/);
    expect(existsSync(join(clean, '0.0.1+other'))).toBe(false);
  });

  it('with the functions but no binary, smudge checks out as committed and clean does what it does without one', () => {
    repo = tempRepo();
    const r = repo;
    r.write('.gitignore', 'node_modules/\n');
    r.write('SESSION.md', '# Session\n\n## Goal\nShip retries.\n');
    expect(r.run(['init']).code).toBe(0);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'init']);
    // A package copy with its hook functions but no build, and no git-session on PATH.
    mkdirSync(join(r.dir, 'node_modules', 'git-session', 'bin'), { recursive: true });
    writeFileSync(join(r.dir, 'node_modules', 'git-session', 'bin', 'git-session-hook.sh'), readFileSync(join(BIN_DIR, 'git-session-hook.sh')));
    const env = { PATH: (r.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':') };
    r.write('SESSION.md', '# Session\n\n## Goal\nShip retries fast.\n');
    const add = r.git(['add', 'SESSION.md'], { env, allowFail: true });
    expect(add.code, add.stderr).toBe(0);
    r.git(['commit', '-q', '--no-verify', '-m', 'faster'], { env });
    rmSync(join(r.dir, 'SESSION.md'));
    const checkout = r.git(['checkout', '--', 'SESSION.md'], { env, allowFail: true });
    expect(checkout.code, checkout.stderr).toBe(0);
    expect(r.read('SESSION.md')).toBe('# Session\n\n## Goal\nShip retries fast.\n');
  });
});

