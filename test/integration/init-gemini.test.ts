import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TIMEOUT_MS, tempRepo, type TempRepo } from '../helpers/repo.js';
import { gs } from './init-support.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const SETTINGS = '.gemini/settings.json';
const SESSION = '# Session\n\n## Goal\nMigrate the billing jobs to the new queue.\n\n## Status\nTwo of five jobs moved.\n';

function installedCommand(r: TempRepo, event: string): string {
  const groups = (JSON.parse(r.read(SETTINGS)) as { hooks: Record<string, { hooks: { command: string }[] }[]> }).hooks[event] ?? [];
  const command = groups.flatMap((g) => g.hooks).find((h) => h.command.includes('git-session'))?.command;
  if (!command) throw new Error(`no git-session command for ${event} in ${SETTINGS}`);
  return command;
}

/** Runs a settings command as Gemini CLI does: with a shell, in the project, JSON on stdin, its variables set. */
function runLikeGemini(r: TempRepo, command: string, input: unknown) {
  return spawnSync('bash', ['-c', command], {
    cwd: r.dir,
    env: { ...r.env, GEMINI_PROJECT_DIR: r.dir, GEMINI_CWD: r.dir, CLAUDE_PROJECT_DIR: r.dir },
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
}

describe('init and Gemini CLI settings', () => {
  it('installs SessionStart and PreCompress hooks whose output Gemini CLI puts in the model context; uninstall removes them', () => {
    repo = tempRepo();
    repo.write('SESSION.md', SESSION);
    const first = gs(repo, ['init', '--agents', 'gemini']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/created +\.gemini\/settings\.json/);
    expect(first.stdout).toMatch(/trusted/);

    const base = { session_id: 's-1', transcript_path: join(repo.home, 't.json'), cwd: repo.dir, timestamp: '2026-11-21T10:00:00Z' };
    const start = runLikeGemini(repo, installedCommand(repo, 'SessionStart'), { ...base, hook_event_name: 'SessionStart', source: 'startup' });
    expect(start.status, start.stderr).toBe(0);
    // Plain text would only be shown to the person: the context must be JSON in hookSpecificOutput.additionalContext.
    const out = JSON.parse(start.stdout) as { hookSpecificOutput: { hookEventName: string; additionalContext: string } };
    expect(out.hookSpecificOutput.hookEventName).toBe('SessionStart');
    expect(out.hookSpecificOutput.additionalContext).toContain('Migrate the billing jobs to the new queue.');

    const compress = runLikeGemini(repo, installedCommand(repo, 'PreCompress'), { ...base, hook_event_name: 'PreCompress', trigger: 'auto' });
    expect(compress.status, compress.stderr).toBe(0);
    // Gemini CLI shows plain stdout to the person: the checkpoint is written, and nothing said.
    expect(compress.stdout).toBe('');
    expect(readdirSync(join(repo.dir, '.session/journal')).map((f) => readFileSync(join(repo!.dir, '.session/journal', f), 'utf8')).join('')).toMatch(/ · checkpoint · /);

    const second = gs(repo, ['init']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/unchanged +\.gemini\/settings\.json/);

    const un = gs(repo, ['uninstall']);
    expect(un.code, un.stderr).toBe(0);
    expect(existsSync(join(repo.dir, SETTINGS))).toBe(false);
  });

  it('is left alone when Gemini CLI is neither asked for nor present', () => {
    repo = tempRepo();
    const r = gs(repo, ['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(repo.dir, SETTINGS))).toBe(false);
  });

  it('leaves a settings file with comments (Gemini CLI allows them) as it is, says what to add, and uninstall is not held up by it', () => {
    repo = tempRepo();
    const commented = '{ // the team theme\n  "theme": "GitHub"\n}\n';
    repo.write(SETTINGS, commented);
    const r = gs(repo, ['init', '--agents', 'gemini']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Left \.gemini\/settings\.json as it is/);
    expect(r.stdout).toContain('gemini-session-start');
    expect(repo.read(SETTINGS)).toBe(commented);
    const un = gs(repo, ['uninstall']);
    expect(un.code, un.stderr).toBe(0);
    expect(repo.read(SETTINGS)).toBe(commented);
  });
});

