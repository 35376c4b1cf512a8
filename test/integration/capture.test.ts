import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { capture } from '../../src/commands/capture.js';
import { BIN_DIR, tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function projectDir(r: TempRepo): string {
  const dir = join(r.home, '.claude', 'projects', r.dir.replace(/[^A-Za-z0-9]/g, '-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

function transcript(root: string): string {
  const base = { cwd: root, gitBranch: 'main', sessionId: 'abc' };
  const records = [
    { ...base, type: 'summary', summary: 'ignored' },
    { ...base, type: 'user', timestamp: '2025-03-01T10:00:00.000Z', message: { role: 'user', content: '<command-name>/clear</command-name>' } },
    { ...base, type: 'user', timestamp: '2025-03-01T10:00:05.000Z', message: { role: 'user', content: 'Make the export retry on timeouts' } },
    { ...base, type: 'assistant', timestamp: '2025-03-01T10:01:00.000Z', message: { role: 'assistant', content: [
      { type: 'text', text: 'Looking.' },
      { type: 'tool_use', id: 't1', name: 'Edit', input: { file_path: `${root}/src/export.ts`, old_string: 'retry = 0', new_string: 'retry = 3' } },
      { type: 'tool_use', id: 't2', name: 'Write', input: { file_path: `${root}/src/backoff.ts`, content: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789' } },
      { type: 'tool_use', id: 't3', name: 'Edit', input: { file_path: '/etc/hosts', old_string: 'a', new_string: 'b' } },
    ] } },
    { ...base, type: 'assistant', timestamp: '2025-03-01T10:20:00.000Z', message: { role: 'assistant', content: [
      { type: 'tool_use', id: 't4', name: 'Edit', input: { file_path: `${root}/src/export.ts`, old_string: 'retry = 3', new_string: 'retry = 0' } },
      { type: 'tool_use', id: 't5', name: 'Bash', input: { command: 'npm test' } },
      { type: 'tool_use', id: 't6', name: 'Bash', input: { command: 'git checkout -- src/backoff.ts' } },
    ] } },
    { ...base, type: 'user', timestamp: '2025-03-01T11:05:00.000Z', message: { role: 'user', content: [
      { type: 'tool_result', tool_use_id: 't5', is_error: true, content: 'Exit code 1\nFAIL test/export.test.ts' },
      { type: 'tool_result', tool_use_id: 't6', content: 'Updated 1 path' },
    ] } },
  ];
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n{"type":"assistant","message":{"content":[{"type":"tool_use"'; // truncated last line
}

describe('git session capture', () => {
  it('drafts goal, key files, undone edits, failed commands and duration from the newest transcript', () => {
    repo = tempRepo();
    const dir = projectDir(repo);
    writeFileSync(join(dir, 'abc.jsonl'), transcript(repo.dir));
    const r = repo.run(['capture', '--format', 'json']);
    expect(r.code).toBe(0);
    const { draft, applied } = JSON.parse(r.stdout);
    expect(applied).toBeNull();
    expect(draft).toMatchObject({
      version: 1,
      transcripts: ['abc.jsonl'],
      goal: 'Make the export retry on timeouts',
      branch: 'main',
      duration: '1h 05m',
      keyFiles: [{ path: 'src/export.ts', edits: 2 }, { path: 'src/backoff.ts', edits: 1 }],
      failedCommands: [{ command: 'npm test', error: 'FAIL test/export.test.ts' }],
    });
    expect(draft.deadEnds.map((d: { path: string }) => d.path)).toEqual(['src/export.ts', 'src/backoff.ts']);
    expect(draft.skipped).toBe(2); // the summary record and the truncated line
    const md = repo.run(['capture']).stdout;
    expect(md).toContain('- `src/export.ts` (2 edits)');
    expect(md).toMatch(/\n\nRun with --apply/);
  });

  it('--apply adds key files but, without a terminal, no dead ends, and says so', () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# Session\n\n## Goal\nRetries.\n\n## Key Files\n- `src/export.ts` — the exporter\n');
    writeFileSync(join(projectDir(repo), 'abc.jsonl'), transcript(repo.dir));
    const r = repo.run(['capture', '--apply']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('added key file src/backoff.ts');
    expect(r.stdout).toContain('not applied (needs confirmation at a terminal): dead end');
    const session = repo.read('SESSION.md');
    expect(session).toContain('`src/backoff.ts`');
    expect(session.match(/src\/export\.ts/g)).toHaveLength(1);
    expect(session).not.toMatch(/Dead/);
    expect(repo.git(['status', '--porcelain']).stdout).not.toContain('.jsonl');
  });

  it('honours --transcripts and GIT_SESSION_TRANSCRIPTS, and survives garbage', () => {
    repo = tempRepo();
    const dir = join(repo.home, 'elsewhere');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.jsonl'), 'not json\n{"type":"user"}\n{"type":"assistant","message":{"content":"text"}}\n[1,2]\nnull\n{"type":"user","message":{"content":[null,7,{"type":"tool_use"}]}}\n\u0000\u0001');
    const a = repo.run(['capture', '--transcripts', dir, '--format', 'json']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).draft).toMatchObject({ goal: null, keyFiles: [], records: 7 });
    const b = repo.run(['capture'], { env: { GIT_SESSION_TRANSCRIPTS: dir } });
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('Goal candidate: (no request found)');
  });

  it('explains where it looked when there are no transcripts', () => {
    repo = tempRepo();
    const r = repo.run(['capture']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(join('.claude', 'projects'));
    expect(r.stderr).toContain('--transcripts');
  });

  it('--apply writes as every command does: the summary cache is primed, errors name the file as configured', () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# Session\n\n## Goal\nRetries.\n\n## Key Files\n');
    writeFileSync(join(projectDir(repo), 'abc.jsonl'), transcript(repo.dir));
    expect(repo.run(['capture', '--apply']).code).toBe(0);
    expect(existsSync(join(repo.dir, '.git', 'git-session', 'cache.json'))).toBe(true);

    repo.write('SESSION.md', '# Session\n\n## Key Files\n');
    chmodSync(join(repo.dir, 'SESSION.md'), 0o444);
    const r = repo.run(['capture', '--apply']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^git-session: SESSION\.md: /);
    expect(r.stderr).not.toContain(repo.dir);
  });

  it('gives its commands as npx git-session when no git-session is on PATH', () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# Session\n\n## Key Files\n');
    writeFileSync(join(projectDir(repo), 'abc.jsonl'), transcript(repo.dir));
    const path = (repo.env.PATH ?? '').split(':').filter((d) => d !== BIN_DIR).join(':');
    const r = repo.run(['capture', '--apply'], { env: { PATH: path } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("record it with npx git-session dead-end '…' --because '…'");
    expect(r.stdout).not.toContain('with git session');
  });

  it('takes a relative --transcripts folder from the working directory it is given', async () => {
    repo = tempRepo();
    const sub = join(repo.dir, 'sub');
    mkdirSync(join(sub, 'logs'), { recursive: true });
    writeFileSync(join(sub, 'logs', 'abc.jsonl'), transcript(repo.dir));
    expect(process.cwd()).not.toBe(sub);
    const r = await capture({ apply: false, transcripts: 'logs', format: 'json' }, { cwd: sub, env: repo.env, now: new Date(0), stdoutIsTTY: false });
    expect(JSON.parse(r.stdout ?? '').draft.goal).toBe('Make the export retry on timeouts');
  });
});
