import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const RECORD = '.git/git-session/record.json';
const ITEMS = '.git/git-session/record-items.json';
const JOURNAL = '.git/git-session/journal.json';
const keptJournal = (r: TempRepo) => JSON.parse(readFileSync(join(r.dir, JOURNAL), 'utf8')) as { head: string; commits: [string, { goal?: string }[]][] };
const record = (r: TempRepo) => JSON.parse(readFileSync(join(r.dir, RECORD), 'utf8')) as { head: string; commits: { record: { hash: string } }[] };
const head = (r: TempRepo) => r.git(['rev-parse', 'HEAD']).stdout.trim();

/** log's JSON, once from the kept record and once from a fresh walk: they must agree. */
function logBothWays(r: TempRepo): string {
  const kept = r.run(['log', '--format', 'json']);
  expect(kept.code, kept.stderr).toBe(0);
  rmSync(join(r.dir, RECORD), { force: true });
  rmSync(join(r.dir, ITEMS), { force: true });
  rmSync(join(r.dir, JOURNAL), { force: true });
  const fresh = r.run(['log', '--format', 'json']);
  expect(fresh.stdout).toBe(kept.stdout);
  return kept.stdout;
}

describe("the readers' record of HEAD's history, kept under the git dir", () => {
  it('is extended by new commits, walked again after a rewrite, and always answers as a fresh walk does', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Keep amounts in cents', 'money.ts');
    expect(r.run(['why', 'money.ts']).code).toBe(0);
    expect(existsSync(join(r.dir, RECORD))).toBe(true);
    expect(existsSync(join(r.dir, ITEMS))).toBe(true);
    expect(record(r).head).toBe(head(r));
    const before = record(r).commits.length;

    // A new commit on top: only it is walked, added before what was kept.
    decideAndCommit(r, 'Round half to even', 'round.ts');
    const why = r.run(['why', 'round.ts', '--format', 'json']);
    expect(why.stdout).toContain('Round half to even');
    expect(record(r).head).toBe(head(r));
    expect(record(r).commits[0]!.record.hash).toBe(head(r));
    expect(record(r).commits.length).toBe(before + 1);
    r.run(['log']);
    const journalBefore = keptJournal(r).commits.length;
    expect(keptJournal(r).head).toBe(head(r));
    expect(keptJournal(r).commits[0]![0]).toBe(head(r));

    // The journal entries are kept the same way: a commit on top adds only its own.
    decideAndCommit(r, 'Store the currency beside the amount', 'currency.ts');
    const logged = logBothWays(r);
    expect(logged).toContain('Keep amounts in cents');
    expect(keptJournal(r).head).toBe(head(r));
    expect(keptJournal(r).commits.length).toBe(journalBefore + 1);
    expect(JSON.parse(logged).commits[0].journal.length).toBe(1);

    // A revert is judged on the kept record too.
    r.git(['revert', '--no-edit', 'HEAD~2']);
    const reverted = JSON.parse(r.run(['why', 'money.ts', '--format', 'json']).stdout) as { decisions: { text: string; status: string }[] };
    expect(reverted.decisions.find((d) => d.text.startsWith('Keep amounts'))?.status).toBe('reverted');

    // A rewrite: the kept HEAD is no ancestor, so the whole history is walked again.
    r.write('round.ts', 'changed\n');
    r.git(['commit', '-q', '-a', '--amend', '-m', 'Reworded']);
    const log = logBothWays(r);
    expect(JSON.parse(log).commits.map((c: { subject: string }) => c.subject)).toContain('Reworded');
    expect(record(r).head).toBe(head(r));
  });

  it('after a merge, judges in the order of a walk of HEAD, whichever branch a reader last ran on', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Cache in Redis', 'cache.ts');
    // One branch withdraws the decision, the other supersedes it: which came last is the
    // order of the walk, and the answer must not depend on where the record was kept.
    r.git(['checkout', '-q', '-b', 'side']);
    r.write('SESSION.md', r.read('SESSION.md').replace(/^- Cache in Redis.*\n/m, ''));
    r.write('side.ts', 'side\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Drop the cache']);
    expect(r.run(['log', '--format', 'json']).code).toBe(0);
    expect(record(r).head).toBe(head(r));
    r.git(['checkout', '-q', 'main']);
    const supersede = r.run(['decide', 'Cache in memory', '--because', 'simpler', '--supersedes', 'Cache in Redis']);
    expect(supersede.code, supersede.stderr).toBe(0);
    r.write('memory.ts', 'memory\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Cache in memory']);
    r.git(['merge', '-q', '--no-edit', 'side']);
    const logged = JSON.parse(logBothWays(r)) as { commits: { decisions: { text: string; status: string }[] }[] };
    expect(logged.commits.flatMap((c) => c.decisions).filter((d) => d.text === 'Cache in Redis')).toHaveLength(1);
  });

  it('a kept file of the right shape with damaged contents is judged again, not trusted', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Keep amounts in cents', 'money.ts');
    const good = logBothWays(r);
    for (const [file, field] of [[ITEMS, 'value'], [RECORD, 'commits'], [JOURNAL, 'commits']] as const) {
      expect(r.run(['log', '--format', 'json']).code).toBe(0);
      const path = join(r.dir, file);
      const kept = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      for (const bad of [null, [null], 'x']) {
        writeFileSync(path, JSON.stringify({ ...kept, [field]: bad }));
        const again = r.run(['log', '--format', 'json']);
        expect(again.stderr).toBe('');
        expect(again.stdout).toBe(good);
      }
    }
    expect(r.run(['why', 'money.ts:1']).code).toBe(0);
  });

  it('why on a line reads the kept judgement of the commits blame names, and nothing else of it', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Keep amounts in cents', 'money.ts');
    decideAndCommit(r, 'Index by tenant', 'index.ts');
    const texts = (target: string) => {
      const out = r.run(['why', target, '--format', 'json']);
      expect(out.code, out.stderr).toBe(0);
      return (JSON.parse(out.stdout) as { decisions: { text: string }[] }).decisions.map((d) => d.text);
    };
    expect(texts('money.ts:1')).toEqual(['Keep amounts in cents']);
    // One item per line: the blamed commit's line is marked, the other commit's damaged (it still names its commit).
    const path = join(r.dir, ITEMS);
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(`"text":"${text}"`));
    expect(at('Keep amounts in cents')).toBeGreaterThan(0);
    lines[at('Keep amounts in cents')] = lines[at('Keep amounts in cents')]!.replace('"Keep amounts in cents"', '"Keep amounts in cents (as kept)"');
    lines[at('Index by tenant')] = lines[at('Index by tenant')]!.replace('"kind":', '"kind" damaged ');
    writeFileSync(path, lines.join('\n'));
    expect(texts('money.ts:1')).toEqual(['Keep amounts in cents (as kept)']);
    expect(readFileSync(path, 'utf8')).toContain('damaged');
    // Asked about the damaged commit, it judges the history again, as with any damage.
    expect(texts('index.ts:1')).toEqual(['Index by tenant']);
    expect(readFileSync(path, 'utf8')).not.toContain('damaged');
    expect(texts('money.ts:1')).toEqual(['Keep amounts in cents']);
  });

  it('keeps only the commits that can record or retire an item, and the close counts of journal versions', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Use Postgres', 'db.ts');
    // A commit that only adds its journal entry records nothing: the kept walk leaves it
    // out (where every commit journals, keeping those would keep the whole history).
    r.write('notes.txt', 'plain work\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Plain work']);
    const plain = head(r);
    expect(r.git(['show', '--name-only', '--format=', 'HEAD']).stdout).toMatch(/journal/);
    const logged = JSON.parse(logBothWays(r)) as { commits: { commit: string; journal: unknown[] }[] };
    expect(logged.commits[0]!.commit).toBe(plain);
    expect(logged.commits[0]!.journal).toHaveLength(1);
    expect(record(r).commits.map((c) => c.record.hash)).not.toContain(plain);

    // `new` closes the session: its commit removes the bullet and adds a close heading.
    expect(r.run(['new', 'Add a reporting screen']).code).toBe(0);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Start the reporting work']);
    const status = () => (JSON.parse(r.run(['why', 'db.ts', '--format', 'json']).stdout) as { decisions: { text: string; status: string }[] }).decisions[0]?.status;
    expect(status()).toBe('active');
    const path = join(r.dir, '.git/git-session/items.json');
    const kept = JSON.parse(readFileSync(path, 'utf8')) as { closes: Record<string, number> };
    expect(Object.values(kept.closes)).toContain(1);
    // The counts are read from what is kept once a journal version was read: told the
    // close heading is not there, the next judgement (after a commit) withdraws the bullet.
    writeFileSync(path, JSON.stringify({ ...kept, closes: Object.fromEntries(Object.keys(kept.closes).map((id) => [id, 0])) }));
    decideAndCommit(r, 'Render charts on the server', 'charts.ts');
    expect(status()).toBe('withdrawn');
  });

  it('is not judged again after commits that record or retire nothing', () => {
    repo = initialised();
    const r = repo;
    decideAndCommit(r, 'Use Postgres', 'db.ts');
    const texts = () => (JSON.parse(r.run(['why', 'db.ts', '--format', 'json']).stdout) as { decisions: { text: string }[] }).decisions.map((d) => d.text);
    expect(texts()).toEqual(['Use Postgres']);
    // Marked, to tell a judgement kept from one made again.
    const path = join(r.dir, ITEMS);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"Use Postgres"', '"Use Postgres (as kept)"'));
    r.write('notes.txt', 'plain work\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Plain work']);
    expect(texts()).toEqual(['Use Postgres (as kept)']);
    expect((JSON.parse(readFileSync(path, 'utf8')) as { head: string }).head).toBe(head(r));
    // A commit that records something is judged with the rest: what was kept is replaced.
    decideAndCommit(r, 'Index by tenant', 'index.ts');
    expect(texts()).toEqual(['Use Postgres']);
  });

  it('in a shallow clone, what the cut-off commit seems to record is tied to no file', () => {
    repo = initialised();
    const r = repo;
    for (const what of ['Alpha', 'Beta', 'Gamma']) decideAndCommit(r, what, `${what}.txt`);
    const clone = `${r.dir}-shallow`;
    r.git(['clone', '-q', '--depth', '2', `file://${r.dir}`, clone]);
    const served = (path: string) => {
      const out = r.run(['decisions', path, '--format', 'json'], { cwd: clone });
      expect(out.code, out.stderr).toBe(0);
      return (JSON.parse(out.stdout) as { text: string | null }).text ?? '';
    };
    // Beta's commit is where the clone stops: git diffs it against nothing, as if it wrote every file and decision.
    expect(served('Alpha.txt')).not.toContain('Alpha');
    expect(served('Gamma.txt')).toContain('Gamma');
    expect(served('Gamma.txt')).not.toMatch(/Alpha|Beta/);
    // In the full clone each decision is served with its own file.
    expect(r.run(['decisions', 'Alpha.txt', '--format', 'json']).stdout).toContain('Alpha');
  });
});
