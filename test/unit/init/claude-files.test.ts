import { describe, expect, it } from 'vitest';
import { perCloneConfig } from '../../../src/core/clone/config.js';
import { mergeClaudeSettings, mergeMcpJson } from '../../../src/core/claude-settings/index.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config.js';
import { parseAgents } from '../../../src/core/init/agents.js';
import { runPlanners, type PlanContext } from '../../../src/core/init/context.js';
import { chooseHookTarget } from '../../../src/core/init/hook-target.js';
import { INIT_PLANNERS, UNINSTALL_PLANNERS } from '../../../src/core/init/planners.js';
import { filesToCommit, renderInitReport } from '../../../src/core/init/render.js';
import type { FileState, Step } from '../../../src/core/init/step.js';
import { ExitCode, GitSessionError } from '../../../src/errors.js';

const ROOT = '/r';
const SETTINGS = '.claude/settings.json';

/** An in-memory tree with the planners' context over it. */
function world(files: Record<string, string>, mcp = false) {
  const fs = new Map<string, FileState>(Object.entries(files).map(([p, text]) => [`${ROOT}/${p}`, { text, mode: 0o644, utf8: true }]));
  const ctx: PlanContext = {
    root: ROOT,
    config: DEFAULT_CONFIG as Config,
    read: (p) => fs.get(p),
    template: (n) => (n === 'SESSION.md' ? '# Session\n' : '@SESSION.md\n'),
    agents: parseAgents(undefined),
    mcp,
    gitConfig: perCloneConfig(),
    hooks: chooseHookTarget({
      root: ROOT,
      hooksDir: `${ROOT}/.git/hooks`,
      hooksPath: undefined,
      huskyDirExists: false,
      huskyStubsExist: false,
      huskyInPackageJson: false,
      lefthookConfig: undefined,
      preCommitConfig: false,
    }),
    keep: [],
    commandText: (t) => t,
  };
  const apply = (steps: Step[]) => {
    for (const s of steps) {
      if (s.action === 'create' || s.action === 'update') fs.set(s.path, { text: s.after, mode: 0o644, utf8: true });
      else if (s.action === 'delete') fs.delete(s.path);
    }
  };
  const file = (p: string) => fs.get(`${ROOT}/${p}`)?.text;
  const step = (steps: Step[], p: string) => steps.find((s) => s.path === `${ROOT}/${p}`);
  return { ctx, apply, file, step };
}

const USER_SETTINGS = [
  '{',
  '\t"permissions": {"allow": ["Bash(npm test)"]},',
  '\t"hooks": {',
  '\t\t"Stop": [ { "hooks": [ { "type": "command", "command": "echo done" } ] } ]',
  '\t}',
  '}',
].join('\r\n');

describe('Claude Code settings and .mcp.json planners', () => {
  it('creates .claude/settings.json with the three hooks, and uninstall deletes it', () => {
    const w = world({});
    const plan = runPlanners(INIT_PLANNERS, w.ctx);
    expect(w.step(plan.steps, SETTINGS)).toMatchObject({ action: 'create', after: mergeClaudeSettings(null) });
    w.apply(plan.steps);
    expect(JSON.parse(w.file(SETTINGS)!).hooks).toHaveProperty('SessionStart');
    const un = runPlanners(UNINSTALL_PLANNERS, w.ctx);
    expect(w.step(un.steps, SETTINGS)).toMatchObject({ action: 'delete' });
    w.apply(un.steps);
    expect(w.file(SETTINGS)).toBeUndefined();
  });

  it('splices into a user file (tabs, CRLF), is idempotent, and uninstall restores every byte', () => {
    const w = world({ [SETTINGS]: USER_SETTINGS });
    const plan = runPlanners(INIT_PLANNERS, w.ctx);
    expect(w.step(plan.steps, SETTINGS)?.action).toBe('update');
    w.apply(plan.steps);
    const merged = w.file(SETTINGS)!;
    expect(merged.startsWith('{\r\n\t"permissions": {"allow": ["Bash(npm test)"]},\r\n')).toBe(true);
    expect(merged).not.toMatch(/[^\r]\n/);
    expect(w.step(runPlanners(INIT_PLANNERS, w.ctx).steps, SETTINGS)?.action).toBe('unchanged');
    w.apply(runPlanners(UNINSTALL_PLANNERS, w.ctx).steps);
    expect(w.file(SETTINGS)).toBe(USER_SETTINGS);
  });

  it('leaves a settings file without git-session hooks out of the uninstall plan', () => {
    const w = world({ [SETTINGS]: USER_SETTINGS });
    expect(w.step(runPlanners(UNINSTALL_PLANNERS, w.ctx).steps, SETTINGS)).toBeUndefined();
  });

  it('stops planning on invalid JSON, naming the file', () => {
    const w = world({ [SETTINGS]: '{ "hooks": {}, }' });
    let error: unknown;
    try {
      runPlanners(INIT_PLANNERS, w.ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GitSessionError);
    expect((error as GitSessionError).exitCode).toBe(ExitCode.BadInput);
    expect((error as GitSessionError).file).toBe(SETTINGS);
    expect((error as GitSessionError).fix).toMatch(/Fix the JSON/);
  });

  it('writes .mcp.json only with --mcp; uninstall removes the entry without the flag', () => {
    const mine = '{\n  "mcpServers": {\n    "db": { "command": "db-mcp" }\n  }\n}\n';
    const without = world({ '.mcp.json': mine });
    expect(without.step(runPlanners(INIT_PLANNERS, without.ctx).steps, '.mcp.json')).toBeUndefined();
    const w = world({ '.mcp.json': mine }, true);
    const plan = runPlanners(INIT_PLANNERS, w.ctx);
    expect(w.step(plan.steps, '.mcp.json')).toMatchObject({ action: 'update', after: mergeMcpJson(mine) });
    expect(plan.notes.join('\n')).toContain('approve the git-session server');
    w.apply(plan.steps);
    const plain = world({ '.mcp.json': w.file('.mcp.json')! });
    plain.apply(runPlanners(UNINSTALL_PLANNERS, plain.ctx).steps);
    expect(plain.file('.mcp.json')).toBe(mine);
  });

  it('lists both files among the files to commit', () => {
    const w = world({}, true);
    const plan = runPlanners(INIT_PLANNERS, w.ctx);
    expect(filesToCommit(plan.steps, ROOT)).toEqual(expect.arrayContaining([SETTINGS, '.mcp.json']));
    expect(renderInitReport(plan, ROOT, 'SESSION.md', false, (t) => t)).toMatch(/git add .*\.claude\/settings\.json.*\.mcp\.json/);
  });
});
