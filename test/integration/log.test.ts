import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo;
const DAY = 86_400;
// Relative dates ("2 weeks ago") are read by git against the real clock, so commits are placed relative to it.
const now = Math.floor(Date.now() / 1000);
const at = (daysAgo: number) => `@${now - daysAgo * DAY} +0000`;

function commit(message: string, files: Record<string, string>, date: string, env: NodeJS.ProcessEnv = {}): string {
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '--allow-empty', '-F', '-'], {
    input: message,
    env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, ...env },
  });
  return repo.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
}

const entry = (status: string) =>
  `### 2026-11-02 10:00 +00:00 · commit · main · Ada Tester <ada@example.com>\n- Decision: cache tokens — fewer round trips\n- Status: ${status}\n- Files:\n  - src/auth.ts (+3 -0)\n\n`;

const h: Record<string, string> = {};

beforeAll(() => {
  repo = tempRepo({ empty: true });
  h.root = commit('Start\n\nDecision: keep it in one package — simpler releases\n', { 'README.md': 'x\n' }, '2026-01-05T10:00:00Z');
  h.old = commit('Old auth work', { 'src/auth.ts': 'a\n' }, at(30));
  h.cache = commit(
    'Cache tokens\n\nWhy: the login was slow.\n\nDecision: cache tokens — fewer round trips\nSigned-off-by: Ada Tester <ada@example.com>\nCo-authored-by: Bo Other <bo@example.com>\n',
    { 'src/auth.ts': 'a\nb\nc\nd\n', '.session/journal/2026-W45.md': entry('tokens cached') },
    at(3),
  );
  h.bo = commit('Docs by Bo\n\nRuled-out: a wiki — nobody reads it\n', { 'docs/a.md': 'd\n' }, at(2), {
    GIT_AUTHOR_NAME: 'Bo Other',
    GIT_AUTHOR_EMAIL: 'bo@example.com',
  });
  h.note = commit('Small fix\n\nNote: x\n', { 'src/auth.ts': 'a\nb\nc\nD\n' }, at(1));
});
afterAll(() => repo.cleanup());

const subjects = (json: string) => JSON.parse(json).commits.map((c: { subject: string }) => c.subject);

describe('git session log', () => {
  it('lists every commit newest first with decisions, dead ends and journal entries', () => {
    const run = repo.run(['log', '--format', 'json']);
    expect(run.stderr).toBe('');
    const log = JSON.parse(run.stdout);
    expect(log.filters).toEqual({ since: null, until: null, author: null, grep: null, paths: [] });
    expect(log.commits.map((c: { short: string }) => c.short)).toEqual([h.note, h.bo, h.cache, h.old, h.root]);
    const [note, bo, cache, , root] = log.commits;
    expect(note).toMatchObject({ decisions: [], deadEnds: [], journal: [] });
    expect(bo).toMatchObject({ author: 'Bo Other <bo@example.com>', deadEnds: [{ text: 'a wiki', reason: 'nobody reads it' }] });
    expect(cache.decisions).toEqual([{ text: 'cache tokens', reason: 'fewer round trips', status: 'active', changedBy: null }]);
    expect(cache.journal).toEqual([
      { time: '2026-11-02 10:00 +00:00', kind: 'commit', branch: 'main', author: 'Ada Tester <ada@example.com>',
        decisions: ['cache tokens — fewer round trips'], deadEnds: [], status: 'tokens cached',
        files: [{ path: 'src/auth.ts', added: 3, removed: 0 }] },
    ]);
    expect(root).toMatchObject({ parents: [], date: '2026-01-05T10:00:00+00:00', decisions: [{ text: 'keep it in one package', reason: 'simpler releases' }] });
  });

  it('passes git date forms, author, grep and paths through to git', () => {
    expect(subjects(repo.run(['log', '--since', '2 weeks ago', '--format', 'json']).stdout)).toEqual(['Small fix', 'Docs by Bo', 'Cache tokens']);
    expect(subjects(repo.run(['log', '--since', '2026-01-01', '--until', '2026-01-06', '--format', 'json']).stdout)).toEqual(['Start']);
    expect(subjects(repo.run(['log', '--author', 'bo@', '--format', 'json']).stdout)).toEqual(['Docs by Bo']);
    expect(subjects(repo.run(['log', '--grep', 'tokens', '--format', 'json']).stdout)).toEqual(['Cache tokens']);
    expect(subjects(repo.run(['log', '--format', 'json', '--', 'src/auth.ts']).stdout)).toEqual(['Small fix', 'Cache tokens', 'Old auth work']);
    // As git log takes them: paths before `--` too.
    expect(subjects(repo.run(['log', 'src/auth.ts', '--format', 'json']).stdout)).toEqual(['Small fix', 'Cache tokens', 'Old auth work']);
  });

  it('takes a count in every form git log does, and refuses one that is not a whole number', () => {
    for (const count of [['-n2'], ['-n', '2'], ['-2'], ['--max-count=2'], ['--max-count', '2']]) {
      const run = repo.run(['log', ...count, '--format', 'json']);
      expect(run.stderr, count.join(' ')).toBe('');
      expect(subjects(run.stdout), count.join(' ')).toEqual(['Small fix', 'Docs by Bo']);
    }
    expect(subjects(repo.run(['log', '-1', '--format', 'json', '--', 'docs']).stdout)).toEqual(['Docs by Bo']);
    for (const count of [['-n', '-1'], ['-n-1'], ['--max-count=x'], ['-nx']]) {
      const run = repo.run(['log', ...count]);
      expect(run.code, count.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^git-session: -n needs a whole number of commits, not "(-1|x)"\. Write -n 5 \(or --max-count=5\)\.\n$/);
    }
  });

  it('renders markdown entries and never reads a prose paragraph as a decision', () => {
    const run = repo.run(['log', '--since', '2 weeks ago']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('# Work log since 2 weeks ago\n\n## ')).toBe(true);
    expect(run.stdout).toContain(`${h.cache} Cache tokens\n\nAda Tester <ada@example.com>\n\n- Decision: cache tokens — fewer round trips\n- Journal: 2026-11-02 10:00 +00:00 on main; status: tokens cached\n`);
    expect(run.stdout).toContain(`${h.note} Small fix\n\nAda Tester <ada@example.com>\n`);
    expect(run.stdout).not.toMatch(/Note|x\n- |Signed-off-by|Co-authored/);
  });

  it('refuses a word before -- that names nothing in the work tree, as git log does; after --, or a pattern, it is a path', () => {
    for (const word of ['HEAD~2..HEAD', 'srcc/auth.ts']) {
      const r = repo.run(['log', word]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`"${word}" is not a path in the work tree.`);
      expect(r.stderr).toContain(`git session log -- ${word}`);
    }
    expect(repo.run(['log', '--', 'srcc/auth.ts']).code).toBe(0);
    expect(repo.run(['log', 'src/*.ts']).code).toBe(0);
    expect(repo.run(['log', ':(exclude)docs']).code).toBe(0);
    expect(repo.run(['log', 'src/auth.ts']).code).toBe(0);
  });

  it('says so when nothing matches', () => {
    const run = repo.run(['log', '--grep', 'no such words here']);
    expect(run.stdout).toBe('# Work log matching "no such words here"\n\nNo commits match.\n');
  });

  it('lists exactly the commits git log lists across merges and empty commits, whatever log.follow says', () => {
    const other = tempRepo({ empty: true });
    try {
      const put = (path: string, text: string, message: string, date: string) => {
        other.write(path, text);
        other.git(['add', '-A']);
        other.git(['commit', '-q', '--allow-empty', '-m', message], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
      };
      put('a.txt', '1\n', 'root', '2026-01-01T00:00:00Z');
      put('.session/journal/2026-W01.md', entry('on main'), 'journal on main', '2026-01-02T00:00:00Z');
      other.git(['checkout', '-q', '-b', 'side']);
      put('b.txt', 'x\n', 'side, dated later', '2026-01-05T00:00:00Z');
      put('.session/journal/2026-W01.md', entry('on main') + entry('on side'), 'journal on side', '2026-01-03T00:00:00Z');
      other.git(['checkout', '-q', 'main']);
      put('a.txt', '2\n', 'main again', '2026-01-04T00:00:00Z');
      other.git(['merge', '-q', '--no-ff', 'side', '-m', 'merge side'], { env: { GIT_AUTHOR_DATE: '2026-01-06T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-06T00:00:00Z' } });
      put('a.txt', '2\n', 'empty', '2026-01-07T00:00:00Z');
      other.git(['config', 'log.follow', 'true']);
      const log = JSON.parse(other.run(['log', '--format', 'json']).stdout);
      const expected = other.git(['log', '--format=%H', 'HEAD']).stdout.trim().split('\n');
      expect(log.commits.map((c: { commit: string }) => c.commit)).toEqual(expected);
      const statuses = Object.fromEntries(
        log.commits.map((c: { subject: string; journal: { status: string }[] }) => [c.subject, c.journal.map((e) => e.status)]),
      );
      expect(statuses).toEqual({
        empty: [], 'merge side': [], 'main again': [], 'side, dated later': [],
        'journal on side': ['on side'], 'journal on main': ['on main'], root: [],
      });
    } finally {
      other.cleanup();
    }
  });

  it('ends git\'s reason with a full stop before the fix', () => {
    const run = repo.run(['log', '--grep', '[']);
    expect(run.code).toBe(7);
    expect(run.stderr).toMatch(/^git-session: git could not read .*: Invalid regular expression\. Check the revision, range, date, pattern or path/);
  });

  it('gives one clear error in a repository without commits', () => {
    const empty = tempRepo({ empty: true });
    try {
      const run = empty.run(['log']);
      expect(run.code).toBe(7);
      expect(run.stderr).toBe('git-session: the current branch has no commits yet. Make a first commit, then ask again.\n');
    } finally {
      empty.cleanup();
    }
    // An orphan branch in a repository that has commits on others.
    repo.git(['checkout', '-q', '--orphan', 'fresh']);
    try {
      expect(repo.run(['log']).stderr).toBe('git-session: the current branch has no commits yet. Make a first commit, then ask again.\n');
    } finally {
      repo.git(['checkout', '-q', '-f', 'main']);
    }
  });

  it('finds the journal at a ./-relative journal.path, in log and why', () => {
    const other = tempRepo();
    try {
      other.write('.gitsession', '[journal]\n\tpath = ./notes/{year}-W{week}.md\n');
      other.write('src/auth.ts', 'a\nb\nc\nd\n');
      other.write('notes/2026-W45.md', entry('noted'));
      other.git(['add', '-A']);
      other.git(['commit', '-q', '-m', 'Cache tokens']);
      const log = JSON.parse(other.run(['log', '--format', 'json']).stdout);
      expect(log.commits[0].journal.map((e: { status: string }) => e.status)).toEqual(['noted']);
      const why = other.run(['why', 'src/auth.ts', '--format', 'json']);
      expect(why.code, why.stderr).toBe(0);
      expect(why.stdout).toContain('"noted"');
    } finally {
      other.cleanup();
    }
  });
});
