import { existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN_DIR, tempRepo, type TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';
import { addDecisionLine, code, gitNoTty, journalHeadings, residue, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('decisions follow their commit', () => {
  it('decide, then staging only code: the decision is in that commit, the person\'s other edits stay unstaged', () => {
    repo = sessionRepo();
    // A note of the person's own, not staged, above the decisions.
    repo.write('SESSION.md', repo.read('SESSION.md').replace('temperature is next.', 'temperature is next. (my own unstaged note)'));
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding'], { CLAUDECODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Round half to even — matches the spec']);
    const committed = repo.git(['show', 'HEAD:SESSION.md']).stdout;
    expect(committed).toContain('- Round half to even — Reason: matches the spec');
    expect(committed).not.toContain('my own unstaged note');
    expect(r.stderr).toContain("staged the lines git-session's commands wrote");
    expect(r.stderr).not.toContain('was not updated');
    // The person's note is still there, still unstaged; nothing else is left over.
    expect(residue(repo)).toBe(' M SESSION.md\n');
    expect(repo.git(['diff', 'SESSION.md']).stdout).toContain('my own unstaged note');
    expect(repo.git(['diff', 'SESSION.md']).stdout).not.toContain('Round half');
  });

  it('decide, then git commit -- <path> with nothing of the session file staged: committed, and nothing left staged after', () => {
    repo = sessionRepo();
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding', '--', 'src/convert.js'], { CLAUDECODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['show', 'HEAD:SESSION.md']).stdout).toContain('- Round half to even — Reason: matches the spec');
    // The index git installs after the commit got the same lines: nothing staged or changed is left.
    expect(residue(repo)).toBe('');
  });

  it('decide, then git commit -- <path>: the decision is committed, and what the person staged by hand stays staged', () => {
    repo = sessionRepo();
    // A status line the person edited and staged, but leaves out of this commit.
    repo.write('SESSION.md', repo.read('SESSION.md').replace('temperature is next.', 'temperature is next, then volume.'));
    repo.git(['add', 'SESSION.md']);
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding', '--', 'src/convert.js'], { CLAUDECODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    const committed = repo.git(['show', 'HEAD:SESSION.md']).stdout;
    expect(committed).toContain('- Round half to even — Reason: matches the spec');
    expect(committed).not.toContain('then volume');
    // Still staged: the person's line, on top of the commit (the decision is in both).
    const staged = repo.git(['diff', '--cached', '--', 'SESSION.md']).stdout;
    expect(staged).toContain('+Length units convert; temperature is next, then volume.');
    expect(staged).not.toContain('Round half');
    expect(repo.git(['diff', '--', 'SESSION.md']).stdout).toBe('');
  });

  it('git commit -- <path> when the person staged a line where decide wrote one: the real index keeps the decision', () => {
    repo = sessionRepo();
    // A bullet of the person's own, staged, at the very place decide adds its line.
    addDecisionLine(repo, '- Keep a changelog — Reason: releases need one');
    repo.git(['add', 'SESSION.md']);
    repo.write('SESSION.md', repo.git(['show', 'HEAD:SESSION.md']).stdout);
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding', '--', 'src/convert.js'], { CLAUDECODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['show', 'HEAD:SESSION.md']).stdout).toContain('- Round half to even — Reason: matches the spec');
    // The next commit must not take the decision out of history again.
    expect(repo.git(['show', ':SESSION.md']).stdout).toContain('- Round half to even — Reason: matches the spec');
    expect(repo.git(['diff', '--cached', '--', 'SESSION.md']).stdout).not.toContain('-- Round half');
  });

  it('two decisions on an untouched session file: staged as the commands wrote them, with no merge and no blob read', () => {
    repo = sessionRepo();
    const before = repo.read('SESSION.md');
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    expect(repo.run(['decide', 'Keep the table flat', '--because', 'one lookup']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding'], { CLAUDECODE: '1', GIT_SESSION_DEBUG_LOADS: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Round half to even — matches the spec', 'Keep the table flat — one lookup']);
    // Exactly the work tree's text went in, and nothing is left unstaged.
    expect(repo.git(['show', 'HEAD:SESSION.md']).stdout).toBe(repo.read('SESSION.md'));
    expect(repo.read('SESSION.md')).not.toBe(before);
    expect(residue(repo)).toBe('');
    // The staged text was the first command's starting point: git was not asked to merge or to read it.
    const calls = /pre-commit ran git: (.*)/.exec(r.stderr)?.[1] ?? '';
    expect(calls).toContain('update-index');
    expect(calls).not.toMatch(/merge-file|cat-file|rev-parse|ls-files/);
  });

  it('with the private filter init sets up: decisions staged onto the filtered text, with no merge and no blob read', () => {
    repo = initialised();
    // The template's Private section holds a comment, which the filter keeps out of the commit.
    expect(repo.git(['show', 'HEAD:SESSION.md']).stdout).not.toBe(repo.read('SESSION.md'));
    for (const n of [1, 2]) {
      expect(repo.run(['decide', `Filtered choice ${n}`, '--because', 'measured']).code).toBe(0);
      expect(repo.run(['decide', `Second choice ${n}`, '--because', 'twice']).code).toBe(0);
      repo.write('code.txt', `${n}\n`);
      repo.git(['add', 'code.txt']);
      const r = gitNoTty(repo, ['commit', '-q', '-m', `Choice ${n}`], { CLAUDECODE: '1', GIT_SESSION_DEBUG_LOADS: '1' });
      expect(r.code, r.stderr).toBe(0);
      expect(trailerValues(repo, 'Decision')).toEqual([`Filtered choice ${n} — measured`, `Second choice ${n} — twice`]);
      const calls = /pre-commit ran git: (.*)/.exec(r.stderr)?.[1] ?? '';
      expect(calls).toContain('update-index');
      // The second round: the filtered starting text was kept by the commands, not read from git.
      if (n === 2) expect(calls).not.toMatch(/merge-file|cat-file/);
      expect(residue(repo)).toBe('');
    }
    const committed = repo.git(['show', 'HEAD:SESSION.md']).stdout;
    expect(committed).toContain('- Second choice 2 — Reason: twice');
    expect(committed).not.toContain('Notes for this file only');
  });

  it('a recorded decision stashed away before the commit: the commit says it is not in it', () => {
    repo = sessionRepo();
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    repo.git(['stash', '-q']);
    expect(repo.run(['decide', 'Keep the table flat', '--because', 'one lookup']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Flat table'], { CLAUDECODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep the table flat — one lookup']);
    expect(r.stderr).toContain('a recorded edit of SESSION.md is no longer in the file (taken out, or stashed), so not in this commit');
  });

  it('a damaged record of the commands\' lines: the commit goes through and says, in one line, what to do', () => {
    repo = sessionRepo();
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    writeFileSync(join(repo.dir, '.git', 'git-session', 'owned-edits.json'), '{"x');
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding'], { CLAUDECODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("the record of what git-session's commands wrote to SESSION.md could not be read");
    expect(r.stderr).toContain('git add SESSION.md and git commit --amend --no-edit');
    expect(existsSync(join(repo.dir, '.git', 'git-session', 'owned-edits.json'))).toBe(false);
  });

  it('several decisions before a commit: the commit finds HEAD\'s summary kept, and loads no parser', () => {
    repo = sessionRepo();
    for (const n of [1, 2, 3, 4, 5]) expect(repo.run(['decide', `Convert unit ${n} through the table`, '--because', 'one place']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Five units'], { CLAUDECODE: '1', GIT_SESSION_DEBUG_LOADS: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toHaveLength(5);
    // HEAD's summary, the base of what the commit added, outlived the commands' five versions.
    expect(r.stderr).toContain('pre-commit loaded: nothing lazy');
  });

  it('decisions, then a bullet typed by hand: the commit reads HEAD\'s summary before it stores the new one', () => {
    repo = sessionRepo();
    for (const n of [1, 2, 3]) expect(repo.run(['decide', `Convert unit ${n} through the table`, '--because', 'one place']).code).toBe(0);
    addDecisionLine(repo, '- Round at the end — Reason: one rounding step');
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Four units'], { CLAUDECODE: '1', GIT_SESSION_DEBUG_LOADS: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toHaveLength(4);
    expect(r.stderr).toContain('pre-commit loaded: nothing lazy');
  });

  it('an executable session file keeps its mode when the hook stages what decide wrote', () => {
    repo = sessionRepo();
    chmodSync(join(repo.dir, 'SESSION.md'), 0o755);
    repo.git(['add', 'SESSION.md']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Executable']);
    expect(repo.run(['decide', 'Round half to even', '--because', 'matches the spec']).code).toBe(0);
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Rounding'], { CLAUDECODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['ls-tree', 'HEAD', 'SESSION.md']).stdout).toMatch(/^100755 /);
    expect(repo.git(['show', 'HEAD:SESSION.md']).stdout).toContain('Round half to even');
    expect(residue(repo)).toBe('');
  });

  it('a decision taken out of the session file before an amend leaves the message', () => {
    repo = sessionRepo();
    repo.run(['decide', 'Cache the unit table', '--because', 'it is read on every call']);
    repo.run(['decide', 'Keep units in one file', '--because', 'easy to review']);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Units']).code).toBe(0);
    expect(trailerValues(repo, 'Decision')).toHaveLength(2);
    repo.write('SESSION.md', repo.read('SESSION.md').replace(/- Cache the unit table.*\n/, ''));
    repo.git(['add', 'SESSION.md']);
    const r = gitNoTty(repo, ['commit', '-q', '--amend', '--no-edit']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep units in one file — easy to review']);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Units');
  });

  it('a decision recorded at a rebase edit stop goes into the amended commit', () => {
    repo = sessionRepo();
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    gitNoTty(repo, ['commit', '-q', '-m', 'First change']);
    repo.write('src/other.js', code(2, 'o'));
    repo.git(['add', '-A']);
    gitNoTty(repo, ['commit', '-q', '-m', 'Second change']);
    const edit = gitNoTty(repo, ['rebase', '-i', 'HEAD~2'], { GIT_SEQUENCE_EDITOR: "sed -i '1s/^pick/edit/'" });
    expect(edit.code, edit.stderr).toBe(0);
    repo.run(['decide', 'Split the converter', '--because', 'two owners']);
    const amend = gitNoTty(repo, ['commit', '-q', '--amend', '--no-edit']);
    expect(amend.code, amend.stderr).toBe(0);
    expect(gitNoTty(repo, ['rebase', '--continue']).code).toBe(0);
    expect(trailerValues(repo, 'Decision', 'HEAD~1')).toEqual(['Split the converter — two owners']);
    expect(repo.git(['show', 'HEAD~1:SESSION.md']).stdout).toContain('Split the converter');
    expect(trailerValues(repo, 'Decision', 'HEAD')).toEqual([]);
    // git detaches HEAD while it rebases; the entry names the branch being rewritten.
    expect(journalHeadings(repo, 'HEAD~1').at(-1)).toMatch(/ · main · /);
    expect(residue(repo)).toBe('');
  });

  it('a session file with conflict markers is refused, in remind mode too', () => {
    repo = sessionRepo();
    repo.write('SESSION.md', repo.read('SESSION.md').replace('## Status\n', '## Status\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n'));
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Oops']);
    // git reports any pre-commit refusal as its own exit 1.
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SESSION\.md is in the middle of a merge conflict \(conflict markers on lines \d+, \d+ and \d+\)/);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).not.toBe('Oops');
  });
});

/**
 * Two commits through the hooks (a checkpoint first, with `checkpoint`), taken back with
 * `reset --soft` and made again as one; returns the journal's heading count before and
 * what the one commit adds under `.session`.
 */
function redoneAsOne(options: { checkpoint?: boolean; second?: string }): { before: number; added: string } {
  const r = (repo = sessionRepo());
  const before = journalHeadings(r, 'HEAD').length;
  if (options.checkpoint) expect(r.run(['checkpoint']).code).toBe(0);
  r.run(['decide', 'Keep metres exact', '--because', 'tests compare them']);
  r.write('src/convert.js', code(3));
  r.git(['add', '-A']);
  expect(gitNoTty(r, ['commit', '-q', '-m', 'One']).code).toBe(0);
  if (options.second) r.run(['decide', options.second, '--because', 'users asked']);
  r.write('src/convert.js', code(4));
  r.git(['add', '-A']);
  expect(gitNoTty(r, ['commit', '-q', '-m', 'Two']).code).toBe(0);
  r.git(['reset', '-q', '--soft', 'HEAD~2']);
  const both = gitNoTty(r, ['commit', '-q', '-m', 'Both']);
  expect(both.code, both.stderr).toBe(0);
  expect(residue(r)).toBe('');
  return { before, added: r.git(['show', 'HEAD', '--', '.session']).stdout };
}

describe('one journal entry per commit', () => {
  it('reset --soft of two commits, then one commit: one entry for it, both decisions in it', () => {
    const { before, added } = redoneAsOne({ second: 'Print two decimals' });
    expect(journalHeadings(repo!, 'HEAD')).toHaveLength(before + 1);
    expect(added).toContain('+- Decision: Keep metres exact');
    expect(added).toContain('+- Decision: Print two decimals');
    expect(added.match(/^\+- Entry: [0-9a-f]{12}$/gm)).toHaveLength(1);
  });

  it('reset --soft of commits that carried a checkpoint, then one commit: the checkpoint stays, one entry replaces theirs', () => {
    const { before, added } = redoneAsOne({ checkpoint: true });
    // The checkpoint and this commit's one entry.
    expect(journalHeadings(repo!, 'HEAD')).toHaveLength(before + 2);
    expect(added.match(/^\+### .* · checkpoint · /gm)).toHaveLength(1);
    expect(added.match(/^\+- Decision: Keep metres exact/gm)).toHaveLength(1);
    expect(added.match(/^\+- Entry: [0-9a-f]{12}$/gm)).toHaveLength(1);
  });

  it('a mixed reset of two commits, then one commit: one entry for it, both decisions in it, nothing left unstaged', () => {
    const r = (repo = sessionRepo());
    const before = journalHeadings(r, 'HEAD').length;
    for (const [n, choice] of [[3, 'Keep metres exact'], [4, 'Print two decimals']] as const) {
      r.run(['decide', choice, '--because', 'users asked']);
      r.write('src/convert.js', code(n));
      r.git(['add', '-A']);
      expect(gitNoTty(r, ['commit', '-q', '-m', `Change ${n}`]).code).toBe(0);
    }
    r.git(['reset', '-q', 'HEAD~2']);
    r.git(['add', 'src/convert.js', 'SESSION.md']);
    const both = gitNoTty(r, ['commit', '-q', '-m', 'Both']);
    expect(both.code, both.stderr).toBe(0);
    const added = r.git(['show', 'HEAD', '--', '.session']).stdout;
    expect(journalHeadings(r, 'HEAD')).toHaveLength(before + 1);
    expect(added).toContain('+- Decision: Keep metres exact');
    expect(added).toContain('+- Decision: Print two decimals');
    expect(added.match(/^\+- Entry: [0-9a-f]{12}$/gm)).toHaveLength(1);
    expect(residue(r)).toBe('');
  });

  it('a commit split at a rebase edit stop: each part gets an entry of its own, the split commit\'s goes', () => {
    // As init sets it up: the journal merge driver replays the later commit's entry alone.
    const r = (repo = initialised());
    r.write('src/convert.js', code(3));
    r.write('src/print.js', 'export const digits = 2;\n');
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Two things']).code).toBe(0);
    const split = r.git(['show', 'HEAD', '--', '.session']).stdout.match(/^\+- Entry: ([0-9a-f]{12})$/m)![1]!;
    // A later commit, so the split one is not the last the hook wrote an entry for.
    r.write('README.md', 'Units.\n');
    r.git(['add', 'README.md']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Readme']).code).toBe(0);
    const stop = gitNoTty(r, ['rebase', '-q', '-i', 'HEAD~2'], { GIT_SEQUENCE_EDITOR: "sed -i '1s/^pick/edit/'" });
    expect(stop.code, stop.stderr).toBe(0);
    r.git(['reset', '-q', 'HEAD^']);
    for (const file of ['src/convert.js', 'src/print.js']) {
      r.git(['add', file]);
      const part = gitNoTty(r, ['commit', '-q', '-m', `Part: ${file}`]);
      expect(part.code, part.stderr).toBe(0);
      const files = r.git(['show', '--format=', '--name-only', 'HEAD']).stdout.split('\n').filter(Boolean);
      expect(files.filter((f) => f.startsWith('src/'))).toEqual([file]);
      expect(r.git(['show', 'HEAD', '--', '.session']).stdout.match(/^\+- Entry: /gm)).toHaveLength(1);
    }
    expect(gitNoTty(r, ['rebase', '--continue']).code).toBe(0);
    const journal = r.git(['ls-files', '.session/journal']).stdout.trim();
    expect(r.read(journal)).not.toContain(split);
    expect(r.read(journal).match(/^- Entry: /gm)).toHaveLength(journalHeadings(r, 'HEAD~3').length + 3);
    expect(residue(r)).toBe('');
  });

  it.each(['ORIG_HEAD', ':/Metres'])('a commit split with git commit -C %s: only the part that holds the decision carries its trailer', (rev) => {
    const r = (repo = sessionRepo());
    r.run(['decide', 'Keep metres exact', '--because', 'users asked']);
    r.write('src/convert.js', code(3));
    r.git(['add', '-A']);
    const whole = gitNoTty(r, ['commit', '-q', '-m', 'Metres', '--trailer', 'Reviewed-by: Ann <ann@example.com>']);
    expect(whole.code, whole.stderr).toBe(0);
    expect(trailerValues(r, 'Decision')).toEqual(['Keep metres exact — users asked']);
    // Reachable from a branch, as `:/<text>` needs.
    r.git(['branch', 'whole']);
    r.git(['reset', '-q', 'HEAD~1']);
    r.git(['add', 'src/convert.js']);
    const part = gitNoTty(r, ['commit', '-q', '-C', rev]);
    expect(part.code, part.stderr).toBe(0);
    expect(r.git(['show', '--format=', '--name-only', 'HEAD', '--', 'SESSION.md']).stdout).toBe('');
    expect(trailerValues(r, 'Decision')).toEqual([]);
    // The person's own trailer and subject come along, as -C promises.
    expect(trailerValues(r, 'Reviewed-by')).toEqual(['Ann <ann@example.com>']);
    expect(r.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Metres');
    r.git(['add', 'SESSION.md']);
    const session = gitNoTty(r, ['commit', '-q', '-c', 'ORIG_HEAD', '--no-edit']);
    expect(session.code, session.stderr).toBe(0);
    expect(trailerValues(r, 'Decision')).toEqual(['Keep metres exact — users asked']);
    expect(trailerValues(r, 'Reviewed-by')).toEqual(['Ann <ann@example.com>']);
    expect(residue(r)).toBe('');
    // An empty marker commit holds none of it either.
    const marker = gitNoTty(r, ['commit', '-q', '--allow-empty', '-C', 'whole']);
    expect(marker.code, marker.stderr).toBe(0);
    expect(trailerValues(r, 'Decision')).toEqual([]);
    expect(trailerValues(r, 'Reviewed-by')).toEqual(['Ann <ann@example.com>']);
  });

  it('the first commit after a checkout asks git nothing for the journal; after a reset it reads the commits taken back', () => {
    const r = (repo = sessionRepo());
    const calls = (message: string) => {
      r.write('src/convert.js', code(message.length));
      r.git(['add', 'src/convert.js']);
      const c = gitNoTty(r, ['commit', '-q', '-m', message], { GIT_SESSION_DEBUG_LOADS: '1' });
      expect(c.code, c.stderr).toBe(0);
      return /pre-commit ran git: (.*)/.exec(c.stderr)?.[1] ?? '';
    };
    calls('One');
    r.git(['checkout', '-q', '-b', 'other']);
    expect(calls('Two, on another branch')).not.toContain('cat-file');
    calls('Three');
    r.git(['reset', '-q', 'HEAD~2']);
    expect(calls('Two and three again')).toContain('cat-file');
  });

  it('after a mixed reset, an entry no commit ever held (git could not stage it) goes into the next commit', () => {
    const r = (repo = sessionRepo());
    r.write('src/convert.js', code(3));
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Three']).code).toBe(0);
    const journal = r.git(['ls-files', '.session/journal']).stdout.trim();
    // The entry of a commit whose hook could not stage it: in the work tree, in no commit.
    const text = r.read(journal);
    const last = text.slice(text.lastIndexOf('### '));
    const orphan = last.replace(/- Entry: [0-9a-f]{12}/, '- Entry: 0123456789ab');
    r.write(journal, `${text}\n${orphan}`);
    r.write('src/convert.js', code(4));
    r.git(['add', 'src/convert.js']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Four']).code).toBe(0);
    r.git(['reset', '-q', 'HEAD~1']);
    r.git(['add', 'src/convert.js']);
    const again = gitNoTty(r, ['commit', '-q', '-m', 'Four again']);
    expect(again.code, again.stderr).toBe(0);
    const added = r.git(['show', 'HEAD', '--', '.session']).stdout;
    // The kept entry and this commit's; the reset commit's own entry went.
    expect(added.match(/^\+- Entry: [0-9a-f]{12}$/gm)).toHaveLength(2);
    expect(added).toContain('+- Entry: 0123456789ab');
    expect(residue(r)).toBe('');
  });

  it('reset --soft of last week\'s commits, then one commit this week: their entries leave last week\'s file', () => {
    repo = sessionRepo();
    const r = repo;
    for (const [n, hour] of [[3, 10], [4, 11]] as const) {
      r.write('src/convert.js', code(n));
      r.git(['add', '-A']);
      expect(gitNoTty(r, ['commit', '-q', '-m', `Friday ${n}`], { GIT_AUTHOR_DATE: `2031-06-06T${hour}:00:00Z` }).code).toBe(0);
    }
    const friday = r.git(['show', 'HEAD~2:.session/journal/2031-W23.md'], { allowFail: true });
    r.git(['reset', '-q', '--soft', 'HEAD~2']);
    const monday = gitNoTty(r, ['commit', '-q', '-m', 'Both, on Monday'], { GIT_AUTHOR_DATE: '2031-06-09T09:00:00Z' });
    expect(monday.code, monday.stderr).toBe(0);
    const files = r.git(['ls-tree', '-r', '--name-only', 'HEAD', '.session/journal']).stdout;
    // Last week's file is as it was before the two commits (here: none), this week's has the one entry.
    expect(files.includes('2031-W23.md')).toBe(friday.code === 0);
    expect(r.git(['show', 'HEAD:.session/journal/2031-W24.md']).stdout.match(/^### /gm)).toHaveLength(1);
    expect(residue(r)).toBe('');
  });

  it('a mixed reset of last week\'s commits, then one commit this week: their entries leave last week\'s file, nothing else of it changes', () => {
    const r = (repo = sessionRepo());
    // Last week's file holds an entry of its own before the two commits taken back.
    r.write('src/convert.js', code(2));
    r.git(['add', '-A']);
    expect(gitNoTty(r, ['commit', '-q', '-m', 'Thursday'], { GIT_AUTHOR_DATE: '2031-06-05T10:00:00Z' }).code).toBe(0);
    const thursday = r.git(['show', 'HEAD:.session/journal/2031-W23.md']).stdout;
    for (const [n, hour] of [[3, 10], [4, 11]] as const) {
      r.write('src/convert.js', code(n));
      r.git(['add', '-A']);
      expect(gitNoTty(r, ['commit', '-q', '-m', `Friday ${n}`], { GIT_AUTHOR_DATE: `2031-06-06T${hour}:00:00Z` }).code).toBe(0);
    }
    r.git(['reset', '-q', 'HEAD~2']);
    expect(r.read('.session/journal/2031-W23.md').match(/^### /gm)).toHaveLength(3);
    r.git(['add', 'src/convert.js']);
    const monday = gitNoTty(r, ['commit', '-q', '-m', 'Both, on Monday'], { GIT_AUTHOR_DATE: '2031-06-09T09:00:00Z' });
    expect(monday.code, monday.stderr).toBe(0);
    expect(r.git(['show', 'HEAD:.session/journal/2031-W24.md']).stdout.match(/^### /gm)).toHaveLength(1);
    // Last week's file is as HEAD holds it: the two taken back are gone from the work tree too.
    expect(r.read('.session/journal/2031-W23.md')).toBe(thursday);
    expect(residue(r)).toBe('');
  });

  it.each([
    ['a note of the person\'s own after them stays, with the entry it follows', false],
    ['with core.autocrlf, as on Windows', true],
  ])('a mixed reset of last week\'s commits: %s', (_, autocrlf) => {
    const r = (repo = sessionRepo());
    if (autocrlf) r.git(['config', 'core.autocrlf', 'true']);
    const week = '.session/journal/2031-W23.md';
    for (const [n, day] of [[2, 5], [3, 6], [4, 6]] as const) {
      r.write('src/convert.js', code(n));
      r.git(['add', '-A']);
      expect(gitNoTty(r, ['commit', '-q', '-m', `Change ${n}`], { GIT_AUTHOR_DATE: `2031-06-0${day}T1${n}:00:00Z` }).code).toBe(0);
    }
    const held = r.git(['show', `HEAD~2:${week}`]).stdout;
    r.git(['reset', '-q', 'HEAD~2']);
    if (!autocrlf) writeFileSync(join(r.dir, week), `${r.read(week)}\nMy own note, keep.\n`);
    r.git(['add', 'src/convert.js']);
    const monday = gitNoTty(r, ['commit', '-q', '-m', 'Both, on Monday'], { GIT_AUTHOR_DATE: '2031-06-09T09:00:00Z' });
    expect(monday.code, monday.stderr).toBe(0);
    const left = r.read(week).replace(/\r\n/g, '\n');
    if (autocrlf) {
      expect(left).toBe(held);
      expect(residue(r)).toBe('');
    } else {
      // Change 3's entry goes; change 4's, which the note follows, stays with it.
      expect(left.startsWith(held)).toBe(true);
      expect(left.match(/^### /gm)).toHaveLength(2);
      expect(left).toContain('My own note, keep.');
    }
  });

  it('a mixed reset of the commits that made last week\'s file, then one commit this week: the file, untracked, goes', () => {
    const r = (repo = sessionRepo());
    for (const [n, hour] of [[3, 10], [4, 11]] as const) {
      r.write('src/convert.js', code(n));
      r.git(['add', '-A']);
      expect(gitNoTty(r, ['commit', '-q', '-m', `Friday ${n}`], { GIT_AUTHOR_DATE: `2031-06-06T${hour}:00:00Z` }).code).toBe(0);
    }
    r.git(['reset', '-q', 'HEAD~2']);
    expect(residue(r)).toContain('?? .session/journal/2031-W23.md');
    r.git(['add', 'src/convert.js']);
    const monday = gitNoTty(r, ['commit', '-q', '-m', 'Both, on Monday'], { GIT_AUTHOR_DATE: '2031-06-09T09:00:00Z' });
    expect(monday.code, monday.stderr).toBe(0);
    expect(existsSync(join(r.dir, '.session/journal/2031-W23.md'))).toBe(false);
    expect(residue(r)).toBe('');
  });

  it('merge --squash and cherry-pick -n: the entries git brought stay, and the commit adds its own', () => {
    // As init sets it up: the journal merge driver places the branch's entries after ours.
    repo = initialised();
    const main = repo.git(['branch', '--show-current']).stdout.trim();
    const entries = (rev: string) => repo!.git(['show', rev, '--', '.session']).stdout.match(/^\+- Entry: [0-9a-f]{12}$/gm) ?? [];
    repo.git(['checkout', '-q', '-b', 'feat']);
    for (const n of [3, 4]) decideAndCommit(repo, `Feature choice ${n}`, `feature-${n}.txt`);
    const featEntries = [...entries('feat~1'), ...entries('feat')];
    expect(featEntries).toHaveLength(2);
    repo.git(['checkout', '-q', main]);
    decideAndCommit(repo, 'Main choice', 'main.txt');

    repo.git(['merge', '-q', '--squash', 'feat']);
    const squash = gitNoTty(repo, ['commit', '-q', '-m', 'Squash feat']);
    expect(squash.code, squash.stderr).toBe(0);
    // The branch's two entries, and the squash commit's own.
    const added = entries('HEAD');
    expect(added).toHaveLength(3);
    for (const e of featEntries) expect(added).toContain(e);

    repo.git(['checkout', '-q', '-b', 'pick', `${main}~1`]);
    decideAndCommit(repo, 'Pick base', 'pick.txt');
    repo.git(['cherry-pick', '-n', 'feat']);
    const pick = gitNoTty(repo, ['commit', '-q', '-m', 'Picked']);
    expect(pick.code, pick.stderr).toBe(0);
    const picked = entries('HEAD');
    expect(picked).toHaveLength(2);
    expect(picked).toContain(featEntries[1]);
  });
});

describe('where the hooks run', () => {
  it('GIT_SESSION=0 starts no node process', () => {
    repo = sessionRepo();
    const dir = join(repo.home, 'bin');
    mkdirSync(dir, { recursive: true });
    const marker = join(repo.home, 'started');
    writeFileSync(join(dir, 'git-session'), `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(join(dir, 'git-session'), 0o755);
    symlinkSync(realpathSync(join(BIN_DIR, 'git-session-hook')), join(dir, 'git-session-hook'));
    const path = `${dir}:${(repo.env.PATH ?? '').split(':').filter((p) => p !== BIN_DIR).join(':')}`;
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Quiet'], { PATH: path, GIT_SESSION: '0' }).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    repo.write('src/convert.js', code(4));
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Heard'], { PATH: path }).code).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it('init will not install into a core.hooksPath every repository shares, unless asked', () => {
    repo = tempRepo();
    const shared = join(repo.home, 'shared-hooks');
    mkdirSync(shared);
    repo.git(['config', '--global', 'core.hooksPath', shared]);
    const refused = repo.run(['init']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('core.hooksPath is set for every repository of this machine');
    expect(existsSync(join(shared, 'pre-commit'))).toBe(false);
    const asked = repo.run(['init', '--shared-hooks']);
    expect(asked.code, asked.stderr).toBe(0);
    expect(existsSync(join(shared, 'pre-commit'))).toBe(true);
  });

  it('a repository without settings gets nothing from hooks it shares', () => {
    repo = sessionRepo();
    const shared = join(repo.dir, '.git', 'hooks');
    // Another repository using the same hooks folder, as with a global core.hooksPath.
    const other = join(repo.home, 'other');
    mkdirSync(other);
    const git = (args: string[]) => gitNoTty(repo!, args, {}, other);
    git(['init', '-q', '-b', 'main']);
    git(['config', 'core.hooksPath', shared]);
    writeFileSync(join(other, 'a.txt'), code(30));
    git(['add', '-A']);
    const r = git(['commit', '-q', '-m', 'Unrelated']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(git(['show', '--name-only', '--format=', 'HEAD']).stdout.trim()).toBe('a.txt');
  });
});
