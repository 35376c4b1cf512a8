import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { initialised } from '../helpers/session-repo.js';
import { gitNoTty } from './commit-setup.js';
import { embedded } from './timeline-repo.js';
import { I } from '../../src/core/timeline/data.js';

// Which journal entries `log` gives each commit: exactly the ones its own diff added,
// across branches, merges, squashes and filters.
let repo: TempRepo;
const JOURNAL = '.session/journal/2026-W01.md';
const entry = (status: string, day = '02') => `### 2026-01-${day} 10:00 +00:00 · commit · main · Ada Tester <ada@example.com>\n- Status: ${status}\n\n`;

function commit(message: string, files: Record<string, string>, date: string, extra: string[] = []): void {
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '--allow-empty', ...extra, '-m', message], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
}

function merge(branch: string, message: string, date: string, extra: string[] = []): void {
  repo.git(['merge', '-q', '--no-ff', ...extra, branch, '-m', message], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
}

/** Subject → the statuses of its journal entries, from `log --format json` with `args`. */
function statuses(args: string[] = []): Record<string, string[]> {
  const run = repo.run(['log', '--format', 'json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  const commits: { subject: string; journal: { status: string }[] }[] = JSON.parse(run.stdout).commits;
  return Object.fromEntries(commits.map((c) => [c.subject, c.journal.map((e) => e.status)]));
}

beforeAll(() => {
  repo = tempRepo({ empty: true });
  commit('root', { 'a.txt': '1\n' }, '2026-01-01T00:00:00Z');
  commit('first entry', { 'a.txt': '2\n', [JOURNAL]: entry('one') }, '2026-01-02T00:00:00Z');
  // Touches the journal folder, but no journal file: its entry-like lines are not entries.
  commit('journal readme', { '.session/journal/README.md': entry('not an entry') }, '2026-01-03T00:00:00Z');
  repo.git(['checkout', '-q', '-b', 'side']);
  commit('side entry', { 'b.txt': 'x\n', [JOURNAL]: entry('one') + entry('on side') }, '2026-01-04T00:00:00Z');
  commit('side code only', { 'b.txt': 'y\n' }, '2026-01-05T00:00:00Z');
  repo.git(['checkout', '-q', 'main']);
  commit('main entry', { 'a.txt': '3\n', [JOURNAL]: entry('one') + entry('on main') }, '2026-01-06T00:00:00Z');
  // The merge keeps main's journal whole: only --full-history still reaches the side's entry.
  merge('side', 'merge side, ours', '2026-01-07T00:00:00Z', ['-s', 'ours']);
  // A squash of three entries lands as one commit: all three are its own.
  commit('squashed work', { [JOURNAL]: entry('one') + entry('on main') + entry('s1') + entry('s2') + entry('s3') }, '2026-01-08T00:00:00Z');
  // Rewrites an entry without adding one: the changed line is the only one it added.
  commit('journal edit', { [JOURNAL]: entry('ONE') + entry('on main') + entry('s1') + entry('s2') + entry('s3') }, '2026-01-09T00:00:00Z');
  commit('code after', { 'a.txt': '4\n' }, '2026-01-10T00:00:00Z');
});
afterAll(() => repo.cleanup());

describe('log journal entries', () => {
  it('gives every commit the entries its own diff added, and merges none', () => {
    expect(statuses()).toEqual({
      'code after': [],
      'journal edit': [],
      'squashed work': ['s1', 's2', 's3'],
      'merge side, ours': [],
      'main entry': ['on main'],
      'side code only': [],
      'side entry': ['on side'],
      'journal readme': [],
      'first entry': ['one'],
      root: [],
    });
  });

  it('lists the same commits as git log, in the same order', () => {
    const log = JSON.parse(repo.run(['log', '--format', 'json']).stdout);
    expect(log.commits.map((c: { commit: string }) => c.commit)).toEqual(repo.git(['log', '--format=%H', 'HEAD']).stdout.trim().split('\n'));
  });

  it('keeps each listed commit its entries under --since, --until, --author and --grep', () => {
    expect(statuses(['--since', '2026-01-03T12:00:00Z', '--until', '2026-01-08T12:00:00Z'])).toEqual({
      'squashed work': ['s1', 's2', 's3'],
      'merge side, ours': [],
      'main entry': ['on main'],
      'side code only': [],
      'side entry': ['on side'],
    });
    expect(statuses(['--grep', 'entry'])).toEqual({ 'main entry': ['on main'], 'side entry': ['on side'], 'first entry': ['one'] });
    expect(statuses(['--author', 'nobody@example.com'])).toEqual({});
  });

  it('keeps the entries of commits a path filter lists', () => {
    expect(statuses(['--', 'a.txt'])).toEqual({ 'code after': [], 'main entry': ['on main'], 'first entry': ['one'], root: [] });
    // git log's own simplification drops the side branch here (the merge kept main's journal).
    expect(statuses(['--', JOURNAL])).toEqual({
      'journal edit': [],
      'squashed work': ['s1', 's2', 's3'],
      'main entry': ['on main'],
      'first entry': ['one'],
    });
  });

  it('writes the markdown log with the same entries', () => {
    const run = repo.run(['log', '--since', '2026-01-08T00:00:00Z']);
    expect(run.stdout).toContain(' squashed work\n\nAda Tester <ada@example.com>\n\n- Journal: 2026-01-02 10:00 +00:00 on main; status: s1\n');
    expect(run.stdout).toMatch(/ journal edit\n\nAda Tester <ada@example.com>\n\n## /);
  });
});

describe('in a shallow clone', () => {
  let full: TempRepo;
  afterAll(() => full?.cleanup());

  it('the commit where the history stops shows its own journal entry, not every older one', () => {
    full = initialised();
    const days = ['05', '06', '07', '08'];
    for (const day of days) {
      full.write(`f${day}.txt`, `${day}\n`);
      full.git(['add', '-A']);
      const date = `2026-01-${day}T10:00:00+01:00`;
      const c = gitNoTty(full, ['commit', '-q', '-m', `day ${day}`], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
      expect(c.code, c.stderr).toBe(0);
    }
    const ids = (r: { journal: { id?: string }[] }) => r.journal.map((e) => e.id);
    const inFull = JSON.parse(full.run(['log', '--format', 'json']).stdout).commits;
    const clone = `${full.dir}-shallow`;
    full.git(['clone', '-q', '--depth', '2', `file://${full.dir}`, clone]);
    const log = full.run(['log', '--format', 'json'], { cwd: clone });
    expect(log.code, log.stderr).toBe(0);
    const shallow = JSON.parse(log.stdout);
    expect(shallow.shallow).toEqual([inFull[1].short]);
    expect(shallow.commits.map(ids)).toEqual(inFull.slice(0, 2).map(ids));
    expect(ids(shallow.commits[1])).toHaveLength(1);
    const why = JSON.parse(full.run(['why', 'f07.txt', '--format', 'json'], { cwd: clone }).stdout);
    expect(why.commits.map(ids)).toEqual([ids(inFull[1])]);
    // The page shows no older entry as carried by the cut-off commit.
    const page = embedded(full.run(['timeline'], { cwd: clone }).stdout);
    expect(page.items.filter((i) => i[I.kind] === 2)).toEqual([]);
    expect(page.items.filter((i) => i[I.kind] === 0)).toHaveLength(2);
  });
});
