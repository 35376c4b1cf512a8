import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

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
    expect(json.staleness).toMatchObject({ stale: true, commitsSince: 120, uncommitted: [], sessionEdited: false });
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
});
