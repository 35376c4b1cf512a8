import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo;
const hashes: Record<string, string> = {};

function commit(message: string, files: Record<string, string>, date: string): string {
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '--allow-empty', '-F', '-'], { input: message, env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  return repo.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
}

const ENTRY = `### 2026-11-03 09:00 +00:00 · commit · main · Ada Tester <ada@example.com>
- Dead end: eager parse — slow start
- Status: parser settled

`;

beforeAll(() => {
  repo = tempRepo();
  hashes.create = commit(
    'Add the parser\n\nDecision: parse lazily — start-up time matters\nSigned-off-by: Ada Tester <ada@example.com>\n',
    { 'src/app.ts': 'one\ntwo\nthree\nfour\nfive\n' },
    '2026-11-01T09:00:00Z',
  );
  hashes.change = commit(
    'Rework line two\n\nDead-End: eager parse — slow start\n',
    { 'src/app.ts': 'one\nTWO\nthree\nfour\nfive\n', '.session/journal/2026-W45.md': ENTRY },
    '2026-11-03T09:00:00Z',
  );
  repo.git(['mv', 'src/app.ts', 'src/main.ts']);
  hashes.rename = commit('Rename app to main\n\nNote: renamed for clarity\n', {}, '2026-11-04T09:00:00Z');
  hashes.later = commit('Touch line five\n\nDecision: shout five — consistency\n', { 'src/main.ts': 'one\nTWO\nthree\nfour\nFIVE\n' }, '2026-11-05T09:00:00Z');
  hashes.plain = commit('Add notes', { 'notes.txt': 'a\nb\n', 'img.bin': '\0\x01\x02' }, '2026-11-06T09:00:00Z');
});
afterAll(() => repo.cleanup());

describe('git session why', () => {
  it('by default finds the last change of each line through a rename, with its dead ends and journal', () => {
    const run = repo.run(['why', 'src/main.ts:1-2', '--format', 'json']);
    expect(run.stderr).toBe('');
    const why = JSON.parse(run.stdout);
    expect(why).toMatchObject({ path: 'src/main.ts', lines: { start: 1, end: 2 }, mode: 'blame', uncommitted: [] });
    // Line 1 last changed when the file was created as src/app.ts, line 2 in the rework.
    expect(why.commits.map((c: { short: string }) => c.short)).toEqual([hashes.change, hashes.create]);
    expect(why.deadEnds).toEqual([expect.objectContaining({ text: 'eager parse', reason: 'slow start', short: hashes.change })]);
    expect(why.commits[0].journal).toHaveLength(1);
    const line2 = JSON.parse(repo.run(['why', 'src/main.ts:2', '--format', 'json']).stdout);
    expect(line2.commits.map((c: { short: string }) => c.short)).toEqual([hashes.change]);
    expect(line2.decisions).toEqual([]);
  });

  it('with --history follows a line back through a rename and shows every commit that touched it', () => {
    const run = repo.run(['why', 'src/main.ts:2', '--history', '--format', 'json']);
    expect(run.stderr).toBe('');
    const why = JSON.parse(run.stdout);
    expect(why.path).toBe('src/main.ts');
    expect(why.lines).toEqual({ start: 2, end: 2 });
    expect(why.mode).toBe('history');
    expect(why.commits.map((c: { short: string }) => c.short)).toEqual([hashes.change, hashes.create]);
    expect(why.decisions).toEqual([
      { text: 'parse lazily', reason: 'start-up time matters', status: 'active', changedBy: null, commit: expect.stringMatching(/^[0-9a-f]{40}$/), short: hashes.create,
        subject: 'Add the parser', author: 'Ada Tester <ada@example.com>', date: '2026-11-01T09:00:00Z'.replace('Z', '+00:00') },
    ]);
    expect(why.deadEnds).toEqual([expect.objectContaining({ text: 'eager parse', reason: 'slow start', short: hashes.change })]);
    expect(why.commits[0].journal).toEqual([
      { time: '2026-11-03 09:00 +00:00', kind: 'commit', branch: 'main', author: 'Ada Tester <ada@example.com>',
        decisions: [], deadEnds: ['eager parse — slow start'], status: 'parser settled', files: [] },
    ]);
    expect(why.commits[1].journal).toEqual([]);
  });

  it('prints markdown per commit, with how they were found, author, date and journal line', () => {
    const run = repo.run(['why', 'src/main.ts:1-2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '# Why src/main.ts:1-2',
        '',
        'Found by: last change of each line (git blame). Add --history for every commit that ever touched these lines.',
        '',
        '1 decision and 1 dead end in the 2 commits that last changed these lines.',
        '',
        `## ${hashes.change} Rework line two`,
        '',
        'Ada Tester <ada@example.com>, 2026-11-03',
        '',
        '- Dead end: eager parse — slow start',
        '- Journal: 2026-11-03 09:00 +00:00 on main; status: parser settled',
        '',
        `## ${hashes.create} Add the parser`,
        '',
        'Ada Tester <ada@example.com>, 2026-11-01',
        '',
        '- Decision: parse lazily — start-up time matters',
        '',
        '## Commits',
        '',
        `- ${hashes.change} 2026-11-03 Rework line two`,
        `- ${hashes.create} 2026-11-01 Add the parser`,
        '',
      ].join('\n'),
    );
    const history = repo.run(['why', 'src/main.ts:2', '--history']).stdout;
    expect(history).toContain('# Why src/main.ts:2\n\nFound by: full history of the range (git log -L).\n\n1 decision and 1 dead end in the 2 commits that touched these lines.\n');
  });

  it('reports lines not committed yet, and blames the rest of the work-tree file', () => {
    repo.write('src/main.ts', 'one\nTWO\nthree\nfour\nFIVE\nsix\nseven\n');
    try {
      const why = JSON.parse(repo.run(['why', 'src/main.ts:5-7', '--format', 'json']).stdout);
      expect(why.uncommitted).toEqual([6, 7]);
      expect(why.commits.map((c: { short: string }) => c.short)).toEqual([hashes.later]);
      const md = repo.run(['why', 'src/main.ts:6-7']).stdout;
      expect(md).toBe(
        '# Why src/main.ts:6-7\n\nFound by: last change of each line (git blame). Add --history for every commit that ever touched these lines.\n\nLines 6-7 are not committed yet.\n',
      );
      // --history numbers lines as the work tree does too: line 6 has no history yet.
      const history = repo.run(['why', 'src/main.ts:6', '--history', '--format', 'json']);
      expect(history.code).toBe(0);
      expect(JSON.parse(history.stdout)).toMatchObject({ mode: 'history', uncommitted: [6], commits: [] });
    } finally {
      repo.git(['checkout', '--', 'src/main.ts']);
    }
  });

  it('for a path alone, lists every commit that touched it across the rename', () => {
    const why = JSON.parse(repo.run(['why', 'src/main.ts', '--format', 'json']).stdout);
    expect(why.lines).toBeNull();
    expect(why.commits.map((c: { short: string }) => c.short)).toEqual([hashes.later, hashes.rename, hashes.change, hashes.create]);
    expect(why.decisions.map((d: { text: string }) => d.text)).toEqual(['shout five', 'parse lazily']);
    expect(JSON.stringify(why)).not.toContain('renamed for clarity');
  });

  it('resolves the path from a subfolder', () => {
    const run = repo.run(['why', 'main.ts:5', '--format', 'json'], { cwd: join(repo.dir, 'src') });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).commits.map((c: { short: string }) => c.short)).toEqual([hashes.later]);
    const history = repo.run(['why', 'main.ts:5', '--history', '--format', 'json'], { cwd: join(repo.dir, 'src') });
    expect(JSON.parse(history.stdout).commits.map((c: { short: string }) => c.short)).toEqual([hashes.later, hashes.create]);
  });

  it('runs git blame once, started before the bundle loads; the layout query only where the files cannot tell, once', () => {
    // GIT_TRACE names every git command started, the early one included.
    const trace = join(repo.home, 'why-trace.txt');
    const layoutQueries = () => readFileSync(trace, 'utf8').match(/git rev-parse --path-format=absolute --is-bare-repository/g) ?? [];
    for (const [args, cwd, steered] of [
      [['why', 'src/main.ts:2'], repo.dir, false],
      [['why', '--format', 'json', 'main.ts:2-5'], join(repo.dir, 'src'), false],
      // A variable that steers how git finds the repository: git is asked, started early.
      [['why', 'src/main.ts:2'], repo.dir, true],
    ] as const) {
      writeFileSync(trace, '');
      const run = repo.run([...args], { cwd, env: { GIT_TRACE: trace, ...(steered ? { GIT_CEILING_DIRECTORIES: join(repo.home, 'nowhere') } : {}) } });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(hashes.change);
      expect(readFileSync(trace, 'utf8').match(/git blame --porcelain/g), args.join(' ')).toHaveLength(1);
      expect(layoutQueries(), args.join(' ')).toHaveLength(steered ? 1 : 0);
    }
  });

  it('says plainly when nothing was recorded, for text and binary files', () => {
    const run = repo.run(['why', 'notes.txt:1']);
    expect(run.stdout).toBe(
      `# Why notes.txt:1\n\nFound by: last change of each line (git blame). Add --history for every commit that ever touched these lines.\n\n` +
        `No decisions or dead ends were recorded in the 1 commit that last changed these lines.\n\n## Commits\n\n- ${hashes.plain} 2026-11-06 Add notes\n`,
    );
    const bin = repo.run(['why', 'img.bin', '--format', 'json']);
    expect(bin.code).toBe(0);
    expect(JSON.parse(bin.stdout)).toMatchObject({ decisions: [], deadEnds: [], commits: [{ short: hashes.plain }] });
    // Its lines mean nothing: asked about one, it says so and how to ask instead.
    const line = repo.run(['why', 'img.bin:1']);
    expect(line.code).toBe(4);
    expect(line.stderr).toContain('img.bin is a binary file: its lines mean nothing.');
    expect(line.stderr).toContain('git session why img.bin');
  });

  it('refuses a missing path, a line past the end, and a bad line range with clear messages', () => {
    const missing = repo.run(['why', 'src/nope.ts:1']);
    expect(missing.code).toBe(7);
    expect(missing.stderr).toMatch(/^git-session: src\/nope\.ts does not exist at HEAD\./);
    const missingPath = repo.run(['why', 'src/nope.ts']);
    expect(missingPath.code).toBe(7);
    const missingHistory = repo.run(['why', 'src/nope.ts:1', '--history']);
    expect(missingHistory.code).toBe(7);
    expect(missingHistory.stderr).toMatch(/^git-session: src\/nope\.ts does not exist at HEAD\./);
    const past = repo.run(['why', 'src/main.ts:9']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('src/main.ts has 5 lines in the work tree; line 9 is beyond its end.');
    // blame would clamp an end past the last line; the reader is told instead.
    const pastEnd = repo.run(['why', 'src/main.ts:4-9']);
    expect(pastEnd.code).toBe(2);
    expect(pastEnd.stderr).toContain('src/main.ts has 5 lines in the work tree; line 9 is beyond its end.');
    const pastHistory = repo.run(['why', 'src/main.ts:9', '--history']);
    expect(pastHistory.code).toBe(2);
    expect(pastHistory.stderr).toContain('src/main.ts has 5 lines in the work tree; line 9 is beyond its end.');
    const backwards = repo.run(['why', 'src/main.ts:4-2']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).not.toContain('    at ');
  });

  it('reads a file whose name starts with "-", given after --, as that file', () => {
    const own = tempRepo();
    try {
      own.write('-dash.txt', 'one\ntwo\n');
      own.git(['add', '--', '-dash.txt']);
      own.git(['commit', '-q', '-F', '-'], { input: 'Add the dash file\n\nDecision: keep the dash — the tool that reads it wants it\n' });
      for (const target of ['-dash.txt:2', '-dash.txt']) {
        const r = own.run(['why', '--format', 'json', '--', target]);
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ path: './-dash.txt', decisions: [{ text: 'keep the dash' }] });
      }
    } finally {
      own.cleanup();
    }
  });

  it('in a shallow clone, says where the history stops instead of crediting the cut-off commit silently', () => {
    const clone = `${repo.dir}-shallow`;
    repo.git(['clone', '-q', '--depth', '2', `file://${repo.dir}`, clone]);
    const blamed = repo.run(['why', 'src/main.ts:1', '--format', 'json'], { cwd: clone });
    expect(blamed.stderr).toBe('');
    const why = JSON.parse(blamed.stdout);
    // Line 1 was written long before the two commits this clone holds.
    expect(why.commits.map((c: { short: string }) => c.short)).toEqual([hashes.later]);
    expect(why.shallow).toEqual([hashes.later]);
    const md = repo.run(['why', 'src/main.ts:1'], { cwd: clone }).stdout;
    expect(md).toContain(`This clone is shallow and its history stops at ${hashes.later}: what is credited to that commit may be older.`);
    // In the full clone nothing is cut off, and nothing is said.
    expect(JSON.parse(repo.run(['why', 'src/main.ts:1', '--format', 'json']).stdout).shallow).toEqual([]);
    expect(repo.run(['why', 'src/main.ts:1']).stdout).not.toContain('shallow');
  });
});

describe('git session why on a line a revert of a revert put back', () => {
  it('shows the decision it put back in force under it, with the commit that recorded it', () => {
    const r = tempRepo();
    try {
      const session = (bullets: string) => `# Session\n\n## Decisions\n\n${bullets}`;
      r.write('SESSION.md', session(''));
      r.write('src/api.ts', 'call()\n');
      r.git(['add', '-A']);
      r.git(['commit', '-q', '-m', 'Call the API']);
      r.write('SESSION.md', session('- Retry three times — Reason: the API flakes\n'));
      r.write('src/api.ts', 'retry(3, call)\n');
      r.git(['add', '-A']);
      r.git(['commit', '-q', '-m', 'Retry']);
      const recorded = r.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
      r.git(['revert', '--no-edit', 'HEAD']);
      r.git(['revert', '--no-edit', 'HEAD']);
      const back = r.git(['rev-parse', 'HEAD']).stdout.trim();
      const json = JSON.parse(r.run(['why', 'src/api.ts:1', '--format', 'json']).stdout) as { decisions: { text: string; status: string; commit: string; recordedIn?: string }[] };
      expect(json.decisions.map((d) => [d.text, d.status, d.commit, d.recordedIn])).toEqual([['Retry three times', 'active', back, recorded]]);
      expect(r.run(['why', 'src/api.ts:1']).stdout).toContain(`- Decision: Retry three times — the API flakes (recorded in ${recorded}, put back by this revert)`);
      // log shows it once, under the commit that recorded it.
      const log = r.run(['log']).stdout;
      expect(log.match(/Retry three times/g)).toHaveLength(1);
      // Asked again, from what is kept for HEAD (the needle search), the answer is the same.
      expect(JSON.parse(r.run(['why', 'src/api.ts:1', '--format', 'json']).stdout).decisions).toEqual(json.decisions);
    } finally {
      r.cleanup();
    }
  });
});

describe('git session why, asked about what has no lines', () => {
  let own: TempRepo;
  beforeAll(() => {
    own = tempRepo();
    own.write('src/util.ts', 'a\nb\n');
    own.write('old.ts', 'x\n');
    // git allows a colon in a name; this one looks like a line number.
    own.write('notes:3', 'one\ntwo\nthree\n');
    own.git(['add', '-A']);
    own.git(['commit', '-q', '-m', 'Add files']);
    own.git(['rm', '-q', 'old.ts']);
    own.git(['commit', '-q', '-m', 'Drop the old module']);
  });
  afterAll(() => own.cleanup());

  it('a folder: says it is one and how to ask about it whole', () => {
    const run = own.run(['why', 'src:1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('git-session: src is a folder: lines belong to a file in it. Name a file, or ask about the whole folder: `git session why src`.\n');
  });

  it('a file a commit deleted: names the commit, with or without --history', () => {
    const short = own.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
    for (const args of [['why', 'old.ts:1'], ['why', 'old.ts:1', '--history']]) {
      const run = own.run(args);
      expect(run.code).toBe(7);
      expect(run.stderr).toContain(`old.ts has no lines at HEAD: ${short} (Drop the old module) deleted it.`);
      expect(run.stderr).toContain('`git session why old.ts`');
    }
  });

  it('a file whose name ends in :<digits> is read as that file when no file has the shorter name', () => {
    const run = own.run(['why', 'notes:3', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ path: 'notes:3', lines: null });
    // With a file of the shorter name, the line number reading stands.
    own.write('notes', 'n1\nn2\nn3\n');
    own.git(['add', 'notes']);
    own.git(['commit', '-q', '-m', 'Add notes']);
    expect(JSON.parse(own.run(['why', 'notes:3', '--format', 'json']).stdout)).toMatchObject({ path: 'notes', lines: { start: 3, end: 3 } });
  });

  it('--history numbers lines as the work tree does, as plain why does, with uncommitted edits above them', () => {
    own.write('src/util.ts', 'a\nB\n');
    own.git(['commit', '-q', '-am', 'Shout b', '-m', 'Decision: upper case — easier to spot']);
    const shout = own.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
    // Two lines added above, not committed: b is line 4 in the work tree, line 2 at HEAD.
    own.write('src/util.ts', 'new 1\nnew 2\na\nB\n');
    try {
      const blamed = JSON.parse(own.run(['why', 'src/util.ts:4', '--format', 'json']).stdout);
      const run = own.run(['why', 'src/util.ts:4', '--history', '--format', 'json']);
      expect(run.stderr).toBe('');
      const history = JSON.parse(run.stdout);
      expect(blamed.commits.map((c: { short: string }) => c.short)).toEqual([shout]);
      const added = own.git(['log', '--format=%h', '--diff-filter=A', '--', 'src/util.ts']).stdout.trim();
      expect(history.commits.map((c: { short: string }) => c.short)).toEqual([shout, added]);
      expect(history.decisions.map((d: { text: string }) => d.text)).toEqual(['upper case']);
      expect(history.lines).toEqual({ start: 4, end: 4 });
      // Lines only the work tree has: nothing committed to tell, and said so.
      const fresh = own.run(['why', 'src/util.ts:1-3', '--history', '--format', 'json']);
      expect(JSON.parse(fresh.stdout)).toMatchObject({ uncommitted: [1, 2], commits: [{ short: added }] });
      const none = own.run(['why', 'src/util.ts:1-2', '--history']);
      expect(none.code).toBe(0);
      expect(none.stdout).toContain('Lines 1-2 are not committed yet.');
      const past = own.run(['why', 'src/util.ts:5', '--history']);
      expect(past.code).toBe(2);
      expect(past.stderr).toContain('src/util.ts has 4 lines in the work tree; line 5 is beyond its end.');
    } finally {
      own.git(['checkout', '--', 'src/util.ts']);
    }
  });

  it('--history counts the unchanged lines between two edits as committed, whatever diff.interHunkContext says', () => {
    own.write('src/lines.ts', 'l1\nl2\nl3\nl4\nl5\nl6\n');
    own.git(['add', 'src/lines.ts']);
    own.git(['commit', '-q', '-m', 'Six lines']);
    own.git(['config', 'diff.interHunkContext', '5']);
    own.write('src/lines.ts', 'l1\nL2\nl3\nl4\nL5\nl6\n');
    try {
      const run = own.run(['why', 'src/lines.ts:3-4', '--history', '--format', 'json']);
      expect(JSON.parse(run.stdout)).toMatchObject({ uncommitted: [], commits: [{ subject: 'Six lines' }] });
    } finally {
      own.git(['checkout', '--', 'src/lines.ts']);
      own.git(['config', '--unset', 'diff.interHunkContext']);
    }
  });
});


describe('git session why, asked again before the next commit', () => {
  let own: TempRepo;
  const kept = () => join(own.dir, '.git', 'git-session', 'blamed.json');
  // GIT_TRACE names every git command started: the log that reads the blamed commits takes them on stdin.
  const commitReads = (trace: string) => readFileSync(trace, 'utf8').match(/git log .*--no-walk --stdin/g)?.length ?? 0;
  const why = (target: string, env: Record<string, string> = {}) => {
    const r = own.run(['why', target, '--format', 'json'], { env });
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(() => {
    own = tempRepo();
    own.write('app.ts', 'one\ntwo\nthree\n');
    own.git(['add', '-A']);
    own.git(['commit', '-q', '-F', '-'], { input: 'Add the app\n\nDecision: three lines — enough for now\n' });
    own.write('app.ts', 'one\nTWO\nthree\n');
    own.git(['commit', '-q', '-a', '-F', '-'], { input: 'Shout two\n\nDead-End: whisper two — nobody heard it\n' });
  });
  afterAll(() => own.cleanup());

  it('answers from what it kept for HEAD, without starting git log again, and says the same', () => {
    const trace = join(own.home, 'kept-trace.txt');
    writeFileSync(trace, '');
    const first = why('app.ts:1-2', { GIT_TRACE: trace });
    expect(commitReads(trace)).toBe(1);
    writeFileSync(trace, '');
    expect(why('app.ts:1-2', { GIT_TRACE: trace })).toBe(first);
    expect(commitReads(trace)).toBe(0);
    // Some of those commits are another question, asked of git, then kept too.
    writeFileSync(trace, '');
    const line2 = why('app.ts:2', { GIT_TRACE: trace });
    expect(commitReads(trace)).toBe(1);
    expect(JSON.parse(line2).commits.map((c: { subject: string }) => c.subject)).toEqual(['Shout two']);
    writeFileSync(trace, '');
    expect(why('app.ts:2', { GIT_TRACE: trace })).toBe(line2);
    expect(commitReads(trace)).toBe(0);
    expect(JSON.parse(first).commits.map((c: { subject: string }) => c.subject).sort()).toEqual(['Add the app', 'Shout two']);
    expect(JSON.parse(first).deadEnds).toEqual([expect.objectContaining({ text: 'whisper two', reason: 'nobody heard it' })]);
  });

  it('keeps answers for one HEAD and one set of settings: after a commit or a settings change, git is asked again', () => {
    why('app.ts:1');
    // What is kept is what is shown: a kept subject changed by hand shows while HEAD stays.
    const text = readFileSync(kept(), 'utf8');
    expect(text).toContain('"subject":"Add the app"');
    writeFileSync(kept(), text.replaceAll('"subject":"Add the app"', '"subject":"Kept by hand"'));
    expect(JSON.parse(why('app.ts:1')).commits[0].subject).toBe('Kept by hand');
    // Settings that change how commits read (the trailer keys) set what was kept aside.
    own.write('.gitsession', '[trailers]\n\tdecision = Choice\n');
    expect(JSON.parse(why('app.ts:1')).commits[0].subject).toBe('Add the app');
    own.write('.gitsession', '');
    // The same hand edit, then a commit: the new HEAD reads git again.
    why('app.ts:1');
    writeFileSync(kept(), readFileSync(kept(), 'utf8').replaceAll('"subject":"Add the app"', '"subject":"Kept by hand"'));
    own.write('notes.txt', 'n\n');
    own.git(['add', 'notes.txt']);
    own.git(['commit', '-q', '-m', 'Add notes']);
    expect(JSON.parse(why('app.ts:1')).commits[0].subject).toBe('Add the app');
  });

  it('about lines not committed yet, reads no commits and keeps nothing', () => {
    rmSync(kept(), { force: true });
    own.write('app.ts', 'one\nTWO\nthree\nfour\n');
    try {
      expect(JSON.parse(why('app.ts:4'))).toMatchObject({ uncommitted: [4], commits: [] });
      expect(existsSync(kept())).toBe(false);
    } finally {
      own.git(['checkout', '--', 'app.ts']);
    }
  });

  it('reads git again where the kept file is damaged, and mends it', () => {
    const answer = why('app.ts:2');
    const lines = readFileSync(kept(), 'utf8').split('\n');
    const head = lines[0];
    const line = lines.find((l) => l.startsWith(`{"hashes":["${JSON.parse(answer).commits[0].commit}"],`));
    // Damage where the answer is read: cut off, or an answer of the right commits that the readers could not render.
    const cut = line!.slice(0, line!.indexOf('"commits"') + 20);
    const hollow = line!.replace(/"commits":\[.*\],"journal"/, '"commits":[{}],"journal"');
    for (const damage of ['{"key":', 'not json\n{"hashes":[', '', `${head}\n${cut}\n]}`, `${head}\n${hollow}\n]}`]) {
      writeFileSync(kept(), damage);
      expect(why('app.ts:2')).toBe(answer);
      expect(() => JSON.parse(readFileSync(kept(), 'utf8'))).not.toThrow();
    }
  });

  it('asked about many lines at once by parallel runs, leaves a file every run can read', async () => {
    const { spawn } = await import('node:child_process');
    const targets = ['app.ts:1', 'app.ts:2', 'app.ts:3', 'app.ts:1-2', 'app.ts:2-3', 'app.ts:1-3'];
    const outputs = await Promise.all(
      [...targets, ...targets].map(
        (target) =>
          new Promise<string>((done, fail) => {
            const child = spawn('node', [BIN, 'why', target, '--format', 'json'], { cwd: own.dir, env: own.env });
            let out = '';
            child.stdout.on('data', (b) => (out += b));
            child.on('error', fail);
            child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`why ${target}: exit ${code}`))));
          }),
      ),
    );
    expect(outputs.slice(0, targets.length)).toEqual(outputs.slice(targets.length));
    expect(JSON.parse(readFileSync(kept(), 'utf8')).value.length).toBeGreaterThan(0);
    for (const target of targets) expect(why(target)).toBe(outputs[targets.indexOf(target)]);
  });
});

describe('git session why, read slowly', () => {
  it('ends only once all its output is written, when the reader takes it late', async () => {
    const own = tempRepo();
    try {
      own.write('f.txt', 'a\nb\n');
      own.git(['add', '-A']);
      // More than a pipe holds (64 KiB): the last pieces wait for the reader.
      const long = (i: number) => `Decision: choice ${i} ${'x'.repeat(1500)} — because ${'y'.repeat(1500)}\n`;
      own.git(['commit', '-q', '-F', '-'], { input: `Big\n\n${Array.from({ length: 40 }, (_, i) => long(i)).join('')}` });
      const whole = own.run(['why', 'f.txt:1', '--format', 'json']);
      expect(whole.stdout.length).toBeGreaterThan(200_000);
      const { spawn } = await import('node:child_process');
      const late = await new Promise<{ out: string; code: number | null }>((done, fail) => {
        const child = spawn('node', [BIN, 'why', 'f.txt:1', '--format', 'json'], { cwd: own.dir, env: own.env });
        let out = '';
        child.stdout.pause();
        setTimeout(() => child.stdout.on('data', (b) => (out += b)).resume(), 1000);
        child.on('error', fail);
        child.on('close', (code) => done({ out, code }));
      });
      expect(late.code).toBe(0);
      expect(late.out).toBe(whole.stdout);
    } finally {
      own.cleanup();
    }
  });
});
