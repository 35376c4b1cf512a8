import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import {
  SESSION,
  addDecisionLine,
  installHooks,
  allTrailers,
  code,
  gitNoTty,
  journalFilesIn,
  journalHeadings,
  residue,
  sessionRepo,
  trailerValues,
} from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const DECISION = 'Round only when printing — Reason: stored values stay exact';

function stageDecisionAndCode(r: TempRepo): void {
  addDecisionLine(r, `- ${DECISION}`);
  r.write('src/convert.js', code(5));
  r.git(['add', '-A']);
}

describe('a commit that records a decision', () => {
  it('-m: weaves the trailer, commits the journal entry, leaves nothing behind', () => {
    repo = sessionRepo();
    stageDecisionAndCode(repo);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Round at the edges']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(trailerValues(repo, 'Decision')).toEqual(['Round only when printing — stored values stay exact']);
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('');
    const entry = repo.git(['show', 'HEAD', '--format=', '--', '.session/journal']).stdout;
    expect(entry).toMatch(/^\+### \d{4}-\d{2}-\d{2} \d{2}:\d{2} \+00:00 · commit · main · Ada Tester <ada@example.com>$/m);
    expect(entry).toContain('+- Goal: Build a small unit converter for the command line.');
    expect(entry).toContain('+- Decision: Round only when printing — stored values stay exact');
    expect(entry).toContain('+- Status: Length units convert; temperature is next.');
    expect(entry).toContain('+  - src/convert.js (+5 -1)');
    expect(entry).toContain('+  - SESSION.md (+1 -0)');
    expect(entry).toMatch(/^\+- Since previous entry: \d+m$/m);
    expect(entry).not.toContain('Kim');
  });

  it('plain commit with an editor that writes the subject: the trailers stay in their own block', () => {
    repo = sessionRepo();
    stageDecisionAndCode(repo);
    // Types the subject on the first line, as a person would.
    const editor = `sh -c 'printf "%s\\n" "Round at the edges" > "$1.new"; sed 1d "$1" >> "$1.new"; mv "$1.new" "$1"' -`;
    const r = gitNoTty(repo, ['commit', '-q'], { GIT_EDITOR: editor });
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Round at the edges');
    expect(trailerValues(repo, 'Decision')).toEqual(['Round only when printing — stored values stay exact']);
    expect(residue(repo)).toBe('');
  });

  it('plain commit left without a subject: git aborts on the empty message, and the retry records once', () => {
    repo = sessionRepo();
    stageDecisionAndCode(repo);
    const head = repo.git(['rev-parse', 'HEAD']).stdout;
    // Quitting the editor without writing: only the woven trailers are in the message.
    const quit = gitNoTty(repo, ['commit', '-q'], { GIT_EDITOR: 'true' });
    expect(quit.code).not.toBe(0);
    expect(quit.stderr).toContain('Aborting commit due to empty commit message');
    expect(repo.git(['rev-parse', 'HEAD']).stdout).toBe(head);

    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Round at the edges']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Round only when printing — stored values stay exact']);
    expect(journalHeadings(repo, 'HEAD').length - journalHeadings(repo, 'HEAD~1').length).toBe(1);
    expect(residue(repo)).toBe('');
  });

  it('plain commit with an editor that deletes the trailers: the person has the last word', () => {
    repo = sessionRepo();
    stageDecisionAndCode(repo);
    const editor = `sh -c 'printf "Subject only\\n" > "$1"' -`;
    const r = gitNoTty(repo, ['commit', '-q'], { GIT_EDITOR: editor });
    expect(r.code, r.stderr).toBe(0);
    expect(allTrailers(repo)).toEqual([]);
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('');
  });

  it('-a: stages through the temporary index', () => {
    repo = sessionRepo();
    addDecisionLine(repo, `- ${DECISION}`);
    repo.write('src/convert.js', code(3));
    const r = gitNoTty(repo, ['commit', '-q', '-a', '-m', 'All tracked']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toHaveLength(1);
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('');
  });

  it('<paths>: the journal lands in the commit and in the real index', () => {
    repo = sessionRepo();
    addDecisionLine(repo, `- ${DECISION}`);
    repo.write('src/convert.js', code(3));
    repo.write('README.md', 'staged but not committed\n');
    repo.git(['add', 'README.md']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Only these', '--', 'SESSION.md', 'src/convert.js']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toHaveLength(1);
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('A  README.md\n');
  });

  it('-F: message from a file without a final newline', () => {
    repo = sessionRepo();
    stageDecisionAndCode(repo);
    repo.write('../msg.txt', 'From a file\n\nBody text.\n\nSigned-off-by: Ada Tester <ada@example.com>');
    const r = gitNoTty(repo, ['commit', '-q', '-F', '../msg.txt']);
    expect(r.code, r.stderr).toBe(0);
    // Ours go above git's own lines, so a later commit -s finds its sign-off last.
    expect(allTrailers(repo)).toEqual([
      'Decision: Round only when printing — stored values stay exact',
      'Signed-off-by: Ada Tester <ada@example.com>',
    ]);
    expect(residue(repo)).toBe('');
  });

  it('--amend: the entry is replaced and the trailers are not repeated', () => {
    repo = sessionRepo();
    stageDecisionAndCode(repo);
    gitNoTty(repo, ['commit', '-q', '-m', 'First try']);
    const before = journalHeadings(repo, 'HEAD').length;
    addDecisionLine(repo, '- Print with two decimals — Reason: users asked');
    repo.git(['add', 'SESSION.md']);
    const r = gitNoTty(repo, ['commit', '-q', '--amend', '--no-edit']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual([
      'Round only when printing — stored values stay exact',
      'Print with two decimals — users asked',
    ]);
    expect(journalHeadings(repo, 'HEAD')).toHaveLength(before);
    const added = repo.git(['show', 'HEAD', '--format=', '--', '.session/journal']).stdout;
    expect(added).toContain('+- Decision: Print with two decimals — users asked');
    expect(residue(repo)).toBe('');
  });

  it('reword with --amend -m: the trailers come back once', () => {
    repo = sessionRepo();
    stageDecisionAndCode(repo);
    gitNoTty(repo, ['commit', '-q', '-m', 'First try']);
    const r = gitNoTty(repo, ['commit', '-q', '--amend', '-m', 'Better subject']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Better subject');
    expect(trailerValues(repo, 'Decision')).toHaveLength(1);
    expect(repo.git(['rev-list', '--count', 'HEAD']).stdout.trim()).toBe('3');
    expect(residue(repo)).toBe('');
  });

  it('in a linked worktree', () => {
    repo = sessionRepo();
    const wt = `${repo.dir}-wt`;
    repo.git(['worktree', 'add', '-q', '-b', 'feature', wt]);
    try {
      repo.write('../repo-wt/SESSION.md', repo.read('SESSION.md').replace('\n## Dead Ends', `- ${DECISION}\n\n## Dead Ends`));
      repo.git(['add', '-A'], { cwd: wt });
      const r = gitNoTty(repo, ['commit', '-q', '-m', 'From the worktree'], {}, wt);
      expect(r.code, r.stderr).toBe(0);
      expect(trailerValues(repo, 'Decision', 'HEAD', wt)).toHaveLength(1);
      const entry = repo.git(['show', 'HEAD', '--format=', '--', '.session/journal'], { cwd: wt }).stdout;
      expect(entry).toContain('· commit · feature ·');
      expect(residue(repo, wt)).toBe('');
      expect(residue(repo)).toBe('');
    } finally {
      repo.git(['worktree', 'remove', '--force', wt], { allowFail: true });
    }
  });
});

describe('the first commit of a repository', () => {
  it('records the session file as it is', () => {
    repo = tempRepo({ empty: true });
    installHooks(repo);
    repo.write('SESSION.md', SESSION);
    repo.write('src/convert.js', code(2));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Root']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Store every length in millimetres — one base unit keeps rounding simple']);
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('');
  });
});

describe('the Session trailer', () => {
  it('names the goal once, also after an amend, when trailers.session is on', () => {
    repo = sessionRepo({ config: '[trailers]\n\tsession = true\n' });
    repo.write('src/format.js', code(2));
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'With session']).code).toBe(0);
    expect(gitNoTty(repo, ['commit', '-q', '--amend', '--no-edit']).code).toBe(0);
    expect(allTrailers(repo)).toEqual(['Session: Build a small unit converter for the command line.']);
  });
});

describe('commits the pipeline stays out of', () => {
  it.each([
    ['--no-verify', ['--no-verify'], {}],
    ['HUSKY=0', [], { HUSKY: '0' }],
    ['GIT_SESSION=0', [], { GIT_SESSION: '0' }],
  ])('%s: no trailers, no journal entry', (_name, flags, env) => {
    repo = sessionRepo();
    stageDecisionAndCode(repo);
    const r = gitNoTty(repo, ['commit', '-q', ...flags, '-m', 'Skipped'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(allTrailers(repo)).toEqual([]);
    expect(journalFilesIn(repo)).toEqual([]);
    expect(residue(repo)).toBe('');
  });

  it('nothing staged: git still says there is nothing to commit, and nothing is left staged', () => {
    repo = sessionRepo();
    const r = gitNoTty(repo, ['commit', '-m', 'Nothing']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('nothing to commit');
    expect(residue(repo)).toBe('');
  });

  it('--allow-empty: the marker commit stays empty (no journal entry, no trailers)', () => {
    repo = sessionRepo();
    const r = gitNoTty(repo, ['commit', '-q', '--allow-empty', '-m', 'Start work on temperatures']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout).toBe('');
    expect(allTrailers(repo)).toEqual([]);
    expect(residue(repo)).toBe('');
  });

  it('a commit with nothing to record still gets its journal entry and no trailers', () => {
    repo = sessionRepo();
    repo.write('src/format.js', code(2));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Small change']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(allTrailers(repo)).toEqual([]);
    expect(journalFilesIn(repo)).toHaveLength(1);
    expect(residue(repo)).toBe('');
  });
});
