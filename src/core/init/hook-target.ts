import { join } from 'node:path';

/** How the repository runs its git hooks, which decides where git-session's lines go. */
export type HookKind = 'plain' | 'custom' | 'husky' | 'lefthook' | 'pre-commit';

/** Where git-session's hook lines go. */
export interface HookTarget {
  kind: HookKind;
  /** Folder our hook files go in: git's hooks folder, or `.husky` for husky. */
  dir: string;
  /** Where git really looks for hooks (honours core.hooksPath and worktrees). */
  gitHooksDir: string;
  /** The hook manager's config file, relative to the root (lefthook, pre-commit). */
  configFile?: string;
  /** For husky: whether git already runs `.husky/<hook>` in this work tree. */
  huskyReady: boolean;
  /** The hooks folder is a core.hooksPath set globally or system-wide: other repositories run it too. */
  shared?: boolean;
  /**
   * For the pre-commit framework: the stage name its pre-commit hook takes in the
   * installed version (`pre-commit` from 3.2 on, `commit` before, and when unknown).
   */
  preCommitStage?: 'pre-commit' | 'commit';
}

/** The stage name for `pre-commit --version` output: `pre-commit` from 3.2 on, else the older `commit`. */
export function preCommitStageFor(versionText: string | undefined): 'pre-commit' | 'commit' {
  const m = /(\d+)\.(\d+)/.exec(versionText ?? '');
  if (!m) return 'commit';
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 3 || (major === 3 && minor >= 2) ? 'pre-commit' : 'commit';
}

/** What the adapter found out about the repository's hook set-up. */
export interface HookFacts {
  root: string;
  /** Absolute hooks folder from `git rev-parse --git-path hooks`. */
  hooksDir: string;
  /** The raw `core.hooksPath` value, if set. */
  hooksPath: string | undefined;
  /** Where that value is set (`git config --show-scope`): `global` and `system` reach every repository of the machine. */
  hooksPathScope?: string | undefined;
  huskyDirExists: boolean;
  /** `.husky/_` exists (husky 9 has run in this work tree). */
  huskyStubsExist: boolean;
  huskyInPackageJson: boolean;
  /** The first lefthook config found at the root, if any. */
  lefthookConfig: string | undefined;
  /** `.pre-commit-config.yaml` exists at the root. */
  preCommitConfig: boolean;
}

function norm(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/**
 * Picks the hook set-up. core.hooksPath naming husky's folder wins; then a lefthook
 * or pre-commit config (those tools own the hook files: we only print config lines);
 * then a `.husky/` folder with husky in package.json; otherwise git's hooks folder,
 * which is a custom one when core.hooksPath points elsewhere.
 */
export function chooseHookTarget(f: HookFacts): HookTarget {
  const husky = join(f.root, '.husky');
  const raw = f.hooksPath === undefined ? undefined : norm(f.hooksPath);
  const dir = norm(f.hooksDir);
  const viaStubs = raw === '.husky/_' || dir === norm(join(husky, '_'));
  const viaFolder = raw === '.husky' || dir === norm(husky);
  const base = { gitHooksDir: f.hooksDir, huskyReady: false };
  if (viaStubs || viaFolder) {
    return { ...base, kind: 'husky', dir: husky, huskyReady: viaFolder || f.huskyStubsExist };
  }
  if (f.lefthookConfig) return { ...base, kind: 'lefthook', dir: f.hooksDir, configFile: f.lefthookConfig };
  if (f.preCommitConfig) return { ...base, kind: 'pre-commit', dir: f.hooksDir, configFile: '.pre-commit-config.yaml' };
  if (f.huskyDirExists && f.huskyInPackageJson) return { ...base, kind: 'husky', dir: husky };
  if (f.hooksPath === undefined) return { ...base, kind: 'plain', dir: f.hooksDir };
  const shared = f.hooksPathScope === 'global' || f.hooksPathScope === 'system';
  return { ...base, kind: 'custom', dir: f.hooksDir, ...(shared ? { shared } : {}) };
}
