import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN_DIR, type TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';
import { conflictMarkers } from '../../src/core/session/conflict.js';
import { parseEntries } from '../../src/core/journal/entry.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function decisions(r: TempRepo): string[] {
  return r.read('SESSION.md').split('\n').filter((l) => l.startsWith('- ') && l.includes('— Reason: reason for'));
}

function journal(r: TempRepo): string {
  const files = r.git(['ls-files', '.session/journal']).stdout.trim().split('\n').filter(Boolean);
  return files.map((f) => r.read(f)).join('');
}

/** Two branches that each recorded a decision since they forked. */
function forked(): TempRepo {
  const r = initialised();
  r.git(['checkout', '-q', '-b', 'topic']);
  decideAndCommit(r, 'Topic keeps amounts in cents', 'topic.txt');
  r.git(['checkout', '-q', 'main']);
  decideAndCommit(r, 'Main parses dates with the ISO parser', 'main.txt');
  return r;
}

describe('merge drivers installed by init', () => {
  it('a merge of two branches that both recorded a decision completes without a conflict and keeps both', () => {
    repo = forked();
    const merge = repo.git(['merge', '-q', '--no-edit', 'topic'], { allowFail: true });
    expect(merge.code).toBe(0);
    expect(decisions(repo)).toEqual([
      '- Main parses dates with the ISO parser — Reason: reason for Main parses dates with the ISO parser',
      '- Topic keeps amounts in cents — Reason: reason for Topic keeps amounts in cents',
    ]);
    expect(conflictMarkers(repo.read('SESSION.md'))).toEqual([]);
    const entries = parseEntries(journal(repo));
    expect(entries.map((e) => e.decisions.join())).toEqual(expect.arrayContaining([expect.stringContaining('Topic keeps'), expect.stringContaining('Main parses')]));
    expect(journal(repo)).not.toMatch(/\S\n###/);
  });

  it('an entry taken in hand on one branch keeps that edit through a merge; edited on both, the merge says so', () => {
    repo = initialised();
    decideAndCommit(repo, 'Alpha', 'a.txt');
    const [file] = repo.git(['ls-files', '.session/journal']).stdout.trim().split('\n');
    const line = /^- Decision: Alpha.*$/m.exec(repo.read(file!))![0];
    repo.git(['checkout', '-q', '-b', 'topic']);
    // Someone takes a token out of the entry by hand, on the branch.
    repo.write(file!, repo.read(file!).replace(line, '- Decision: Alpha (token removed)'));
    repo.git(['commit', '-q', '--no-verify', '-am', 'Take the token out of the journal']);
    decideAndCommit(repo, 'Topic', 'topic.txt');
    repo.git(['checkout', '-q', 'main']);
    decideAndCommit(repo, 'Main', 'main.txt');
    const merge = repo.git(['merge', '-q', '--no-edit', 'topic'], { allowFail: true });
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stderr).not.toContain('git-session');
    const text = repo.read(file!);
    expect(text).toContain('- Decision: Alpha (token removed)\n');
    expect(text).not.toContain(line);
    expect(parseEntries(text).map((e) => e.decisions.join())).toEqual(
      expect.arrayContaining([expect.stringContaining('Alpha'), expect.stringContaining('Topic'), expect.stringContaining('Main')]),
    );

    // The same entry edited on both sides, each its own way: this side's text stays, and the merge names it.
    const id = parseEntries(text).find((e) => e.decisions.some((d) => d.startsWith('Main')))!.id!;
    const edit = (what: string) => repo!.write(file!, repo!.read(file!).replace(/(- Decision: Main[^\n]*)/, `$1 (${what})`));
    repo.git(['checkout', '-q', '-b', 'other']);
    edit('theirs');
    repo.git(['commit', '-q', '--no-verify', '-am', 'Edit on other']);
    decideAndCommit(repo, 'Other', 'other.txt');
    repo.git(['checkout', '-q', 'main']);
    edit('ours');
    repo.git(['commit', '-q', '--no-verify', '-am', 'Edit on main']);
    decideAndCommit(repo, 'More', 'more.txt');
    const both = repo.git(['merge', '-q', '--no-edit', 'other'], { allowFail: true });
    expect(both.code, both.stderr).toBe(0);
    expect(both.stderr).toContain(`git-session: both sides edited journal entry ${id} in ${file}, each its own way: HEAD's text is kept`);
    expect(repo.read(file!)).toContain('(ours)');
    expect(repo.read(file!)).not.toContain('(theirs)');
  });

  it('a rebase and a cherry-pick complete without a conflict and keep both decisions', () => {
    repo = forked();
    repo.git(['checkout', '-q', '-b', 'picker', 'main']);
    const pick = repo.git(['cherry-pick', 'topic'], { allowFail: true });
    expect(pick.code, pick.stderr).toBe(0);
    expect(decisions(repo)).toHaveLength(2);
    repo.git(['checkout', '-q', 'topic']);
    const rebase = repo.git(['rebase', 'main'], { allowFail: true });
    expect(rebase.code, rebase.stderr).toBe(0);
    expect(decisions(repo)).toHaveLength(2);
    expect(repo.git(['status', '--porcelain']).stdout).toBe('');
  });

  it('rebase -i dropping a commit, and a cherry-pick past one: only the picked commits\' entries come along', () => {
    repo = initialised();
    for (const what of ['Alpha', 'Beta', 'Gamma']) decideAndCommit(repo, what, `${what}.txt`);
    const entryOf = (what: string) => parseEntries(journal(repo!)).filter((e) => e.decisions.some((d) => d.startsWith(what)));
    repo.git(['branch', 'before-drop']);
    const drop = repo.git(['rebase', '-q', '-i', 'HEAD~2'], { allowFail: true, env: { GIT_SEQUENCE_EDITOR: "sed -i '1s/^pick/drop/'" } });
    expect(drop.code, drop.stderr).toBe(0);
    expect(repo.git(['log', '--format=%s', '-2']).stdout).toBe('Gamma\nAlpha\n');
    expect(entryOf('Beta')).toEqual([]);
    expect(entryOf('Gamma')).toHaveLength(1);
    expect(repo.git(['status', '--porcelain']).stdout).toBe('');
    // Gamma alone picked onto Alpha's parent: neither Alpha's entry nor Beta's comes with it.
    repo.git(['checkout', '-q', '-b', 'picked', 'before-drop~3']);
    const pick = repo.git(['cherry-pick', 'before-drop'], { allowFail: true });
    expect(pick.code, pick.stderr).toBe(0);
    expect(entryOf('Alpha')).toEqual([]);
    expect(entryOf('Beta')).toEqual([]);
    expect(entryOf('Gamma')).toHaveLength(1);
  });

  it('a --fixup with --autosquash completes without a conflict and keeps every decision and journal entry', () => {
    repo = initialised();
    decideAndCommit(repo, 'Alpha', 'a.txt');
    decideAndCommit(repo, 'Beta', 'b.txt');
    expect(repo.run(['decide', 'Gamma', '--because', 'reason for Gamma']).code).toBe(0);
    repo.write('a.txt', 'Alpha\nfixed\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--fixup', 'HEAD~1']);
    const entries = parseEntries(journal(repo)).length;
    const rebase = repo.git(['rebase', '-q', '-i', '--autosquash', 'HEAD~3'], { allowFail: true, env: { GIT_SEQUENCE_EDITOR: 'true' } });
    expect(rebase.code, rebase.stderr).toBe(0);
    expect(decisions(repo).map((d) => d.split(' — ')[0])).toEqual(['- Alpha', '- Gamma', '- Beta']);
    expect(parseEntries(journal(repo))).toHaveLength(entries);
    expect(repo.git(['log', '--format=%s']).stdout.split('\n').slice(0, 2)).toEqual(['Beta', 'Alpha']);
  });

  it('git stash pop over a commit that recorded another decision merges without conflict markers', () => {
    repo = initialised();
    expect(repo.run(['decide', 'Stashed', '--because', 'reason for Stashed']).code).toBe(0);
    repo.git(['stash', '-q']);
    decideAndCommit(repo, 'Committed', 'c.txt');
    const pop = repo.git(['stash', 'pop', '-q'], { allowFail: true });
    expect(pop.code, pop.stderr).toBe(0);
    expect(decisions(repo)).toEqual(['- Committed — Reason: reason for Committed', '- Stashed — Reason: reason for Stashed']);
  });

  it('a revert of an old commit removes its decision cleanly, keeps its journal entry and journals the revert', () => {
    repo = initialised();
    decideAndCommit(repo, 'First', 'a.txt');
    decideAndCommit(repo, 'Second', 'b.txt');
    decideAndCommit(repo, 'Third', 'c.txt');
    const first = repo.git(['rev-parse', 'HEAD~2']).stdout.trim();
    const revert = repo.git(['revert', '--no-edit', first], { allowFail: true });
    expect(revert.code, revert.stderr).toBe(0);
    expect(decisions(repo)).toEqual(['- Second — Reason: reason for Second', '- Third — Reason: reason for Third']);
    const entries = parseEntries(journal(repo));
    expect(entries.filter((e) => e.decisions.some((d) => d.startsWith('First'))).length).toBe(1);
    expect(entries.at(-1)!.reverts).toBe(`${first.slice(0, 12)} First`);
    expect(repo.git(['status', '--porcelain']).stdout).toBe('');
    // log shows the revert with the entry the driver wrote for it.
    const log = JSON.parse(repo.run(['log', '-n', '1', '--format', 'json']).stdout) as { commits: { journal: { reverts?: string }[] }[] };
    expect(log.commits[0]!.journal.map((j) => j.reverts)).toEqual([`${first.slice(0, 12)} First`]);
  });

  it('an amended revert keeps what it reverted in its entry', () => {
    repo = initialised();
    decideAndCommit(repo, 'First', 'a.txt');
    decideAndCommit(repo, 'Second', 'b.txt');
    const first = repo.git(['rev-parse', 'HEAD~1']).stdout.trim();
    expect(repo.git(['revert', '--no-edit', first], { allowFail: true }).code).toBe(0);
    const amended = repo.git(['commit', '-q', '--amend', '-m', 'Revert First', '-m', `This reverts commit ${first}.`], { allowFail: true });
    expect(amended.code, amended.stderr).toBe(0);
    const entries = parseEntries(journal(repo));
    expect(entries.at(-1)!.reverts).toBe(`${first.slice(0, 12)} First`);
    expect(entries.filter((e) => e.reverts !== undefined)).toHaveLength(1);
    expect(repo.git(['status', '--porcelain']).stdout).toBe('');
  });

  it('same-minute entries by one author from two clones stay whole and once each after pull --rebase and merge', () => {
    repo = initialised();
    const entry = (id: string, what: string) =>
      `### 2026-12-01 10:00 +00:00 · commit · main · Ada Tester <ada@example.com>\n- Status: same\n- Files:\n  - ${what} (+1 -0)\n- Entry: ${id}\n\n`;
    const path = '.session/journal/2026-W49.md';
    repo.write(path, entry('000000000000', 'base.txt'));
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'base entry']);
    // Beside the repository, inside the test's temp folder (removed with it).
    const clone = `${repo.dir}-clone`;
    repo.git(['clone', '-q', repo.dir, clone]);
    expect(repo.run(['setup'], { cwd: clone }).code).toBe(0);
    // The same entry text apart from the identity: only the id tells them apart.
    repo.write(path, entry('000000000000', 'base.txt') + entry('aaaaaaaaaaaa', 'same.txt'));
    repo.git(['commit', '-q', '--no-verify', '-am', 'upstream']);
    const cloned = { cwd: clone };
    repo.git(['config', 'pull.rebase', 'true'], cloned);
    writeFileSync(`${clone}/${path}`, entry('000000000000', 'base.txt') + entry('bbbbbbbbbbbb', 'same.txt'));
    repo.git(['commit', '-q', '--no-verify', '-am', 'local'], cloned);
    const pull = repo.git(['pull', '-q', '--rebase'], { ...cloned, allowFail: true });
    expect(pull.code, pull.stderr).toBe(0);
    const text = readFileSync(`${clone}/${path}`, 'utf8');
    expect(parseEntries(text).map((e) => e.id)).toEqual(['000000000000', 'aaaaaaaaaaaa', 'bbbbbbbbbbbb']);
    // The local entry lands last: the file ends with one newline, as entries are written now.
    expect(text).toBe(entry('000000000000', 'base.txt') + entry('aaaaaaaaaaaa', 'same.txt') + entry('bbbbbbbbbbbb', 'same.txt').replace(/\n\n$/, '\n'));
  });

  it('without the binary, git merges line by line: a normal conflict for SESSION.md, nothing lost', () => {
    repo = forked();
    const path = (repo.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':');
    // git refuses a merge over staged or touched files (exit 2): the commits left none.
    expect(repo.git(['status', '--porcelain'], { env: { PATH: path } }).stdout).toBe('');
    const merge = repo.git(['merge', '--no-edit', 'topic'], { allowFail: true, env: { PATH: path } });
    expect(merge.code, merge.stderr).toBe(1);
    expect(merge.stderr).toContain('git-session: not found, so SESSION.md was merged line by line');
    const text = repo.read('SESSION.md');
    expect(conflictMarkers(text).length).toBeGreaterThan(0);
    expect(text).toContain('Topic keeps amounts in cents');
    expect(text).toContain('Main parses dates');
    // Record commands refuse the mid-conflict file, naming the lines and the fix.
    const decide = repo.run(['decide', 'More', '--because', 'x']);
    expect(decide.code).toBe(8);
    expect(decide.stderr).toMatch(/SESSION\.md: is in the middle of a merge conflict \(conflict markers on lines \d+, \d+ and \d+\).*git add SESSION\.md/);
    expect(repo.run(['context']).code).toBe(8);
  });

  it('uninstall unsets the merge drivers init configured', () => {
    repo = initialised();
    expect(repo.git(['config', '--local', '--get-regexp', '^merge\\.']).stdout).toContain('merge.git-session.driver');
    expect(repo.run(['uninstall']).code).toBe(0);
    expect(repo.git(['config', '--local', '--get-regexp', '^merge\\.'], { allowFail: true }).stdout).toBe('');
    expect(repo.read('.git/config')).not.toContain('git-session');
  });
});
