import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { connectMcp } from '../helpers/mcp.js';
import type { Run, TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';
import { parseEntries, type JournalEntry } from '../../src/core/journal/entry.js';
import { I } from '../../src/core/timeline/data.js';
import { embedded } from './timeline-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** A code-only commit through the hooks. */
function commitCode(r: TempRepo, file: string, subject: string): void {
  r.write(file, `${subject}\n`);
  r.git(['add', '-A']);
  const c = r.git(['commit', '-q', '-m', subject], { allowFail: true });
  expect(c.code, c.stderr).toBe(0);
}

/** The journal as committed at HEAD, every file of it. */
function committedJournal(r: TempRepo): JournalEntry[] {
  const files = r.git(['ls-tree', '-r', '--name-only', 'HEAD', '--', '.session/journal']).stdout.trim().split('\n').filter(Boolean);
  return parseEntries(files.map((f) => r.git(['show', `HEAD:${f}`]).stdout).join(''));
}

const textOf = (r: unknown) => (r as { content: { text: string }[] }).content.map((c) => c.text).join('\n');
const withDecision = (entries: JournalEntry[], what: string) => entries.filter((e) => e.decisions.some((d) => d.startsWith(what)));
const ids = (entries: JournalEntry[]) => entries.map((e) => e.id);

describe('a revert git merges without the journal driver', () => {
  it('reverting the last commit loses its journal entry only until the next commit, which puts it back with a revert entry', () => {
    repo = initialised();
    const a = decideAndCommit(repo, 'Alpha', 'a.txt');
    const before = committedJournal(repo);
    expect(withDecision(before, 'Alpha')).toHaveLength(1);
    const revert = repo.git(['revert', '--no-edit', 'HEAD'], { allowFail: true });
    expect(revert.code, revert.stderr).toBe(0);
    // What git alone does: the reverted commit's entry is gone, and the revert has none.
    expect(withDecision(committedJournal(repo), 'Alpha')).toHaveLength(0);

    commitCode(repo, 'b.txt', 'Next');
    const after = committedJournal(repo);
    expect(withDecision(after, 'Alpha')).toHaveLength(1);
    const reverts = after.filter((e) => e.reverts);
    expect(reverts.map((e) => e.reverts)).toEqual([`${a.slice(0, 12)} Alpha`]);
    // Named after the revert commit, so every clone that repairs it writes the same entry.
    expect(reverts[0]!.id).toBe(repo.git(['rev-parse', 'HEAD~1']).stdout.trim().slice(0, 12));
    // In order: the reverted entry where it was, the revert, then this commit's own entry.
    const alpha = after.findIndex((e) => e.decisions.some((d) => d.startsWith('Alpha')));
    expect(after.slice(alpha).map((e) => (e.reverts ? 'revert' : e.files.map((f) => f.path).join()))).toEqual(['SESSION.md,a.txt', 'revert', 'b.txt']);
    expect(new Set(ids(after)).size).toBe(after.length);
    // The reverted entry came back byte for byte.
    // The blank line that parts it from the next entry is no part of it.
    const text = (entries: string) => entries.split(/(?=^### )/m).find((e) => e.includes('Alpha'))?.trimEnd();
    const file = repo.git(['ls-tree', '-r', '--name-only', 'HEAD', '--', '.session/journal']).stdout.trim().split('\n')[0]!;
    expect(text(repo.git(['show', `HEAD:${file}`]).stdout)).toBe(text(repo.git(['show', `${a}:${file}`]).stdout));
    expect(repo.git(['status', '--porcelain']).stdout).toBe('');

    // A second commit adds nothing of it again.
    commitCode(repo, 'c.txt', 'Again');
    const again = committedJournal(repo);
    expect(again.slice(0, after.length)).toEqual(after);
    expect(again.slice(after.length).map((e) => e.files.map((f) => f.path).join())).toEqual(['c.txt']);
  });

  it('a range revert of the last two commits puts back both entries, one revert entry each', () => {
    repo = initialised();
    const a = decideAndCommit(repo, 'Alpha', 'a.txt');
    const b = decideAndCommit(repo, 'Beta', 'b.txt');
    const revert = repo.git(['revert', '--no-edit', 'HEAD~2..HEAD'], { allowFail: true });
    expect(revert.code, revert.stderr).toBe(0);
    commitCode(repo, 'c.txt', 'Next');
    const after = committedJournal(repo);
    expect(withDecision(after, 'Alpha')).toHaveLength(1);
    expect(withDecision(after, 'Beta')).toHaveLength(1);
    expect(after.filter((e) => e.reverts).map((e) => e.reverts)).toEqual([`${b.slice(0, 12)} Beta`, `${a.slice(0, 12)} Alpha`]);
    expect(after.at(-1)!.files.map((f) => f.path)).toEqual(['c.txt']);
    expect(new Set(ids(after)).size).toBe(after.length);
    expect(repo.git(['status', '--porcelain']).stdout).toBe('');
  });

  it('readers show each entry with its own commit: the one put back under the reverted commit, the revert entry under the revert', () => {
    repo = initialised();
    const a = decideAndCommit(repo, 'Alpha', 'a.txt');
    expect(repo.git(['revert', '--no-edit', 'HEAD'], { allowFail: true }).code).toBe(0);
    const revert = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    commitCode(repo, 'b.txt', 'Next');
    const next = repo.git(['rev-parse', 'HEAD']).stdout.trim();

    const log = JSON.parse(repo.run(['log', '--format', 'json']).stdout) as { commits: { commit: string; journal: JournalEntry[] }[] };
    const journalOf = (hash: string) => log.commits.find((c) => c.commit === hash)!.journal;
    expect(journalOf(a).map((e) => e.decisions)).toEqual([['Alpha — reason for Alpha']]);
    expect(journalOf(revert).map((e) => e.reverts)).toEqual([`${a.slice(0, 12)} Alpha`]);
    expect(journalOf(next).map((e) => e.files.map((f) => f.path))).toEqual([['b.txt']]);

    // The page: no row for an entry carried by another commit, the revert on the branch, the decision reverted.
    const data = embedded(repo.run(['timeline']).stdout);
    expect(data.items.filter((i) => i[I.kind] === 2)).toEqual([]);
    const row = (hash: string) => data.items.find((i) => i[I.commit] === hash && i[I.kind] === 0)!;
    expect(row(a)[I.decisions]).toEqual([['Alpha', expect.any(String), 'reverted', revert.slice(0, 7)]]);
    expect(data.groups[row(revert)[I.group]]).toEqual(data.groups[row(next)[I.group]]);
  });
});

describe('readers after the last commit is reverted and the next one repairs the journal', () => {
  /** Keep A recorded with a.txt, Try B with b.txt, Try B's commit reverted, then a commit to a.txt. */
  function revertedTry(r: TempRepo) {
    const keep = decideAndCommit(r, 'Keep A', 'a.txt');
    const tryB = decideAndCommit(r, 'Try B', 'b.txt');
    expect(r.git(['revert', '--no-edit', 'HEAD'], { allowFail: true }).code).toBe(0);
    const revert = r.git(['rev-parse', 'HEAD']).stdout.trim();
    commitCode(r, 'a.txt', 'Next');
    return { keep, tryB, revert, next: r.git(['rev-parse', 'HEAD']).stdout.trim() };
  }

  type Item = { text: string; status?: string };
  type Listed = { commit: string; short: string; decisions: Item[]; journal: JournalEntry[] };
  const json = <T>(run: Run): T => {
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as T;
  };

  it('in a shallow clone that stops at the reverted commit, retires only what the revert removed', () => {
    repo = initialised();
    const r = repo;
    const ids = revertedTry(r);
    const clone = `${r.dir}-shallow`;
    r.git(['clone', '-q', '--depth', '3', `file://${r.dir}`, clone]);
    try {
      // git diffs Try B's commit against nothing there, as if it recorded Keep A too.
      const log = json<{ commits: Listed[]; shallow: string[] }>(r.run(['log', '--format', 'json'], { cwd: clone }));
      const at = (hash: string) => log.commits.find((c) => c.commit === hash)!;
      expect(at(ids.tryB).decisions.map((d) => [d.text, d.status])).toEqual([['Try B', 'reverted']]);
      expect(log.shallow).toEqual([at(ids.tryB).short]);
      const md = r.run(['log'], { cwd: clone }).stdout;
      expect(md.trimEnd().split('\n').at(-1)).toBe(
        `This clone is shallow and its history stops at ${at(ids.tryB).short}: what is credited to that commit may be older. \`git fetch --unshallow\` fetches the rest.`,
      );
      for (const args of [['log'], ['why', 'a.txt'], ['why', 'a.txt:1'], ['standup', '--since', '1 year ago']]) {
        const out = r.run(args, { cwd: clone });
        expect(out.code, out.stderr).toBe(0);
        expect(out.stdout, args.join(' ')).not.toMatch(/Keep A[^\n]*reverted/);
      }
      const page = embedded(r.run(['timeline'], { cwd: clone }).stdout);
      const reverted = page.items.flatMap((i) => (i[I.decisions] as unknown as [string, string, string][]).filter((d) => d[2] === 'reverted'));
      expect(new Set(reverted.map((d) => d[0]))).toEqual(new Set(['Try B']));
      // Fetched whole, the same HEAD is judged again: Keep A is its own commit's, in force.
      r.git(['fetch', '-q', '--unshallow'], { cwd: clone });
      const whole = json<{ commits: Listed[]; shallow: string[] }>(r.run(['log', '--format', 'json'], { cwd: clone }));
      expect(whole.commits.find((c) => c.commit === ids.keep)!.decisions.map((d) => [d.text, d.status])).toEqual([['Keep A', 'active']]);
      expect(whole.shallow).toEqual([]);
      expect(r.run(['log'], { cwd: clone }).stdout).not.toContain('shallow');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('why shows each journal entry with the commit log shows it with', () => {
    repo = initialised();
    const ids = revertedTry(repo);
    const log = json<{ commits: Listed[] }>(repo.run(['log', '--format', 'json']));
    const logged = new Map(log.commits.map((c) => [c.commit, c.journal]));
    expect(logged.get(ids.next)).toHaveLength(1);
    for (const target of ['a.txt', 'a.txt:1', 'a.txt:1 --history', 'b.txt']) {
      const why = json<{ commits: Listed[] }>(repo.run(['why', ...target.split(' '), '--format', 'json']));
      expect(why.commits.length, target).toBeGreaterThan(0);
      for (const c of why.commits) expect(c.journal, `${target} ${c.short}`).toEqual(logged.get(c.commit) ?? []);
    }
    // The commit after the revert names its own file only.
    const md = repo.run(['why', 'a.txt']).stdout;
    const next = md.slice(md.indexOf(`## ${ids.next.slice(0, 7)}`)).split('\n\n## ')[0]!;
    expect(next.match(/Journal:/g)).toHaveLength(1);
  });

  it('the MCP why says a decision was recorded and retired, not that none was', async () => {
    repo = initialised();
    revertedTry(repo);
    const client = await connectMcp(repo);
    try {
      const md = textOf(await client.callTool({ name: 'why', arguments: { target: 'b.txt' } }));
      expect(md).toContain('None in force in the 2 commits that touched this path: 1 reverted.');
      expect(md).not.toContain('No decisions or dead ends were recorded');
      expect(md).not.toContain('Decision: Try B');
      const data = JSON.parse(textOf(await client.callTool({ name: 'why', arguments: { target: 'b.txt', format: 'json' } }))) as { decisions: Item[]; withheld: Record<string, number> };
      expect(data.decisions).toEqual([]);
      expect(data.withheld).toEqual({ reverted: 1, superseded: 0, withdrawn: 0 });
      const mixed = textOf(await client.callTool({ name: 'why', arguments: { target: 'SESSION.md' } }));
      expect(mixed).toMatch(/^1 decision and 0 dead ends in force in the \d+ commits that touched this path; not in force: 1 reverted\.$/m);
    } finally {
      await client.close();
    }
    // A person's report lists it, with what became of it, as before.
    const full = repo.run(['why', 'b.txt']).stdout;
    expect(full).toContain('1 decision and 0 dead ends in the 2 commits that touched this path.');
    expect(full).toMatch(/Try B — reason for Try B \(reverted by [0-9a-f]{7}\)/);
    // And asks for what an assistant is given with --active-only.
    const active = repo.run(['why', 'b.txt', '--active-only']);
    expect(active.code, active.stderr).toBe(0);
    expect(active.stdout).toContain('None in force in the 2 commits that touched this path: 1 reverted.');
    expect(repo.run(['review', 'HEAD~3..HEAD']).stdout).toContain('Try B');
    expect(repo.run(['review', '--active-only', 'HEAD~3..HEAD']).stdout).not.toContain('Try B');
  });
});
