import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type Config } from '../core/config.js';
import { ExitCode, GitSessionError } from '../errors.js';

/**
 * Loads `.gitsession` from the repository root; the defaults when there is none. One
 * that is there but cannot be read is an error: falling back to the defaults would
 * quietly turn a strict repository into a reminding one.
 */
export function loadConfig(root: string): Config {
  let text: string;
  try {
    text = readFileSync(join(root, CONFIG_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return followSessionLink(root, structuredClone(DEFAULT_CONFIG) as Config);
    const problem = code === 'EISDIR' ? 'is a folder, not a settings file' : `could not be read (${code ?? String(error)})`;
    throw new GitSessionError(ExitCode.BadInput, `${problem}.`, {
      file: CONFIG_FILE,
      fix: `Make it a readable file in git-config syntax (chmod u+r ${CONFIG_FILE}), or remove it to use the defaults.`,
      cause: error,
    });
  }
  return followSessionLink(root, parseConfig(text, CONFIG_FILE));
}

/**
 * A session file that is a symlink to a file in the work tree is read, committed and
 * written as that file: git stores a link as its target's name, so the hooks and the
 * readers would otherwise see the name instead of the notes.
 */
function followSessionLink(root: string, config: Config): Config {
  const link = join(root, config.sessionFile);
  try {
    if (!lstatSync(link).isSymbolicLink()) return config;
    const target = relative(realpathSync(root), realpathSync(link));
    if (target === '' || target.startsWith('..') || isAbsolute(target) || target.split(sep)[0] === '.git') return config;
    return { ...config, sessionFile: target.split(sep).join('/') };
  } catch {
    return config;
  }
}
