// The environment of a throwaway repository for the demo and the benchmarks, like the
// tests': no inherited git settings or assistant markers, a fixed identity, the built
// binary first on PATH as `git-session`.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a `git-session` shim into `bin` (running `cli`, after `before` shell lines)
 * and returns the environment to run git in.
 */
export function scratchEnv({ home, bin, cli, name, email, before = '' }) {
  mkdirSync(home, { recursive: true });
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'git-session'), `#!/bin/sh\n${before}exec node "${cli}" "$@"\n`);
  chmodSync(join(bin, 'git-session'), 0o755);
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(GIT_|CLAUDE|CODEX|GEMINI|CURSOR)/.test(k) || k === 'CI' || k === 'HUSKY') continue;
    env[k] = v;
  }
  return Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    PATH: `${bin}:${env.PATH ?? ''}`,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_EDITOR: 'true',
    GIT_PAGER: 'cat',
  });
}
