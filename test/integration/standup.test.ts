import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

// The default period starts at the previous working day: the clock is fixed at a
// Wednesday noon (GIT_SESSION_NOW), and commits sit relative to it.
const now = Math.floor(Date.UTC(2026, 10, 25, 12, 0, 0) / 1000);
const at = (secondsAgo: number) => `@${now - secondsAgo} +0000`;
// git's own approxidate (`--since '1 hour ago'`) reads the same fixed time from GIT_TEST_DATE_NOW.
const CLOCK = { env: { GIT_SESSION_NOW: `@${now}`, GIT_TEST_DATE_NOW: String(now) } };

function commit(message: string, file: string, date: string, env: NodeJS.ProcessEnv = {}): void {
  repo.write(file, message);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-F', '-'], { input: message, env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, ...env } });
}

function build(): void {
  repo = tempRepo();
  commit('Old work\n\nDecision: too old — outside the period\n', 'old.txt', at(10 * 86_400));
  commit('Add retries\n\nDecision: retry three times — the API flakes\nRejected: a queue — too heavy for now\n', 'a.txt', at(120));
  commit('Bo’s work\n\nDecision: not mine — someone else\n', 'b.txt', at(90), { GIT_AUTHOR_NAME: 'Bo Other', GIT_AUTHOR_EMAIL: 'bo@example.com' });
  repo.git(['checkout', '-q', '-b', 'side']);
  commit('Side branch work\n\nDead-End: polling — wastes requests\n', 'c.txt', at(60));
  repo.git(['checkout', '-q', 'main']);
  repo.write('SESSION.md', '# Session\n\n## Status\n\nRetries in place.\n\n## Next Steps\n\n- [ ] Tune the backoff\n');
}

describe('git session standup', () => {
  it('reports my work since the previous working day across local branches, with next steps', () => {
    build();
    const run = repo.run(['standup', '--format', 'json'], CLOCK);
    expect(run.stderr).toBe('');
    const s = JSON.parse(run.stdout);
    expect(s.since).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00 \+0000$/);
    expect(s.author).toBe('ada@example.com');
    expect(s.done.map((d: { subject: string }) => d.subject)).toEqual(['Add retries', 'Side branch work']);
    expect(s.decided).toEqual([expect.objectContaining({ text: 'retry three times', reason: 'the API flakes', subject: 'Add retries' })]);
    expect(s.ruledOut.map((d: { text: string }) => d.text)).toEqual(['a queue', 'polling']);
    expect(s.next).toEqual(['Tune the backoff']);
    expect(s.status).toBe('Retries in place.');
  });

  it('renders short markdown sections', () => {
    build();
    const run = repo.run(['standup', '--since', '1 hour ago'], CLOCK);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '# Standup since 1 hour ago\n\n## Done\n\n- Add retries\n- Side branch work\n\n## Decided\n\n- retry three times — the API flakes\n\n' +
        '## Ruled out\n\n- a queue — too heavy for now\n- polling — wastes requests\n\n## Next\n\n- Tune the backoff\n',
    );
  });

  it('takes another author and says when nothing was committed', () => {
    build();
    const bo = JSON.parse(repo.run(['standup', '--author', 'Bo Other', '--format', 'json'], CLOCK).stdout);
    expect(bo.done.map((d: { subject: string }) => d.subject)).toEqual(['Bo’s work']);
    const quiet = repo.run(['standup', '--since', '2020-01-01', '--author', 'nobody@nowhere'], CLOCK);
    expect(quiet.stdout).toContain('## Done\n\nNothing committed in this period.\n');
  });

  it('judges on every branch, from what is kept for HEAD once no branch has work HEAD lacks', () => {
    build();
    const trace = join(repo.home, 'standup-trace.txt');
    // The judging walk lists every commit, with --sparse; the commits shown do not.
    const judged = (): string[] => {
      writeFileSync(trace, '');
      const run = repo.run(['standup', '--format', 'json'], { env: { ...CLOCK.env, GIT_TRACE: trace } });
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).ruledOut.map((d: { text: string }) => d.text)).toEqual(['a queue', 'polling']);
      return readFileSync(trace, 'utf8')
        .split('\n')
        .filter((l) => l.includes('--sparse'));
    };
    // The side branch has work HEAD lacks: every branch is walked, each time, and HEAD's
    // own history (for the commits HEAD holds) once, then read as kept.
    const both = judged();
    expect(both).toHaveLength(2);
    expect(both.filter((l) => l.includes('--branches'))).toHaveLength(1);
    expect(judged()).toEqual([expect.stringContaining('--branches')]);
    // Merged: HEAD's history holds every branch's. It is walked once, then read as kept.
    repo.git(['merge', '-q', '--no-edit', 'side'], { env: { GIT_AUTHOR_DATE: at(30), GIT_COMMITTER_DATE: at(30) } });
    const first = judged();
    expect(first).toHaveLength(1);
    expect(first[0]).not.toContain('--branches');
    expect(judged()).toEqual([]);
  });

  it('judges a commit HEAD holds on HEAD\'s history: a withdrawal on a branch not merged is that branch\'s', () => {
    repo = tempRepo();
    const session = (bullets: string) => `# Session\n\n## Decisions\n\n${bullets}\n## Next Steps\n\n- [ ] Go on\n`;
    const commitSession = (text: string, message: string, date: string) => {
      repo.write('SESSION.md', text);
      repo.git(['add', '-A']);
      repo.git(['commit', '-q', '-m', message], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    };
    commitSession(session('- Cache the token — Reason: the API limits calls\n'), 'Cache the token', at(120));
    repo.git(['checkout', '-q', '-b', 'side']);
    commitSession(session(''), 'Take the cache decision back', at(60));
    const decided = () => {
      const run = repo.run(['standup', '--format', 'json'], CLOCK);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout).decided.map((d: { text: string; status: string }) => [d.text, d.status]);
    };
    // On side, its own withdrawal stands; on main, which has not merged it, the decision does.
    expect(decided()).toEqual([['Cache the token', 'withdrawn']]);
    repo.git(['checkout', '-q', 'main']);
    expect(decided()).toEqual([['Cache the token', 'active']]);
  });

  it('redacts secrets and leaves private parts out of the status and next steps', () => {
    build();
    // Built at run time so no scanner flags this file itself.
    const key = ['AKIA', 'QX3RT7', 'EXAMPLE7Z2'].join('');
    repo.write('SESSION.md', `# Session\n\n## Status\n\nDeployed with ${key}.\n<!-- private -->\nAsk Lee.\n<!-- /private -->\n\n## Next Steps\n\n- [ ] Rotate ${key}\n`);
    for (const format of ['json', 'md']) {
      const run = repo.run(['standup', '--format', format], CLOCK);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toContain(key);
      expect(run.stdout).not.toContain('Lee');
      expect(run.stdout).toContain('Rotate [REDACTED:aws-access-key]');
    }
  });
});
