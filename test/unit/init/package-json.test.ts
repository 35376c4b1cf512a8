import { describe, expect, it } from 'vitest';
import { perCloneConfig } from '../../../src/core/clone/config.js';
import { planCloneConfigInstall, planCloneConfigUninstall } from '../../../src/core/init/clone-config.js';
import type { PlanContext } from '../../../src/core/init/context.js';
import { preCommitStageFor } from '../../../src/core/init/hook-target.js';
import { planPackageJsonInstall, planPackageJsonUninstall } from '../../../src/core/init/package-json.js';
import type { Step } from '../../../src/core/init/step.js';

function ctx(pkg: string | undefined, gitConfig: Record<string, string | undefined> = {}): PlanContext {
  return {
    root: '/r',
    read: (p: string) => (p === '/r/package.json' && pkg !== undefined ? { text: pkg, mode: 0o644, utf8: true } : undefined),
    gitConfig,
  } as unknown as PlanContext;
}

function after(step: Step | undefined): string | undefined {
  return step && (step.action === 'create' || step.action === 'update') ? step.after : undefined;
}

const DEV = '"devDependencies": { "git-session": "^0.1.0" }';

describe('package.json prepare script', () => {
  it.each([
    ['adds prepare when there is none', `{\n  ${DEV}\n}\n`, `{\n  ${DEV},\n  "scripts": {\n    "prepare": "git-session setup"\n  }\n}\n`],
    ['appends to husky, keeping every other byte', `{\n  "scripts": {"prepare":"husky",  "test": "x"},\n  ${DEV}\n}\n`, `{\n  "scripts": {"prepare":"husky && git-session setup",  "test": "x"},\n  ${DEV}\n}\n`],
    ['appends after an escaped value', `{ "scripts": { "prepare": "echo \\"hi\\"" }, ${DEV} }`, `{ "scripts": { "prepare": "echo \\"hi\\" && git-session setup" }, ${DEV} }`],
  ])('%s, and uninstall restores it', (_, before, expected) => {
    const installed = after(planPackageJsonInstall(ctx(before)).steps[0]);
    expect(installed).toBe(expected);
    expect(planPackageJsonInstall(ctx(installed)).steps[0]!.action).toBe('unchanged');
    expect(after(planPackageJsonUninstall(ctx(installed)).steps[0])).toBe(before);
  });

  it('leaves a project that does not list git-session alone, with a note', () => {
    const plan = planPackageJsonInstall(ctx('{ "scripts": { "prepare": "husky" } }'));
    expect(plan.steps).toEqual([]);
    expect(plan.notes[0]).toContain('npm i -D git-session');
    expect(planPackageJsonInstall(ctx(undefined))).toEqual({ steps: [], notes: [] });
  });
});

describe('per-clone config', () => {
  it('sets what is missing or different, and unsets only what is set', () => {
    const all = perCloneConfig();
    const keys = Object.keys(all);
    expect(planCloneConfigInstall(ctx(undefined)).config!.set.map(([k]) => k)).toEqual(keys);
    expect(planCloneConfigInstall(ctx(undefined, all)).config!.set).toEqual([]);
    expect(planCloneConfigInstall(ctx(undefined, { ...all, [keys[1]!]: 'old' })).config!.set).toEqual([[keys[1], all[keys[1]!]]]);
    expect(planCloneConfigUninstall(ctx(undefined, { [keys[0]!]: 'x' })).config!.unset).toEqual([keys[0]]);
  });

  it('names the stage pre-commit takes in each version', () => {
    expect(preCommitStageFor('pre-commit 3.0.4\n')).toBe('commit');
    expect(preCommitStageFor('pre-commit 3.2.0')).toBe('pre-commit');
    expect(preCommitStageFor('pre-commit 4.6.2')).toBe('pre-commit');
    expect(preCommitStageFor(undefined)).toBe('commit');
  });
});
