import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { sessionRepo } from './commit-setup.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function commit(message: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-F', '-'], { input: message });
}

describe('git session review --format github', () => {
  it('prints a notice for each changed line range whose last change recorded a decision or dead end', () => {
    repo = tempRepo();
    commit('Base', { 'src/a.ts': 'one\ntwo\nthree\nfour\nfive\nsix\n' });
    repo.git(['checkout', '-q', '-b', 'topic']);
    commit('Rework two and three\n\nDecision: shout — easier to spot\n', { 'src/a.ts': 'one\nTWO\nTHREE\nfour\nfive\nsix\n' });
    // Line 4 joins the decision's lines in one hunk, but its last change recorded nothing.
    commit('Touch four', { 'src/a.ts': 'one\nTWO\nTHREE\nFOUR\nfive\nsix\n' });
    commit('Add notes\n\nDead-End: a wiki page, 100% ignored — nobody reads it\n', { 'notes.md': 'a\n' });
    const run = repo.run(['review', 'main..HEAD', '--format', 'github']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::notice file=notes\.md,line=1,endLine=1,title=1 dead end behind these lines::Dead end: a wiki page, 100%25 ignored — nobody reads it \([0-9a-f]{7}\)$/);
    expect(lines[1]).toMatch(/^::notice file=src\/a\.ts,line=2,endLine=3,title=1 decision behind these lines::Decision: shout — easier to spot \([0-9a-f]{7}\)$/);
  });

  it('says so when a decision behind the lines is no longer in force', () => {
    repo = sessionRepo();
    commit('Base', { 'src/a.ts': 'one\ntwo\nthree\n' });
    repo.git(['checkout', '-q', '-b', 'topic']);
    repo.run(['decide', 'shout', '--because', 'easier to spot']);
    commit('Shout', { 'src/a.ts': 'one\nTWO\nTHREE\n' });
    repo.run(['decide', 'whisper', '--because', 'calmer logs', '--supersedes', 'shout']);
    commit('Note the change of mind', { 'notes.md': 'calmer\n' });
    const run = repo.run(['review', 'main..HEAD', '--format', 'github']);
    expect(run.code, run.stderr).toBe(0);
    const notice = run.stdout.split('\n').find((l) => l.includes('file=src/a.ts'));
    expect(notice).toMatch(
      /^::notice file=src\/a\.ts,line=2,endLine=3,title=1 decision behind these lines \(none in force\)::Decision: shout — easier to spot \([0-9a-f]{7}\) \(superseded by [0-9a-f]{7}\)$/,
    );
  });

  it('names github among the formats review takes', () => {
    repo = tempRepo();
    const run = repo.run(['review', 'main', '--format', 'html']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown --format "html".*md, json or github/);
  });

  it('names the fix when there is nothing to compare with', () => {
    repo = tempRepo();
    const run = repo.run(['review', '--format', 'github']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no default branch or upstream.*--format github/);
  });

  it('on a branch with no commits, says so rather than asking for a range', () => {
    repo = tempRepo({ empty: true });
    repo.git(['checkout', '-q', '-b', 'feature']);
    for (const args of [['review'], ['review', '--format', 'github'], ['squash-message', 'HEAD~1..HEAD']]) {
      const run = repo.run(args);
      expect(run.code, args.join(' ')).toBe(7);
      expect(run.stderr).toBe('git-session: the current branch has no commits yet. Make a first commit, then ask again.\n');
    }
  });
});
