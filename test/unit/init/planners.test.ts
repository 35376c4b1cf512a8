import { describe, expect, it } from 'vitest';
import { perCloneConfig } from '../../../src/core/clone/config.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config.js';
import { hookBlock } from '../../../src/core/hook-lines.js';
import { parseAgents } from '../../../src/core/init/agents.js';
import { runPlanners, type PlanContext } from '../../../src/core/init/context.js';
import { journalGlob } from '../../../src/core/init/files.js';
import { chooseHookTarget, type HookFacts } from '../../../src/core/init/hook-target.js';
import { chainHead } from '../../../src/core/init/hooks.js';
import { INIT_PLANNERS, UNINSTALL_PLANNERS } from '../../../src/core/init/planners.js';
import { filesToCommit } from '../../../src/core/init/render.js';
import type { FileState, Step } from '../../../src/core/init/step.js';

const ROOT = '/r';
const TEMPLATES: Record<string, string> = {
  'SESSION.md': '# Session\n',
  'CLAUDE.md': '@SESSION.md\nKeep it.\n',
  'AGENTS.md': 'Read SESSION.md.\n',
  'GEMINI.md': '@SESSION.md\n',
  'copilot-instructions.md': 'Read SESSION.md.\n',
  'cursor-rule.mdc': '---\ndescription: d\nalwaysApply: true\n---\nRead SESSION.md.\n',
};

const FACTS: HookFacts = {
  root: ROOT,
  hooksDir: `${ROOT}/.git/hooks`,
  hooksPath: undefined,
  huskyDirExists: false,
  huskyStubsExist: false,
  huskyInPackageJson: false,
  lefthookConfig: undefined,
  preCommitConfig: false,
};

/** A context over an in-memory tree; `apply` runs steps against it like the adapter does. */
function world(files: Record<string, string>, facts: Partial<HookFacts> = {}, agents?: string, config: Config = DEFAULT_CONFIG as Config) {
  const fs = new Map<string, FileState>(Object.entries(files).map(([p, text]) => [`${ROOT}/${p}`, { text, mode: 0o644, utf8: true }]));
  const ctx: PlanContext = {
    root: ROOT,
    config,
    read: (p) => fs.get(p),
    template: (n) => TEMPLATES[n]!,
    agents: parseAgents(agents),
    mcp: false,
    hooks: chooseHookTarget({ ...FACTS, ...facts }),
    keep: [],
    commandText: (t) => t,
    // This clone's merge drivers are configured already: the file planners are what is tested here.
    gitConfig: perCloneConfig(),
  };
  const apply = (steps: Step[]) => {
    for (const s of steps) {
      if (s.action === 'create' || s.action === 'update') fs.set(s.path, { text: s.after, mode: 0o644, utf8: true });
      else if (s.action === 'delete') fs.delete(s.path);
      else if (s.action === 'move') {
        fs.set(s.path, fs.get(s.from)!);
        fs.delete(s.from);
      }
    }
  };
  const dump = () => Object.fromEntries([...fs].map(([p, s]) => [p.slice(ROOT.length + 1), s.text]));
  return { ctx, apply, dump };
}

function roundTrip(files: Record<string, string>, facts: Partial<HookFacts> = {}, agents?: string) {
  const w = world(files, facts, agents);
  const plan = runPlanners(INIT_PLANNERS, w.ctx);
  w.apply(plan.steps);
  const installed = w.dump();
  const again = runPlanners(INIT_PLANNERS, w.ctx);
  w.apply(runPlanners(UNINSTALL_PLANNERS, w.ctx).steps);
  return { plan, installed, again, after: w.dump() };
}

describe('init and uninstall planners', () => {
  it.each([
    ['an empty repository', {}, {}],
    ['a plain hook to chain', { '.git/hooks/pre-commit': '#!/bin/sh\nexit 0\n' }, {}],
    ['husky', { '.husky/pre-commit': 'npm test\r\n', 'package.json': '{}' }, { huskyDirExists: true, huskyInPackageJson: true }],
    ['user files of every assistant', { 'CLAUDE.md': 'mine', 'AGENTS.md': '', '.gitattributes': '* text=auto\r\n', '.cursor/rules/git-session.mdc': 'x\n' }, {}],
    ['lefthook', { 'lefthook.yml': 'x: 1\n' }, { lefthookConfig: 'lefthook.yml' }],
  ])('%s: a second init is a no-op and uninstall restores every file', (_name, files, facts) => {
    const { again, after } = roundTrip(files, facts, 'all');
    expect(again.steps.every((s) => s.action === 'unchanged')).toBe(true);
    expect(after).toEqual(files);
  });

  it('chains an existing hook: move it to .local, then a hook that runs it first', () => {
    const { plan, installed } = roundTrip({ '.git/hooks/pre-commit': '#!/bin/sh\nexit 0\n' });
    const hookSteps = plan.steps.filter((s) => s.path.includes('pre-commit'));
    expect(hookSteps.map((s) => [s.action, s.verb ?? ''])).toEqual([
      ['move', ''],
      ['create', 'chained'],
    ]);
    expect(installed['.git/hooks/pre-commit']).toBe(chainHead('pre-commit') + hookBlock('pre-commit') + '\n');
    expect(installed['.git/hooks/pre-commit.local']).toBe('#!/bin/sh\nexit 0\n');
  });

  it('puts the block after the lines of a husky hook, keeping its CRLF lines', () => {
    const { installed } = roundTrip({ '.husky/pre-commit': 'npm test\r\n' }, { hooksPath: '.husky/_', huskyStubsExist: true });
    expect(installed['.husky/pre-commit']).toBe('npm test\r\n\r\n' + hookBlock('pre-commit').replace(/\n/g, '\r\n') + '\r\n');
  });

  it('prints config lines for lefthook and writes no hook file', () => {
    const { plan } = roundTrip({ 'lefthook.yml': '' }, { lefthookConfig: 'lefthook.yml' });
    expect(plan.steps.some((s) => s.path.includes('hooks'))).toBe(false);
    expect(plan.notes.join('\n')).toContain('git_session_hook prepare-commit-msg {1} {2} {3}; elif command -v git-session-hook');
  });

  it('lists a chained hook and its .local name among the files to commit when the hooks folder is in the work tree', () => {
    const w = world({ 'tools/hooks/pre-commit': '#!/bin/sh\nmake lint\n' }, { hooksPath: 'tools/hooks', hooksDir: `${ROOT}/tools/hooks` });
    const commit = filesToCommit(runPlanners(INIT_PLANNERS, w.ctx).steps, ROOT);
    expect(commit).toEqual(expect.arrayContaining(['tools/hooks/pre-commit', 'tools/hooks/pre-commit.local', 'tools/hooks/prepare-commit-msg']));
    const plain = world({ '.git/hooks/pre-commit': '#!/bin/sh\nmake lint\n' });
    expect(filesToCommit(runPlanners(INIT_PLANNERS, plain.ctx).steps, ROOT).filter((p) => p.includes('hooks'))).toEqual([]);
  });

  it('keeps SESSION.md that the user changed', () => {
    const w = world({});
    w.apply(runPlanners(INIT_PLANNERS, w.ctx).steps);
    w.apply([{ action: 'update', path: `${ROOT}/SESSION.md`, before: '', after: '# Mine\n', reason: '' }]);
    const un = runPlanners(UNINSTALL_PLANNERS, w.ctx);
    expect(un.steps.find((s) => s.path.endsWith('SESSION.md'))).toMatchObject({ action: 'unchanged', verb: 'kept' });
  });

  it('writes only CLAUDE.md unless other assistants are asked for or their file exists', () => {
    const only = world({}).ctx;
    const paths = runPlanners(INIT_PLANNERS, only).steps.map((s) => s.path.slice(ROOT.length + 1));
    expect(paths).toContain('CLAUDE.md');
    expect(paths).not.toContain('AGENTS.md');
    expect(runPlanners(INIT_PLANNERS, world({ 'GEMINI.md': '' }).ctx).steps.map((s) => s.path)).toContain(`${ROOT}/GEMINI.md`);
  });

  it('follows session.file in the @-import', () => {
    const config = { ...DEFAULT_CONFIG, sessionFile: 'docs/NOTES.md' } as Config;
    const w = world({}, {}, undefined, config);
    w.apply(runPlanners(INIT_PLANNERS, w.ctx).steps);
    expect(w.dump()['CLAUDE.md']).toContain('@docs/NOTES.md');
    expect(w.dump()['docs/NOTES.md']).toBe('# Session\n');
  });
});

describe('chooseHookTarget', () => {
  it.each<[string, Partial<HookFacts>, string, boolean?]>([
    ['plain', {}, 'plain'],
    ['husky 9 installed', { hooksPath: '.husky/_', huskyStubsExist: true }, 'husky', true],
    ['husky 9 in a fresh worktree', { hooksPath: '.husky/_' }, 'husky', false],
    ['husky folder and package.json, not installed', { huskyDirExists: true, huskyInPackageJson: true }, 'husky', false],
    ['husky 4-8 style', { hooksPath: '.husky' }, 'husky', true],
    ['lefthook', { lefthookConfig: '.lefthook.yml' }, 'lefthook'],
    ['pre-commit', { preCommitConfig: true }, 'pre-commit'],
    ['custom folder', { hooksPath: 'tools/hooks', hooksDir: `${ROOT}/tools/hooks` }, 'custom'],
  ])('%s', (_name, facts, kind, ready) => {
    const t = chooseHookTarget({ ...FACTS, ...facts });
    expect(t.kind).toBe(kind);
    if (ready !== undefined) expect(t.huskyReady).toBe(ready);
  });
});

describe('parseAgents and journalGlob', () => {
  it('maps names and aliases, always with claude', () => {
    expect([...parseAgents('codex, Cursor')].sort()).toEqual(['agents', 'claude', 'cursor']);
    expect(parseAgents('all').size).toBe(5);
    expect(() => parseAgents('clippy')).toThrow(/unknown assistant "clippy"/);
  });

  it.each([
    ['.session/journal/{year}-W{week}.md', '.session/journal/*.md'],
    ['journal/{year}/W{week}.md', 'journal/*/*.md'],
    ['./notes/log.md', 'notes/log.md'],
  ])('%s -> %s', (path, glob) => {
    expect(journalGlob(path)).toBe(glob);
  });
});
