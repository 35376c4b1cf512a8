import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { plainLayout } from '../../../src/adapters/repo-layout.js';
import { findRepo } from '../../../src/adapters/repo.js';
import { tempRepo, type TempRepo } from '../../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** What git says of the layout, in the fields the plain reading gives. */
async function gitSays(cwd: string, env: NodeJS.ProcessEnv) {
  const { root, gitDir, commonDir, shallowFile } = await findRepo(cwd, env);
  return { root, gitDir, commonDir, shallowFile };
}

describe('the layout read from the files git reads', () => {
  it('is what git says, at the top of a plain repository and in a folder below it', async () => {
    repo = tempRepo();
    mkdirSync(join(repo.dir, 'src', 'deep'), { recursive: true });
    for (const cwd of [repo.dir, join(repo.dir, 'src', 'deep')]) {
      const plain = plainLayout(cwd, repo.env);
      expect(plain).toBeDefined();
      expect(plain).toEqual(await gitSays(cwd, repo.env));
    }
    expect(plainLayout(join(repo.dir, 'src'), repo.env)?.root).toBe(realpathSync(repo.dir));
  });

  it('leaves git to answer wherever its answer could differ', () => {
    repo = tempRepo();
    const r = repo;
    // Variables that move or steer what git finds.
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CEILING_DIRECTORIES', 'GIT_CONFIG_PARAMETERS']) {
      expect(plainLayout(r.dir, { ...r.env, [name]: r.dir }), name).toBeUndefined();
    }
    // A folder inside the git dir: git says it is no work tree.
    expect(plainLayout(join(r.dir, '.git', 'refs'), r.env)).toBeUndefined();
    // A linked worktree has a .git file.
    r.git(['worktree', 'add', '-q', join(r.dir, 'wt')]);
    expect(plainLayout(join(r.dir, 'wt'), r.env)).toBeUndefined();
    expect(plainLayout(r.dir, r.env)).toBeDefined();
    // Settings that put the work tree elsewhere, or may.
    // A comment after the value is still that value.
    const config = r.read('.git/config');
    r.write('.git/config', config.replace(/bare = false/, 'bare = true # as cloned'));
    expect(plainLayout(r.dir, r.env)).toBeUndefined();
    r.write('.git/config', config);
    for (const [key, value] of [['core.worktree', r.dir], ['core.bare', 'true'], ['include.path', 'other.config'], ['extensions.worktreeConfig', 'true']] as const) {
      r.git(['config', key, value]);
      expect(plainLayout(r.dir, r.env), key).toBeUndefined();
      r.git(['config', '--unset', key]);
      expect(plainLayout(r.dir, r.env), key).toBeDefined();
    }
  });

  it('is nothing outside a repository', () => {
    repo = tempRepo();
    const outside = join(repo.home, 'elsewhere');
    mkdirSync(outside, { recursive: true });
    expect(plainLayout(outside, repo.env)).toBeUndefined();
  });
});
