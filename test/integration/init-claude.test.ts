import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TIMEOUT_MS, tempRepo, type TempRepo } from '../helpers/repo.js';
import { gs, snapshot, withoutGitSession } from './init-support.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const SETTINGS = '.claude/settings.json';

/** A hand-kept settings file: tabs, CRLF, a one-line member, the user's own hooks and permissions. */
const USER_SETTINGS = [
  '{',
  '\t"permissions": { "allow": ["Bash(npm run lint)", "Read(./docs/**)"], "deny": [] },',
  '\t"hooks": {',
  '\t\t"SessionStart": [',
  '\t\t\t{',
  '\t\t\t\t"matcher": "startup",',
  '\t\t\t\t"hooks": [ { "type": "command", "command": "echo hello from the team" } ]',
  '\t\t\t}',
  '\t\t],',
  '\t\t"PostToolUse": [ { "matcher": "Edit", "hooks": [ { "type": "command", "command": "npm run format" } ] } ]',
  '\t},',
  '\t"model": "opus"',
  '}',
  '',
].join('\r\n');

const SESSION = '# Session\n\n## Goal\nMigrate the billing jobs to the new queue.\n\n## Status\nTwo of five jobs moved.\n';

function hooksDir(r: TempRepo): string {
  return join(r.dir, '.git/hooks');
}

interface Group {
  matcher?: string;
  hooks: { type: string; command: string }[];
}

/** The command git-session installed for `event`, read back from the written settings. */
function installedCommand(r: TempRepo, event: string): string {
  const groups = (JSON.parse(r.read(SETTINGS)) as { hooks: Record<string, Group[]> }).hooks[event] ?? [];
  const command = groups.flatMap((g) => g.hooks).find((h) => h.command.includes('git-session'))?.command;
  if (!command) throw new Error(`no git-session command for ${event} in ${SETTINGS}`);
  return command;
}

/** Runs a settings command the way Claude Code does: with sh, in the project, JSON on stdin. */
function runLikeClaude(r: TempRepo, command: string, input: unknown, env: NodeJS.ProcessEnv = {}) {
  return spawnSync('sh', ['-c', command], {
    cwd: r.dir,
    env: { ...r.env, CLAUDE_PROJECT_DIR: r.dir, ...env },
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
}

describe('init and Claude Code settings', () => {
  it('merges into a hand-kept settings file, changes nothing the second time, and uninstall restores it byte for byte', () => {
    repo = tempRepo();
    repo.write(SETTINGS, USER_SETTINGS);
    const before = snapshot(repo.dir, hooksDir(repo));

    const first = gs(repo, ['init']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/updated +\.claude\/settings\.json/);
    expect(first.stdout).toMatch(/git add .*\.claude\/settings\.json/);
    const merged = repo.read(SETTINGS);
    // The user's part is untouched: the file starts with it up to the SessionStart list.
    const head = USER_SETTINGS.slice(0, USER_SETTINGS.indexOf('\t\t\t}\r\n\t\t],') + '\t\t\t}'.length);
    expect(merged.startsWith(head)).toBe(true);
    expect(merged.endsWith('\t"model": "opus"\r\n}\r\n')).toBe(true);
    expect(merged).not.toMatch(/[^\r]\n/);
    const parsed = JSON.parse(merged) as { hooks: Record<string, Group[]>; permissions: unknown };
    expect(parsed.permissions).toEqual({ allow: ['Bash(npm run lint)', 'Read(./docs/**)'], deny: [] });
    expect(parsed.hooks.SessionStart?.map((g) => g.matcher)).toEqual(['startup', 'startup|resume|clear|compact']);
    expect(parsed.hooks.PostToolUse).toHaveLength(1);
    expect(Object.keys(parsed.hooks)).toEqual(['SessionStart', 'PostToolUse', 'PreCompact', 'Stop', 'PreToolUse']);
    const installed = snapshot(repo.dir, hooksDir(repo));

    const second = gs(repo, ['init']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/unchanged +\.claude\/settings\.json/);
    expect(snapshot(repo.dir, hooksDir(repo))).toEqual(installed);

    const un = gs(repo, ['uninstall']);
    expect(un.code, un.stderr).toBe(0);
    expect(un.stdout).toMatch(/updated +\.claude\/settings\.json +\(git-session entries removed\)/);
    expect(repo.read(SETTINGS)).toBe(USER_SETTINGS);
    expect(snapshot(repo.dir, hooksDir(repo))).toEqual(before);
  });

  it('creates .claude/settings.json when missing, and uninstall removes it and the folder', () => {
    repo = tempRepo();
    const r = gs(repo, ['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/created +\.claude\/settings\.json/);
    const hooks = (JSON.parse(repo.read(SETTINGS)) as { hooks: Record<string, Group[]> }).hooks;
    expect(Object.keys(hooks)).toEqual(['SessionStart', 'PreCompact', 'Stop', 'PreToolUse']);
    expect(gs(repo, ['uninstall']).code).toBe(0);
    expect(existsSync(join(repo.dir, '.claude'))).toBe(false);
  });

  it('keeps a .claude folder that holds other files', () => {
    repo = tempRepo();
    repo.write('.claude/commands/ship.md', 'Ship it.\n');
    expect(gs(repo, ['init']).code).toBe(0);
    expect(gs(repo, ['uninstall']).code).toBe(0);
    expect(existsSync(join(repo.dir, SETTINGS))).toBe(false);
    expect(repo.read('.claude/commands/ship.md')).toBe('Ship it.\n');
  });

  it('stops with exit 4 on invalid JSON and writes nothing at all', () => {
    repo = tempRepo();
    repo.write(SETTINGS, '{\n  "hooks": {},\n}\n');
    const before = snapshot(repo.dir, hooksDir(repo));
    const r = gs(repo, ['init']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('.claude/settings.json');
    expect(r.stderr).toContain('not valid JSON');
    expect(r.stderr).toMatch(/Fix the JSON syntax/);
    expect(snapshot(repo.dir, hooksDir(repo))).toEqual(before);
    expect(existsSync(join(repo.dir, 'SESSION.md'))).toBe(false);
  });

  it('with --mcp registers the server in .mcp.json next to the user\u2019s own; uninstall removes only it', () => {
    repo = tempRepo();
    const mine = '{\n    "mcpServers": {\n        "tickets": { "command": "tickets-mcp", "args": ["--stdio"] }\n    }\n}\n';
    repo.write('.mcp.json', mine);
    const plain = gs(repo, ['init']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(repo.read('.mcp.json')).toBe(mine);

    const r = gs(repo, ['init', '--mcp']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/updated +\.mcp\.json/);
    expect(r.stdout).toMatch(/git add .*\.mcp\.json/);
    const servers = (JSON.parse(repo.read('.mcp.json')) as { mcpServers: Record<string, { command: string; args: string[] }> }).mcpServers;
    expect(Object.keys(servers)).toEqual(['tickets', 'git-session']);
    expect(servers['git-session']?.args.join(' ')).toMatch(/git-session.* mcp/);
    const installed = snapshot(repo.dir);
    expect(gs(repo, ['init', '--mcp']).stdout).toContain('Everything is up to date');
    expect(snapshot(repo.dir)).toEqual(installed);

    expect(gs(repo, ['uninstall']).code).toBe(0);
    expect(repo.read('.mcp.json')).toBe(mine);
  });

  it('with --mcp creates .mcp.json when missing, and uninstall deletes it', () => {
    repo = tempRepo();
    expect(gs(repo, ['init', '--mcp', '--dry-run']).stdout).toMatch(/would create +\.mcp\.json/);
    expect(existsSync(join(repo.dir, '.mcp.json'))).toBe(false);
    expect(gs(repo, ['init', '--mcp']).code).toBe(0);
    expect(existsSync(join(repo.dir, '.mcp.json'))).toBe(true);
    const un = gs(repo, ['uninstall']);
    expect(un.stdout).toMatch(/removed +\.mcp\.json/);
    expect(existsSync(join(repo.dir, '.mcp.json'))).toBe(false);
  });
});

describe('the installed Claude Code hook commands', () => {
  it('SessionStart prints the session context', () => {
    repo = tempRepo();
    repo.write('SESSION.md', SESSION);
    expect(gs(repo, ['init']).code).toBe(0);
    const command = installedCommand(repo, 'SessionStart');
    const r = runLikeClaude(repo, command, { hook_event_name: 'SessionStart', source: 'startup', cwd: repo.dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Migrate the billing jobs to the new queue.');
    expect(r.stdout).toContain('Two of five jobs moved.');
  });

  it('says on stderr and exits 0 when git-session is not installed', () => {
    repo = tempRepo();
    expect(gs(repo, ['init']).code).toBe(0);
    const r = runLikeClaude(repo, installedCommand(repo, 'SessionStart'), { hook_event_name: 'SessionStart', source: 'startup' }, { PATH: withoutGitSession() });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^git-session: not found.*fix:/);
  });
});
