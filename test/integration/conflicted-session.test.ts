import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { initialised } from '../helpers/session-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

// `=======` under `<<<<<<< HEAD` reads as a setext heading, and a decision's reason runs into it.
const CONFLICTED =
  '# S\n\n## Status\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> o\n\n## Decisions\n<<<<<<< HEAD\n- A — Reason: a\n=======\n- B — Reason: b\n>>>>>>> o\n';
const REFUSED = /^git-session: SESSION\.md: is in the middle of a merge conflict \(conflict markers on lines 4, 6, 8, 11, 13 and 15\), so it cannot be read as a session file\. Resolve it first: .*then `git add SESSION\.md`\.\n$/;

function commit(r: TempRepo, message: string, text: string): string {
  r.write('SESSION.md', text);
  r.git(['add', 'SESSION.md']);
  r.git(['commit', '-q', '-m', message]);
  return r.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
}

/** Each commit's decisions as `log --format json` gives them: `<text> — <reason> (<status>)`. */
function decidedByCommit(r: TempRepo): Record<string, string[]> {
  const log = r.run(['log', '--format', 'json']);
  expect(log.stderr).toBe('');
  const commits = (JSON.parse(log.stdout) as { commits: { short: string; decisions: { text: string; reason: string; status: string }[] }[] }).commits;
  return Object.fromEntries(commits.map((c) => [c.short, c.decisions.map((d) => `${d.text} — ${d.reason} (${d.status})`)]));
}

describe('a SESSION.md with conflict markers', () => {
  it.each(['status', 'status --json', 'standup', 'context', 'context --format json'])(
    'is refused by %s as by every reader of the work tree (exit 8, the lines, the fix)',
    (command) => {
      repo = tempRepo();
      commit(repo, 'Begin', '# S\n\n## Decisions\n- A — Reason: a\n');
      repo.write('SESSION.md', CONFLICTED);
      const r = repo.run(command.split(' '));
      expect(r.stderr).toMatch(REFUSED);
      expect(r.code).toBe(8);
      expect(r.stdout).toBe('');
    },
  );

  it('committed by mistake: show prints it as committed, and refuses to read parts out of it', () => {
    repo = tempRepo();
    const at = commit(repo, 'Conflicted by mistake', CONFLICTED);
    const md = repo.run(['show']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> o\n');
    const json = repo.run(['show', '--format', 'json']);
    expect(json.code).toBe(8);
    expect(json.stdout).toBe('');
    expect(json.stderr).toMatch(new RegExp(`^git-session: SESSION\\.md at ${at}: is in the middle of a merge conflict \\(conflict markers on lines 4, 6, 8, 11, 13 and 15\\).*\`git session show --at ${at}\` prints it as committed`));
  });

  it('committed by mistake: the readers of history take nothing from it, and the commit that mends it records what it changed', () => {
    repo = tempRepo();
    const one = commit(repo, 'Decide A', '# S\n\n## Decisions\n- A — Reason: a\n');
    const two = commit(repo, 'Conflicted by mistake', '# S\n\n## Decisions\n<<<<<<< HEAD\n- A — Reason: a\n=======\n- B — Reason: b\n>>>>>>> o\n');
    const three = commit(repo, 'Mend the conflict', '# S\n\n## Decisions\n- A — Reason: a\n- B — Reason: b\n');
    expect(decidedByCommit(repo)).toEqual({ [one]: ['A — a (active)'], [two]: [], [three]: ['B — b (active)'], [repo.git(['rev-parse', '--short', 'HEAD~3']).stdout.trim()]: [] });

    const review = repo.run(['review', 'HEAD~3..HEAD', '--format', 'json']);
    const reviewed = JSON.parse(review.stdout) as { decisions: { text: string; reason: string; commit: string }[] };
    expect(reviewed.decisions.map((d) => [d.text, d.reason, d.commit.slice(0, one.length)])).toEqual([
      ['A', 'a', one],
      ['B', 'b', three],
    ]);
    const why = repo.run(['why', 'SESSION.md']);
    expect(why.stdout).not.toContain('=======');
    expect(why.stdout).toContain(`## ${three} Mend the conflict`);
  });

  it('a binary version committed by mistake gives no items either: its bytes split at newlines are not bullets', () => {
    repo = tempRepo();
    const one = commit(repo, 'Decide A', '# S\n\n## Decisions\n- A — Reason: a\n');
    // A stray NUL (a bad paste, a tool that wrote UTF-16) makes git and the commands call the file binary.
    const two = commit(repo, 'Binary by mistake', '# S\n\n## Decisions\n- A — Reason: a\n- Junk\0 — Reason: bytes\n');
    const three = commit(repo, 'Restore it', '# S\n\n## Decisions\n- A — Reason: a\n- B — Reason: b\n');
    expect(decidedByCommit(repo)).toEqual({ [one]: ['A — a (active)'], [two]: [], [three]: ['B — b (active)'], [repo.git(['rev-parse', '--short', 'HEAD~3']).stdout.trim()]: [] });
  });

  it('committed by mistake and mended through the hooks: the mending commit is given only what it adds, as trailers and in its entry', () => {
    repo = initialised();
    const r = repo;
    expect(r.run(['decide', 'Keep A', '--because', 'a']).code).toBe(0);
    r.write('a.js', 'a\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Decide A']);
    const session = r.read('SESSION.md');
    const line = session.split('\n').find((l) => l.startsWith('- Keep A'))!;
    r.write('SESSION.md', session.replace(line, `<<<<<<< HEAD\n${line}\n=======\n- Keep B — Reason: b\n>>>>>>> other`));
    r.git(['commit', '-q', '--no-verify', '-am', 'Conflicted by mistake']);
    r.write('SESSION.md', session.replace(line, `${line}\n- Keep B — Reason: b`));
    r.write('a.js', 'mended\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Mend the conflict']);
    const message = r.git(['log', '-1', '--format=%B']).stdout;
    expect(message).toContain('Decision: Keep B — b');
    expect(message).not.toContain('Keep A');
    const entry = r.git(['show', 'HEAD', '--format=', '--', '.session/journal']).stdout;
    expect(entry).toContain('Keep B');
    expect(entry).not.toContain('Keep A');
  });
});
