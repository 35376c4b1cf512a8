import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without declarations
import { ACTION_BUNDLE, bundleAction } from '../../scripts/build-action.mjs';

const root = resolve(__dirname, '../..');

describe('the action bundle', () => {
  it('action.yml runs the committed bundle on node24', () => {
    const yml = readFileSync(resolve(root, 'action.yml'), 'utf8');
    expect(yml).toMatch(/^runs:\n {2}using: node24\n {2}main: action\/index\.js\n/m);
    expect(ACTION_BUNDLE).toBe('action/index.js');
  });

  it('is committed as a fresh build of src/action makes it', async () => {
    // The version in git's index: what the next commit holds (in CI, the commit itself).
    const staged = spawnSync('git', ['show', `:${ACTION_BUNDLE}`], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(staged.status, `${ACTION_BUNDLE} is not committed: run npm run build and git add it`).toBe(0);
    const fresh = (await bundleAction()) as string;
    // One comparison, not a diff of megabytes, when it is stale.
    expect(staged.stdout === fresh, `${ACTION_BUNDLE} differs from a fresh build: run npm run build and commit ${ACTION_BUNDLE}`).toBe(true);
  });
});
