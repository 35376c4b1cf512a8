import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** How a person or an assistant should type git-session's commands here. */
export type Invocation = 'git session' | 'npx git-session';

/**
 * `git session …` works only when a `git-session` binary is on PATH (a global
 * install). After `npm install --save-dev` it is not: git answers "'session' is not a
 * git command". Then the commands we print must say `npx git-session …`.
 */
export function invocation(env: NodeJS.ProcessEnv): Invocation {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    // npm scripts put node_modules/.bin on PATH; git itself does not look there.
    if (!dir || /node_modules[\/]\.bin$/.test(dir)) continue;
    try {
      accessSync(join(dir, 'git-session'), constants.X_OK);
      return 'git session';
    } catch {
      /* not here */
    }
  }
  return 'npx git-session';
}

/** Rewrites `git session <cmd>` in a text for the given invocation. */
export function withInvocation(text: string, how: Invocation): string {
  return how === 'git session' ? text : text.replace(/\bgit session (?=[a-z-])/g, 'npx git-session ');
}
