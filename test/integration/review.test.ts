import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function commit(r: TempRepo, message: string, files: Record<string, string | Buffer>, date: string): string {
  for (const [path, text] of Object.entries(files)) r.write(path, text as string);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '--allow-empty', '-F', '-'], { input: message, env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  return r.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
}

const SESSION = `# Session

## Goal

Make the exporter stream large files.

## Status

Streaming writer done; docs missing.

## Next Steps

- [ ] Benchmark a 2 GB export
- [x] Replace the buffered writer
`;

const JOURNAL = `### 2026-11-02 10:00 +00:00 · commit · topic · Ada Tester <ada@example.com>
- Decision: stream rows — memory stays flat
- Status: streaming writer done

`;

/** main: root, session; topic: three commits with trailers, then a merge of main. */
function build(): { a: string; b: string; c: string } {
  repo = tempRepo();
  commit(repo, 'Add session file', { 'SESSION.md': SESSION.replace('Streaming writer done; docs missing.', 'Starting.') }, '2026-11-01T09:00:00Z');
  repo.git(['checkout', '-q', '-b', 'topic']);
  const a = commit(
    repo,
    'Stream rows to the writer\n\nThe old writer buffered everything.\n\nDecision: stream rows — memory stays flat\nSigned-off-by: Ada Tester <ada@example.com>\n',
    { 'src/export.ts': 'a\nb\nc\nd\n', '.session/journal/2026-W45.md': JOURNAL, 'SESSION.md': SESSION },
    '2026-11-02T10:00:00Z',
  );
  const b = commit(
    repo,
    'Add a logo\n\nDead-End: gzip the rows — the writer became CPU-bound\nCo-authored-by: Bo Other <bo@example.com>\n',
    { 'assets/logo.bin': Buffer.from([0, 1, 2, 0, 255]) as unknown as string, 'src/export.ts': 'a\nB\nc\nd\ne\n' },
    '2026-11-02T11:00:00Z',
  );
  const c = commit(repo, 'Tidy the exporter\n\nNote: see above\n', { 'src/export.ts': 'a\nB\nc\n' }, '2026-11-02T12:00:00Z');
  repo.git(['checkout', '-q', 'main']);
  commit(repo, 'Unrelated fix on main\n\nDecision: not part of the topic — lives on main\n', { 'README.md': 'hi\n' }, '2026-11-02T13:00:00Z');
  repo.git(['checkout', '-q', 'topic']);
  repo.git(['merge', '-q', '--no-edit', 'main'], { env: { GIT_AUTHOR_DATE: '2026-11-02T14:00:00Z', GIT_COMMITTER_DATE: '2026-11-02T14:00:00Z' } });
  return { a, b, c };
}

describe('git session review', () => {
  it('describes the branch against main: decisions, dead ends, status, files and commits', () => {
    const { a, b, c } = build();
    const run = repo.run(['review', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const review = JSON.parse(run.stdout);
    expect(review.range).toBe('main..HEAD');
    expect(review.goal).toBe('Make the exporter stream large files.');
    expect(review.status).toBe('Streaming writer done; docs missing.');
    expect(review.nextSteps).toEqual(['Benchmark a 2 GB export']);
    expect(review.decisions).toEqual([
      expect.objectContaining({ text: 'stream rows', reason: 'memory stays flat', short: a, subject: 'Stream rows to the writer' }),
    ]);
    expect(review.deadEnds).toEqual([
      expect.objectContaining({ text: 'gzip the rows', reason: 'the writer became CPU-bound', short: b, author: 'Ada Tester <ada@example.com>' }),
    ]);
    expect(review.commits.map((x: { short: string; subject: string }) => x.subject)).toEqual([
      'Stream rows to the writer',
      'Add a logo',
      'Tidy the exporter',
      "Merge branch 'main' into topic",
    ]);
    expect(review.commits[2].short).toBe(c);
    expect(review.files).toEqual([
      { path: 'src/export.ts', added: 6, removed: 3, lines: 9, commits: 3, binary: false },
      { path: 'SESSION.md', added: 1, removed: 1, lines: 2, commits: 1, binary: false },
      { path: 'assets/logo.bin', added: 0, removed: 0, lines: 0, commits: 1, binary: true },
    ]);
  });

  it('renders markdown with every section, and reads a prose Note: paragraph as nothing', () => {
    const { a, b } = build();
    const run = repo.run(['review', 'main..topic']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# Review of main..topic\n\n## Goal\n\nMake the exporter stream large files.\n');
    expect(run.stdout).toContain(`## Decisions\n\n- stream rows — memory stays flat (${a})\n`);
    expect(run.stdout).toContain(`## Dead ends\n\n- gzip the rows — the writer became CPU-bound (${b})\n`);
    expect(run.stdout).toContain(`## Commits\n\n- ${a} Stream rows to the writer\n- ${b} Add a logo\n`);
    expect(run.stdout).not.toContain('.session/journal');
    expect(run.stdout).toContain('## Next steps\n\n- Benchmark a 2 GB export\n');
    expect(run.stdout).toContain('- assets/logo.bin (binary, 1 commit)');
    expect(run.stdout).not.toMatch(/see above|Signed-off-by|Bo Other|lives on main/);
  });

  it('counts a renamed file under its new name with what it gathered before the rename', () => {
    build();
    repo.git(['mv', 'src/export.ts', 'src/exporter.ts']);
    commit(repo, 'Rename the exporter\n', {}, '2026-11-02T15:00:00Z');
    const run = repo.run(['review', 'main..topic', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).files[0]).toEqual({ path: 'src/exporter.ts', added: 6, removed: 3, lines: 9, commits: 4, binary: false });
    expect(run.stdout).not.toContain('"src/export.ts"');
  });

  it('says so when a range has commits but no decisions, and when it has no commits', () => {
    build();
    const none = repo.run(['review', 'topic~1..topic~1']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('# Review of topic~1..topic~1\n\nNo commits in topic~1..topic~1.\n');
    const quiet = repo.run(['review', 'main~1..main~1^']);
    expect(quiet.code).toBe(0);
    const tidy = repo.run(['review', 'topic^1~1..topic^1']);
    expect(tidy.stdout).toContain('No decisions were recorded in this range.');
    expect(JSON.parse(repo.run(['review', 'HEAD..HEAD', '--format', 'json']).stdout)).toMatchObject({ commits: [], decisions: [] });
  });

  it('leaves out the goal and status of a branch that never wrote the session file', () => {
    build();
    repo.git(['checkout', '-q', '-b', 'side', 'main']);
    commit(repo, 'Fix a typo\n', { 'src/typo.ts': 't\n' }, '2026-11-03T10:00:00Z');
    const review = JSON.parse(repo.run(['review', '--format', 'json']).stdout);
    expect(review).toMatchObject({ range: 'main..HEAD', goal: null, status: null, nextSteps: [] });
    expect(repo.run(['review']).stdout).not.toMatch(/## Goal|## Status|Starting\./);
  });

  it('shows a decision a revert of a revert in the range put back, with the commit that recorded it', () => {
    repo = tempRepo();
    const base = `# Session\n\n## Goal\n\nShip.\n\n## Decisions\n\n`;
    commit(repo, 'Session', { 'SESSION.md': base }, '2026-11-01T09:00:00Z');
    const tabs = commit(repo, 'Tabs', { 'SESSION.md': `${base}- Use tabs — Reason: the team agreed\n` }, '2026-11-01T10:00:00Z');
    repo.git(['revert', '--no-edit', 'HEAD']);
    repo.git(['checkout', '-q', '-b', 'feat']);
    repo.git(['revert', '--no-edit', 'HEAD']);
    const back = repo.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
    const review = JSON.parse(repo.run(['review', 'main', '--format', 'json']).stdout);
    expect(review.decisions).toEqual([expect.objectContaining({ text: 'Use tabs', status: 'active', recordedIn: tabs, short: back })]);
    expect(repo.run(['review', 'main']).stdout).toContain(`- Use tabs — the team agreed (${back}) (recorded in ${tabs}, put back by this revert)`);
  });

  it('reads A...B as a pull request from B into A: B\'s commits since the fork, not A\'s', () => {
    const { a } = build();
    repo.git(['checkout', '-q', 'main']);
    commit(repo, 'Later on main\n\nDecision: main only — not the topic\n', { 'SESSION.md': SESSION.replace('Streaming writer done; docs missing.', 'Main moved on.') }, '2026-11-03T09:00:00Z');
    const review = JSON.parse(repo.run(['review', 'main...topic', '--format', 'json']).stdout);
    expect(review.range).toBe('main...topic');
    expect(review.commits.map((c: { subject: string }) => c.subject)).not.toContain('Later on main');
    expect(review.decisions.map((d: { short: string; text: string }) => [d.short, d.text])).toEqual([[a, 'stream rows']]);
    expect(review.status).toBe('Streaming writer done; docs missing.');
  });

  it('refuses a bad range with a git error, and a branch with nothing to compare with', () => {
    build();
    const bad = repo.run(['review', 'nope..HEAD']);
    expect(bad.code).toBe(7);
    expect(bad.stderr).toMatch(/^git-session: git could not read range nope\.\.HEAD: .*\n$/);
    repo.git(['checkout', '-q', 'main']);
    const alone = repo.run(['review']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('HEAD is on main, the default branch itself');
  });

  it('works in a shallow clone: against origin/HEAD, and on a range that reaches the shallow boundary', () => {
    build();
    const clone = `${repo.dir}-clone`;
    repo.git(['checkout', '-q', 'main']);
    repo.git(['clone', '-q', '--depth', '2', '-b', 'topic', `file://${repo.dir}`, clone]);
    const run = repo.run(['review', '--format', 'json'], { cwd: clone });
    expect(run.stderr).toBe('');
    // --depth implies --single-branch: origin/HEAD names the cloned branch, so nothing is new.
    expect(JSON.parse(run.stdout)).toMatchObject({ range: 'origin/topic..HEAD', commits: [] });
    const deep = repo.run(['review', 'HEAD~1', '--format', 'json'], { cwd: clone });
    expect(deep.stderr).toBe('');
    expect(JSON.parse(deep.stdout).commits.map((x: { subject: string }) => x.subject)).toEqual([
      'Unrelated fix on main',
      "Merge branch 'main' into topic",
    ]);
    // What was recorded before the cut is not known: the review says its list of what the range retired may be short.
    const cut = repo.git(['rev-parse', '--git-path', 'shallow'], { cwd: clone }).stdout.trim();
    expect(JSON.parse(deep.stdout).shallow).toEqual(readFileSync(join(clone, cut), 'utf8').trim().split('\n').sort());
    expect(repo.run(['review', 'HEAD~1'], { cwd: clone }).stdout).toMatch(/\*This clone is shallow and its history stops at [0-9a-f]{7}.*may be missing\./);
    expect(JSON.parse(repo.run(['review', 'main..topic', '--format', 'json']).stdout).shallow).toEqual([]);
  });

  it('redacts secrets from SESSION.md and leaves a ./-relative journal out of the files', () => {
    repo = tempRepo();
    // Built at run time so no scanner flags this file itself.
    const key = ['AKIA', 'QX3RT7', 'EXAMPLE7Z2'].join('');
    commit(repo, 'Settings', { '.gitsession': '[journal]\n\tpath = ./notes/{year}-W{week}.md\n' }, '2026-11-01T09:00:00Z');
    repo.git(['checkout', '-q', '-b', 'topic']);
    const session = `# Session\n\n## Goal\n\nUpload with ${key}.\n\n## Status\n\nKey ${key} in use.\n\n## Decisions\n\n- Sign with ${key} — Reason: ${key} works\n`;
    commit(repo, 'Upload\n\nDecision: sign requests — safer\n', { 'SESSION.md': session, 'src/up.ts': 'x\n', 'notes/2026-W45.md': JOURNAL }, '2026-11-02T10:00:00Z');
    for (const format of ['json', 'md']) {
      const run = repo.run(['review', '--format', format]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toContain(key);
      expect(run.stdout).toContain('[REDACTED:aws-access-key]');
      expect(run.stdout).toContain('src/up.ts');
      expect(run.stdout).not.toContain('notes/2026-W45.md');
    }
  });

  it('names what the range retired of the work before it, and takes a repeated trailer for a mention', () => {
    repo = tempRepo();
    const base = `# Session\n\n## Goal\n\nShip the exporter.\n\n## Decisions\n\n- Keep rows in order — Reason: diffs stay readable\n- Name files by date — Reason: they sort\n`;
    commit(repo, 'Session', { 'SESSION.md': base }, '2026-11-01T09:00:00Z');
    const cache = commit(repo, 'Cache parsed rows\n\nDecision: cache parsed rows — parsing was 60% of the run\n', { 'src/cache.ts': 'c\n' }, '2026-11-01T10:00:00Z');
    const order = repo.git(['log', '-1', '--format=%h', '--', 'SESSION.md']).stdout.trim();
    repo.git(['checkout', '-q', '-b', 'topic']);
    repo.git(['revert', '--no-edit', 'HEAD'], { env: { GIT_AUTHOR_DATE: '2026-11-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-02T10:00:00Z' } });
    const revert = repo.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
    const withdraw = commit(repo, 'Order no longer matters\n', { 'SESSION.md': base.replace(/- Keep rows.*\n/, '') }, '2026-11-02T11:00:00Z');
    // Named again in a later message while in force on main: no new record.
    repo.git(['checkout', '-q', 'main']);
    const still = `${base}- Stream the output — Reason: memory stays flat\n`;
    commit(repo, 'Stream\n', { 'SESSION.md': still }, '2026-11-01T12:00:00Z');
    repo.git(['checkout', '-q', 'topic']);
    repo.git(['merge', '-q', '--no-edit', 'main'], { env: { GIT_AUTHOR_DATE: '2026-11-02T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-02T12:00:00Z' } });
    commit(repo, 'Tidy\n\nDecision: stream the output — memory stays flat\n', { 'src/out.ts': 'o\n' }, '2026-11-02T13:00:00Z');

    // Asked from main about another branch: judged on topic's whole history, not on HEAD's.
    repo.git(['checkout', '-q', 'main']);
    const run = repo.run(['review', 'main..topic', '--format', 'json']);
    expect(run.stderr).toBe('');
    const review = JSON.parse(run.stdout);
    expect(review.decisions).toEqual([]);
    expect(review.retired).toEqual([
      { kind: 'decision', text: 'Keep rows in order', reason: 'diffs stay readable', status: 'withdrawn', changedBy: withdraw, commit: expect.any(String), short: order },
      { kind: 'decision', text: 'cache parsed rows', reason: 'parsing was 60% of the run', status: 'reverted', changedBy: revert, commit: expect.any(String), short: cache },
    ]);
    const md = repo.run(['review', 'main..topic']).stdout;
    expect(md).toContain('No decisions were recorded in this range.');
    expect(md).toContain(
      `## Retired from earlier work\n\n- Decision: Keep rows in order — diffs stay readable (recorded in ${order}, withdrawn by ${withdraw})\n` +
        `- Decision: cache parsed rows — parsing was 60% of the run (recorded in ${cache}, reverted by ${revert})\n`,
    );
    // On the branch itself (HEAD's record, as kept), and only what is in force for an assistant.
    repo.git(['checkout', '-q', 'topic']);
    expect(JSON.parse(repo.run(['review', 'main', '--format', 'json']).stdout).retired).toHaveLength(2);
    expect(JSON.parse(repo.run(['review', 'main', '--format', 'json', '--active-only']).stdout).retired).toEqual([]);
  });
});
