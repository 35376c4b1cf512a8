import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { addDecisionLine, allTrailers, code, gitNoTty, journalHeadings, residue, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** main plus a `feature` branch of two commits, each recording one decision (and one dead end). */
function featureBranch(): TempRepo {
  const r = sessionRepo();
  r.git(['checkout', '-q', '-b', 'feature']);
  addDecisionLine(r, '- Parse input with a small tokenizer — Reason: regexes got unreadable');
  r.write('src/parse.js', code(3, 'p'));
  r.git(['add', '-A']);
  gitNoTty(r, ['commit', '-q', '-m', 'Add the tokenizer']);
  addDecisionLine(r, '- Reject unknown units early — Reason: clearer errors');
  r.write('SESSION.md', r.read('SESSION.md').replace("## Dead Ends (Don't Revisit)\n", "## Dead Ends (Don't Revisit)\n- A units library — Reason: too heavy for a CLI\n"));
  r.write('src/parse.js', code(4, 'p'));
  r.git(['add', '-A']);
  gitNoTty(r, ['commit', '-q', '-m', 'Check units']);
  r.git(['checkout', '-q', 'main']);
  return r;
}

/** How many journal entries `log` shows under each commit, newest first. */
function entriesByCommit(r: TempRepo): number[] {
  const out = r.run(['log', '--format', 'json']);
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { commits: { journal: unknown[] }[] }).commits.map((c) => c.journal.length);
}

function countEntries(r: TempRepo): number {
  return journalHeadings(r).length;
}

/**
 * Commits on main what conflicts with the feature branch, merges it, resolves the code
 * by hand and the journal as the branch has it, runs `whileResolving`, and concludes the
 * merge with `git commit`. Returns how many journal entries there were before the merge.
 */
function concludeConflictedMerge(r: TempRepo, whileResolving: (r: TempRepo) => void = () => {}): number {
  r.write('src/parse.js', 'conflicting\n');
  r.git(['add', '-A']);
  gitNoTty(r, ['commit', '-q', '-m', 'Conflict on purpose']);
  const entries = countEntries(r);
  gitNoTty(r, ['merge', '-q', 'feature']);
  r.write('src/parse.js', 'resolved\n');
  r.git(['checkout', '--theirs', '--', '.session']);
  whileResolving(r);
  r.git(['add', '-A']);
  const commit = gitNoTty(r, ['commit', '-q', '--no-edit']);
  expect(commit.code, commit.stderr).toBe(0);
  return entries;
}

describe('history operations add nothing', () => {
  it('a merge commit gets no trailers and no journal entry of its own', () => {
    repo = featureBranch();
    repo.write('src/other.js', code(2, 'o'));
    repo.git(['add', '-A']);
    gitNoTty(repo, ['commit', '-q', '-m', 'Diverge']);
    const before = repo.git(['show', 'feature:SESSION.md']).stdout;
    const r = gitNoTty(repo, ['merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature']);
    expect(r.code, r.stderr).toBe(0);
    expect(allTrailers(repo)).toEqual([]);
    expect(new Set(journalHeadings(repo, 'HEAD'))).toEqual(new Set([...journalHeadings(repo, 'HEAD^1'), ...journalHeadings(repo, 'HEAD^2')]));
    expect(repo.git(['show', 'HEAD:SESSION.md']).stdout).toBe(before);
    expect(residue(repo)).toBe('');
  });

  it('a conflicted merge concluded with git commit adds nothing', () => {
    repo = featureBranch();
    const entries = concludeConflictedMerge(repo);
    expect(allTrailers(repo)).toEqual([]);
    expect(repo.git(['rev-list', '--parents', '-1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(3);
    expect(countEntries(repo)).toBe(entries + 2);
    expect(new Set(journalHeadings(repo, 'HEAD'))).toEqual(new Set([...journalHeadings(repo, 'HEAD^1'), ...journalHeadings(repo, 'HEAD^2')]));
    expect(residue(repo)).toBe('');
  });

  it('a decision recorded while resolving a merge is the merge\'s own: its trailer and entry, found by the readers', () => {
    repo = featureBranch();
    const entries = concludeConflictedMerge(repo, (r) => {
      const decide = r.run(['decide', 'Keep the tokenizer and the early unit check', '--because', 'both sides needed them']);
      expect(decide.code, decide.stderr).toBe(0);
    });
    expect(repo.git(['rev-list', '--parents', '-1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(3);
    // Only its own: the decisions the branches brought keep their commits.
    expect(trailerValues(repo, 'Decision')).toEqual(['Keep the tokenizer and the early unit check — both sides needed them']);
    expect(countEntries(repo)).toBe(entries + 3);
    const why = JSON.parse(repo.run(['why', 'src/parse.js:1', '--format', 'json']).stdout) as { decisions: { text: string }[] };
    expect(why.decisions.map((d) => d.text)).toEqual(['Keep the tokenizer and the early unit check']);
    const review = JSON.parse(repo.run(['review', 'HEAD~1..HEAD', '--format', 'json']).stdout) as { decisions: { text: string }[] };
    expect(review.decisions.map((d) => d.text)).toContain('Keep the tokenizer and the early unit check');
    expect(residue(repo)).toBe('');
  });

  it('rebase keeps each trailer once and writes no journal entries', () => {
    repo = featureBranch();
    repo.write('src/other.js', code(2, 'o'));
    repo.git(['add', '-A']);
    gitNoTty(repo, ['commit', '-q', '-m', 'Move main on']);
    repo.git(['checkout', '-q', 'feature']);
    const entries = countEntries(repo);
    const r = gitNoTty(repo, ['rebase', '-q', 'main']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision', 'HEAD~1')).toEqual(['Parse input with a small tokenizer — regexes got unreadable']);
    expect(trailerValues(repo, 'Decision')).toEqual(['Reject unknown units early — clearer errors']);
    expect(countEntries(repo)).toBe(entries + 1);
    expect(residue(repo)).toBe('');
  });

  it('a rebase stopped on a conflict and concluded with git commit writes no entry for the pick', () => {
    repo = featureBranch();
    repo.write('src/parse.js', 'conflicting\n');
    repo.git(['add', '-A']);
    gitNoTty(repo, ['commit', '-q', '-m', 'Conflict on purpose']);
    repo.git(['checkout', '-q', 'feature']);
    const entries = countEntries(repo);
    let step = gitNoTty(repo, ['rebase', '-q', 'main']);
    // Each pick conflicts on the same file: resolved, and concluded with git commit.
    for (let i = 0; i < 2; i++) {
      expect(step.code).not.toBe(0);
      repo.write('src/parse.js', `resolved ${i}\n`);
      repo.git(['checkout', '--theirs', '--', '.session', 'SESSION.md']);
      repo.git(['add', '-A']);
      const r = gitNoTty(repo, ['commit', '-q', '--no-edit']);
      expect(r.code, r.stderr).toBe(0);
      step = gitNoTty(repo, ['-c', 'core.editor=true', 'rebase', '--continue']);
    }
    expect(step.code, step.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision', 'HEAD~1')).toEqual(['Parse input with a small tokenizer — regexes got unreadable']);
    expect(countEntries(repo)).toBe(entries + 1);
    expect(entriesByCommit(repo).slice(0, 3)).toEqual([1, 1, 1]);
    expect(residue(repo)).toBe('');
  });

  it('a commit of the person\'s own at a break stop is recorded, also after cherry-pick -n', () => {
    repo = featureBranch();
    repo.write('other.txt', 'other\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Other on main']);
    repo.git(['checkout', '-q', 'feature']);
    const stop = gitNoTty(repo, ['rebase', '-i', 'HEAD~1'], { GIT_SEQUENCE_EDITOR: "sed -i '1a break'" });
    expect(stop.code, stop.stderr).toBe(0);
    expect(repo.git(['cherry-pick', '-n', 'main']).code).toBe(0);
    const d = repo.run(['decide', 'Own at the break', '--because', 'mine']);
    expect(d.code, d.stderr).toBe(0);
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Own']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Own at the break — mine']);
    expect(gitNoTty(repo, ['rebase', '--continue']).code).toBe(0);
  });

  it('interactive reword keeps the trailers once', () => {
    repo = featureBranch();
    repo.git(['checkout', '-q', 'feature']);
    const r = gitNoTty(repo, ['rebase', '-q', '-i', 'HEAD~1'], {
      GIT_SEQUENCE_EDITOR: "sed -i '1s/^pick/reword/'",
      GIT_EDITOR: "sed -i '1s/.*/Check units early/'",
    });
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Check units early');
    expect(trailerValues(repo, 'Decision')).toEqual(['Reject unknown units early — clearer errors']);
    expect(residue(repo)).toBe('');
  });

  it('rebase -i: a reword of an earlier commit runs through, and each commit keeps its own entry only', () => {
    repo = featureBranch();
    repo.git(['checkout', '-q', 'feature']);
    const before = journalHeadings(repo).length;
    const r = gitNoTty(repo, ['rebase', '-q', '-i', 'HEAD~2'], {
      GIT_SEQUENCE_EDITOR: "sed -i '1s/^pick/reword/'",
      GIT_EDITOR: "sed -i '1s/.*/Add a tokenizer/'",
    });
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['log', '-2', '--format=%s']).stdout).toBe('Check units\nAdd a tokenizer\n');
    expect(journalHeadings(repo)).toHaveLength(before);
    expect(entriesByCommit(repo).slice(0, 2)).toEqual([1, 1]);
    expect(residue(repo)).toBe('');
  });

  it('cherry-pick and revert add no trailers', () => {
    repo = featureBranch();
    const pick = gitNoTty(repo, ['cherry-pick', 'feature~1']);
    expect(pick.code, pick.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Parse input with a small tokenizer — regexes got unreadable']);
    const revert = gitNoTty(repo, ['revert', '--no-edit', 'HEAD']);
    expect(revert.code, revert.stderr).toBe(0);
    expect(allTrailers(repo)).toEqual([]);
    expect(residue(repo)).toBe('');
  });
});

describe('squash', () => {
  it('git merge --squash then git commit: every decision and dead end of the branch, once', () => {
    repo = featureBranch();
    repo.git(['merge', '--squash', '-q', 'feature']);
    const r = gitNoTty(repo, ['commit', '-q', '--no-edit']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual([
      'Parse input with a small tokenizer — regexes got unreadable',
      'Reject unknown units early — clearer errors',
    ]);
    expect(trailerValues(repo, 'Dead-End')).toEqual(['A units library — too heavy for a CLI']);
    expect(residue(repo)).toBe('');
  });

  it('git merge --squash: a decision the branch withdrew itself is not woven', () => {
    repo = featureBranch();
    const r = repo;
    r.git(['checkout', '-q', 'feature']);
    // Withdrawn on the branch: its bullet taken out again.
    r.write('SESSION.md', r.read('SESSION.md').replace(/^- Reject unknown units early.*\n/m, ''));
    r.write('src/parse.js', code(5, 'p'));
    r.git(['add', '-A']);
    gitNoTty(r, ['commit', '-q', '-m', 'Accept any unit']);
    r.git(['checkout', '-q', 'main']);
    r.git(['merge', '--squash', '-q', 'feature']);
    const done = gitNoTty(r, ['commit', '-q', '--no-edit']);
    expect(done.code, done.stderr).toBe(0);
    expect(trailerValues(r, 'Decision')).toEqual(['Parse input with a small tokenizer — regexes got unreadable']);
    expect(trailerValues(r, 'Dead-End')).toEqual(['A units library — too heavy for a CLI']);
    const why = JSON.parse(r.run(['why', 'src/parse.js', '--format', 'json']).stdout) as { commits: { decisions: { text: string }[] }[] };
    expect(why.commits.flatMap((c) => c.decisions.map((d) => d.text))).not.toContain('Reject unknown units early');
  });

  it('squash-message prints a message ready to paste', () => {
    repo = featureBranch();
    repo.git(['checkout', '-q', 'feature']);
    const r = repo.run(['squash-message', 'main']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('feature');
    expect(r.stdout).toContain('- Add the tokenizer\n- Check units');
    expect(r.stdout).not.toMatch(/^(#|---)/m);
    const parsed = repo.git(['interpret-trailers', '--parse', '--no-divider'], { input: r.stdout }).stdout;
    expect(parsed).toBe(
      'Decision: Parse input with a small tokenizer — regexes got unreadable\n' +
        'Decision: Reject unknown units early — clearer errors\n' +
        'Dead-End: A units library — too heavy for a CLI\n',
    );
    const one = repo.run(['squash-message', 'HEAD~1..HEAD']);
    expect(one.stdout.split('\n')[0]).toBe('Check units');
  });

  it('squash-message weaves only what the range recorded, judged on the whole history: a mention of a base decision is none', () => {
    repo = featureBranch();
    const r = repo;
    r.git(['checkout', '-q', 'feature']);
    // A message that names a decision in force since before the branch: a mention, as review reads it.
    r.write('src/convert.js', code(5));
    r.git(['add', '-A']);
    gitNoTty(r, ['commit', '-q', '-m', 'Round once', '-m', 'Decision: Store every length in millimetres — one base unit keeps rounding simple']);
    const message = r.run(['squash-message', 'main']);
    expect(message.code, message.stderr).toBe(0);
    const parsed = r.git(['interpret-trailers', '--parse', '--no-divider'], { input: message.stdout }).stdout;
    expect(parsed).not.toContain('millimetres');
    expect(parsed).toContain('Decision: Parse input with a small tokenizer');
    const review = JSON.parse(r.run(['review', 'main', '--format', 'json']).stdout) as { decisions: { text: string }[] };
    expect(review.decisions.map((d) => d.text)).not.toContain('Store every length in millimetres');
  });

  it('squash-message refuses a bad or empty range', () => {
    repo = featureBranch();
    const bad = repo.run(['squash-message', 'no-such-branch']);
    expect(bad.code).toBe(7);
    // One sentence for git's complaint, one for the fix.
    expect(bad.stderr).toContain(`git cannot read the range "no-such-branch" (bad revision 'no-such-branch..HEAD'). Name a range`);
    const empty = repo.run(['squash-message', 'main..main']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('has no commits');
  });
});
