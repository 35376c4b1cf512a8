import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type Config } from '../core/config.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { danglingLinkError } from './fs.js';

/**
 * Loads `.gitsession` from the repository root; the defaults when there is none. One
 * that is there but cannot be read is an error: falling back to the defaults would
 * quietly turn a strict repository into a reminding one.
 */
export function loadConfig(root: string): Config {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, CONFIG_FILE));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A link to nothing is there too: the hooks skip such a repository, so say it.
      const fix = `Create the file it points to, or replace the link with the settings file itself (rm ${CONFIG_FILE}, then \`git session init\` writes the defaults).`;
      const dangling = danglingLinkError(join(root, CONFIG_FILE), CONFIG_FILE, fix);
      if (dangling) throw dangling;
      return followSessionLink(root, structuredClone(DEFAULT_CONFIG) as Config);
    }
    const problem = code === 'EISDIR' ? 'is a folder, not a settings file' : `could not be read (${code ?? String(error)})`;
    throw new GitSessionError(ExitCode.BadInput, `${problem}.`, {
      file: CONFIG_FILE,
      fix: `Make it a readable file in git-config syntax (chmod u+r ${CONFIG_FILE}), or remove it to use the defaults.`,
      cause: error,
    });
  }
  return followSessionLink(root, parseConfig(settingsText(bytes), CONFIG_FILE));
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

/**
 * The settings file's text, refusing bytes git-config syntax cannot hold as we read it:
 * read as UTF-8 regardless, a Latin-1 value turned into replacement characters and a
 * NUL ended up in a key or a path, and neither was named. A leading BOM is dropped.
 */
function settingsText(bytes: Buffer): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new GitSessionError(ExitCode.BadInput, `line ${lineAt(bytes, nul)}: holds a NUL byte, so this is not a text file.`, {
      file: CONFIG_FILE,
      fix: `Restore it from git (git checkout -- ${CONFIG_FILE}) or take the NUL out, or remove the file to use the defaults.`,
    });
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(bytes);
  } catch (error) {
    // 0x0a is never part of a UTF-8 sequence: the first line that fails alone is the one.
    let start = 0;
    for (let end = bytes.indexOf(0x0a); end !== -1 && isUtf8(utf8, bytes.subarray(start, end)); end = bytes.indexOf(0x0a, start)) start = end + 1;
    throw new GitSessionError(ExitCode.BadInput, `line ${lineAt(bytes, start)}: is not UTF-8 text (Latin-1, perhaps).`, {
      file: CONFIG_FILE,
      fix: `Save it as UTF-8 (for example: iconv -f latin1 -t utf-8 ${CONFIG_FILE} > ${CONFIG_FILE}.utf8 && mv ${CONFIG_FILE}.utf8 ${CONFIG_FILE}), or remove it to use the defaults.`,
      cause: error,
    });
  }
}

function isUtf8(decoder: TextDecoder, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The 1-based line of the byte at `index`. */
function lineAt(bytes: Buffer, index: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < index; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}
