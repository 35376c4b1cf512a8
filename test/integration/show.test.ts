import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo;
const h: Record<string, string> = {};

const V1 = '# Session\n\n## Goal\n\nShip the importer.\n\n## Status\n\nParsing CSV.\n';
const V2 =
  '# Session\n\n## Goal\n\nShip the importer.\n\n## Status\n\nCSV done; JSON next.\n\n## Next Steps\n\n- [ ] JSON input\n\n' +
  '## Decisions\n\n- Stream rows — memory stays flat\n\n## Dead Ends\n\n- Load everything — out of memory on big files\n\n' +
  '## Key Files\n\n- `src/import.ts` — the reader\n';

function commit(message: string, files: Record<string, string>, date: string): string {
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '--allow-empty', '-m', message], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  return repo.git(['rev-parse', 'HEAD']).stdout.trim();
}

beforeAll(() => {
  repo = tempRepo({ empty: true });
  h.root = commit('Start', { 'a.txt': 'a\n' }, '2026-09-01T10:00:00Z');
  h.v1 = commit('Begin the session', { 'SESSION.md': V1 }, '2026-10-01T10:00:00Z');
  h.v2 = commit('Update the session --> done', { 'SESSION.md': V2 }, '2026-10-20T10:00:00Z');
});
afterAll(() => repo.cleanup());

describe('git session show', () => {
  it('prints the file as it was at a commit under a one-line header', () => {
    const run = repo.run(['show', '--at', h.v1!]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`<!-- SESSION.md at ${h.v1!.slice(0, 7)} (2026-10-01): Begin the session -->\n${V1}`);
  });

  it('defaults to HEAD and keeps a header comment closed whatever the subject holds', () => {
    const run = repo.run(['show']);
    expect(run.stdout.split('\n')[0]).toBe(`<!-- SESSION.md at ${h.v2!.slice(0, 7)} (2026-10-20): Update the session -> done -->`);
    expect(run.stdout.slice(run.stdout.indexOf('\n') + 1)).toBe(V2);
  });

  it('reads a date as the last commit before it, in JSON with the parsed sections', () => {
    const run = repo.run(['show', '--at', '2026-10-10', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      commit: h.v1,
      short: h.v1!.slice(0, 7),
      subject: 'Begin the session',
      date: '2026-10-01T10:00:00+00:00',
      file: 'SESSION.md',
      goal: 'Ship the importer.',
      status: 'Parsing CSV.',
      nextSteps: [],
      decisions: [],
      deadEnds: [],
      keyFiles: [],
      content: V1,
    });
    const now = JSON.parse(repo.run(['show', '--format', 'json']).stdout);
    expect(now).toMatchObject({
      commit: h.v2,
      status: 'CSV done; JSON next.',
      nextSteps: ['JSON input'],
      decisions: [{ text: 'Stream rows', reason: 'memory stays flat' }],
      deadEnds: [{ text: 'Load everything', reason: 'out of memory on big files' }],
      keyFiles: [{ path: 'src/import.ts', why: 'the reader' }],
    });
  });

  it('refuses a commit without the file, and a date before any commit', () => {
    const missing = repo.run(['show', '--at', h.root!]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/^git-session: SESSION\.md: not in commit [0-9a-f]{7} \(Start\)\./);
    const early = repo.run(['show', '--at', '2001-01-01']);
    expect(early.code).toBe(7);
    expect(early.stderr).toContain('"2001-01-01" is not a revision, and no commit on HEAD is older than that date.');
    // The fix names no date as an example: any example could be the one that just failed.
    expect(early.stderr).toContain('a date after the first commit');
    const option = repo.run(['show', '--at=--all']);
    expect(option.code).toBe(2);
  });

  it('points at init when HEAD has no session file', () => {
    const other = tempRepo();
    try {
      const run = other.run(['show']);
      expect(run.code).toBe(4);
      expect(run.stderr).toMatch(/^git-session: SESSION\.md: not in commit [0-9a-f]{7} .*Start one with `git session init`/);
    } finally {
      other.cleanup();
    }
  });

  it('redacts secrets in every form, the file content included', () => {
    // Built at run time so no scanner flags this file itself.
    const key = ['AKIA', 'QX3RT7', 'EXAMPLE7Z2'].join('');
    const other = tempRepo();
    try {
      other.write('SESSION.md', `# Session\n\n## Goal\n\nUpload with ${key}.\n\n## Decisions\n\n- Sign with ${key} — ${key} works\n`);
      other.git(['add', '-A']);
      other.git(['commit', '-q', '-m', 'session']);
      const json = other.run(['show', '--format', 'json']);
      expect(json.code, json.stderr).toBe(0);
      expect(json.stdout).not.toContain(key);
      const report = JSON.parse(json.stdout);
      expect(report.goal).toBe('Upload with [REDACTED:aws-access-key].');
      expect(report.decisions).toEqual([{ text: 'Sign with [REDACTED:aws-access-key]', reason: '[REDACTED:aws-access-key] works' }]);
      expect(report.content).toContain('Upload with [REDACTED:aws-access-key].');
      const md = other.run(['show']);
      expect(md.stdout).not.toContain(key);
      expect(md.stdout).toContain('Upload with [REDACTED:aws-access-key].');
    } finally {
      other.cleanup();
    }
  });
});
