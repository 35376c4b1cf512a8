// The environment of a throwaway repository for the demo and the benchmarks, like the
// tests': no inherited git settings or assistant markers, a fixed identity, the built
// binary first on PATH as `git-session`.
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Writes a `git-session` shim into `bin` that runs `cli`, links the hook script and its
 * functions there, and returns the environment to run git in.
 */
export function scratchEnv({ home, bin, cli, name, email }) {
  mkdirSync(home, { recursive: true });
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'git-session'), `#!/bin/sh\nexec node "${cli}" "$@"\n`);
  chmodSync(join(bin, 'git-session'), 0o755);
  // The hook script the installed hooks run, beside the binary as npm links them.
  for (const name of ['git-session-hook', 'git-session-hook.sh']) {
    rmSync(join(bin, name), { force: true });
    symlinkSync(resolve(dirname(fileURLToPath(import.meta.url)), '..', 'bin', name), join(bin, name));
  }
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(GIT_|CLAUDE|CODEX|GEMINI|CURSOR)/.test(k) || k === 'CI' || k === 'HUSKY') continue;
    // Machine settings that change what every node start costs: NODE_EXTRA_CA_CERTS
    // makes Node 20 read a certificate bundle at start-up (~80 ms), which would hide
    // what the hooks themselves cost behind a slower floor.
    if (k === 'NODE_OPTIONS' || k === 'NODE_EXTRA_CA_CERTS') continue;
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
