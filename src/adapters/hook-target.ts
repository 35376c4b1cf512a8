import { existsSync, readFileSync } from 'node:fs';
import { isFolder } from './fs.js';
import { join } from 'node:path';
import { chooseHookTarget, preCommitStageFor, type HookFacts, type HookTarget } from '../core/init/hook-target.js';
import { childProcess } from './builtins.js';
import { git } from './git.js';
import type { RepoInfo } from './repo.js';

const LEFTHOOK_CONFIGS = ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml'];


function huskyInPackageJson(root: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    const sections = [pkg.dependencies, pkg.devDependencies, pkg.scripts].filter((s) => s && typeof s === 'object');
    return sections.some((s) => JSON.stringify(s).includes('husky'));
  } catch {
    return false;
  }
}

/** Looks at the repository's hook set-up (core.hooksPath, husky, lefthook, pre-commit). */
export async function hookFacts(repo: RepoInfo, env?: NodeJS.ProcessEnv): Promise<HookFacts> {
  const configured = await git(['config', '--show-scope', '--get', 'core.hooksPath'], { cwd: repo.root, env, allowFailure: true });
  const [scope, ...value] = configured.code === 0 ? configured.stdout.replace(/\r?\n$/, '').split('\t') : [];
  const hooksPath = value.join('\t');
  return {
    root: repo.root,
    hooksDir: repo.hooksDir,
    hooksPath: hooksPath === '' ? undefined : hooksPath,
    hooksPathScope: scope,
    huskyDirExists: isFolder(join(repo.root, '.husky')),
    huskyStubsExist: isFolder(join(repo.root, '.husky', '_')),
    huskyInPackageJson: huskyInPackageJson(repo.root),
    lefthookConfig: LEFTHOOK_CONFIGS.find((name) => existsSync(join(repo.root, name))),
    preCommitConfig: existsSync(join(repo.root, '.pre-commit-config.yaml')),
  };
}

/** Where git-session's hook lines go in this repository. */
export async function findHookTarget(repo: RepoInfo, env?: NodeJS.ProcessEnv): Promise<HookTarget> {
  const target = chooseHookTarget(await hookFacts(repo, env));
  if (target.kind !== 'pre-commit') return target;
  // The lines init prints must name the stage the installed pre-commit accepts.
  const version = childProcess().spawnSync('pre-commit', ['--version'], { cwd: repo.root, env: env ?? process.env, encoding: 'utf8', timeout: 10_000 });
  return { ...target, preCommitStage: preCommitStageFor(version.status === 0 ? version.stdout : undefined) };
}
