import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN_DIR, tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('git session context', () => {
  it('stays under 10,000 characters with a huge SESSION.md and many commits, keeping the newest', () => {
    repo = tempRepo();
    const decisions = Array.from({ length: 400 }, (_, i) => `- Choice number ${i} about the cache layer — Reason: ${'because '.repeat(30)}`);
    const files = Array.from({ length: 300 }, (_, i) => `- \`src/module-${i}.ts\` — part ${i}`);
    repo.write(
      'SESSION.md',
      `# Session\n\n## Goal\n${'Make the cache faster. '.repeat(200)}\n\n## Status\nWorking.\n\n## Decisions\n${decisions.join('\n')}\n\n## Dead Ends\n${decisions.join('\n').replace(/Choice/g, 'Attempt')}\n\n## Key Files\n${files.join('\n')}\n`,
    );
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'session']);
    // 120 commits, each with trailers, touching code after SESSION.md
    const script = Array.from({ length: 120 }, (_, i) => `echo ${i} > f${i % 7}.txt && git add . && git commit -q -m "step ${i}" -m "Decision: trailer choice ${i} — reason ${i}" -m "" `).join(' && ');
    repo.git(['-c', 'alias.x=!sh -c \'' + script.replace(/'/g, "'\\''") + '\'', 'x']);
    const r = repo.run(['context']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(10_000);
    expect(r.stdout).toContain('Choice number 399'); // newest session decision first
    expect(r.stdout).not.toContain('Choice number 0 ');
    expect(r.stdout).toMatch(/- … and \d+ more/);
    expect(r.stdout).toContain('is behind the code');
    expect(r.stdout).toContain('120 commit(s) changed 7 file(s)');

    const json = JSON.parse(repo.run(['context', '--format', 'json']).stdout);
    expect(json.version).toBe(1);
    expect(json.decisions.filter((d: { source: string }) => d.source === 'session')).toHaveLength(400);
    // the default branch has no base: the last 50 commits are scanned for trailers
    expect(json.history).toEqual({ range: 'last 50 commits', commits: 50 });
    expect(json.decisions.find((d: { source: string }) => d.source === 'commit')).toMatchObject({ text: 'trailer choice 119', reason: 'reason 119' });
    // Exactly the window's trailers: the 50 newest commits, none older.
    const fromCommits = json.decisions.filter((d: { source: string }) => d.source === 'commit').map((d: { text: string }) => d.text);
    expect(fromCommits).toEqual(Array.from({ length: 50 }, (_, i) => `trailer choice ${119 - i}`));
    expect(json.staleness).toMatchObject({ stale: true, commitsSince: 120, uncommitted: [], sessionEdited: false });

    // The window's walk (in topological order) is bounded by where the window ends: with
    // --max-count alone, git reads the whole history before it shows the first commit.
    const trace = join(repo.home, 'context-trace.txt');
    writeFileSync(trace, '');
    expect(repo.run(['context', '--format', 'json'], { env: { GIT_TRACE: trace } }).code).toBe(0);
    const end = repo.git(['rev-parse', 'HEAD~50']).stdout.trim();
    // Two walks: the window's, and beside it its merges' session-file entries; both bounded.
    const walks = readFileSync(trace, 'utf8').split('\n').filter((l) => l.includes('--topo-order'));
    expect(walks).toHaveLength(2);
    expect(walks.filter((w) => w.includes(' --merges '))).toHaveLength(1);
    for (const walk of walks) expect(walk).toContain(` HEAD ^${end} `);
  });

  it('reads a feature branch since its merge base and reports a fresh SESSION.md', () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# Session\n\n## Goal\nG.\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'base', '-m', 'Decision: old main choice — old']);
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('a.txt', 'a\n');
    repo.write('SESSION.md', '# Session\n\n## Goal\nG.\n\n## Status\nFeature started.\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'feature work', '-m', 'Dead-End: polling — too slow\nRejected: websockets — blocked by proxy']);
    const json = JSON.parse(repo.run(['context', '--format', 'json']).stdout);
    expect(json.branch).toBe('feature');
    expect(json.history).toEqual({ range: 'since main', commits: 1 });
    expect(json.decisions).toEqual([]);
    expect(json.deadEnds.map((d: { text: string }) => d.text)).toEqual(['polling', 'websockets']);
    expect(json.staleness.stale).toBe(false);
    const md = repo.run(['context']).stdout;
    expect(md).toContain('SESSION.md is up to date with the code.');
  });

  it('says how to start when there is no SESSION.md, and rejects a bad format', () => {
    repo = tempRepo();
    const r = repo.run(['context']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SESSION.md does not exist: run `git session init`.');
    expect(repo.run(['context', '--format', 'xml']).code).toBe(2);
  });

  it('redacts secrets from SESSION.md and trailers, and leaves private parts out', () => {
    repo = tempRepo();
    // Built at run time so no scanner flags this file itself.
    const key = ['AKIA', 'QX3RT7', 'EXAMPLE7Z2'].join('');
    repo.write('SESSION.md', `# Session\n\n## Goal\n\nUpload with ${key}.\n\n## Status\n\nWorking.\n<!-- private -->\nAsk Lee.\n<!-- /private -->\n`);
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'session', '-m', `Decision: sign with ${key} — it is the key`]);
    for (const format of ['json', 'md']) {
      const run = repo.run(['context', '--format', format]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toContain(key);
      expect(run.stdout).not.toContain('Lee');
    }
    const json = JSON.parse(repo.run(['context', '--format', 'json']).stdout);
    expect(json.goal).toBe('Upload with [REDACTED:aws-access-key].');
    expect(json.decisions[0]).toMatchObject({ text: 'sign with [REDACTED:aws-access-key]', reason: 'it is the key', source: 'commit' });
  });

  it('reads non-ASCII paths as they are: the session file is recognised, code files named', () => {
    repo = tempRepo();
    repo.write('.gitsession', '[session]\n\tfile = notes/séance.md\n');
    repo.write('notes/séance.md', '# Session\n\n## Goal\nG.\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'session']);
    repo.write('notes/séance.md', '# Session\n\n## Goal\nG.\n\n## Status\nS.\n');
    repo.git(['commit', '-q', '-am', 'update the session']);
    const fresh = JSON.parse(repo.run(['context', '--format', 'json']).stdout);
    expect(fresh.staleness).toMatchObject({ stale: false, commitsSince: 0, filesSince: [] });
    repo.write('données.txt', 'x\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'data']);
    const stale = JSON.parse(repo.run(['context', '--format', 'json']).stdout);
    expect(stale.staleness).toMatchObject({ stale: true, commitsSince: 1, filesSince: ['données.txt'] });
  });
});

describe('git session context, installed as a dev dependency', () => {
  it('writes its own commands as npx git-session and leaves the session text as written', () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# Session\n\n## Status\nRun git session decide after each choice.\n\n## Decisions\n- Call git session log in CI — Reason: cheap\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'session']);
    const path = (repo.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':');
    const r = repo.run(['context'], { env: { PATH: path } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("  npx git-session decide '<what was decided>'");
    expect(r.stdout).toContain('Run git session decide after each choice.');
    expect(r.stdout).toContain('- Call git session log in CI — cheap');
  });
});
