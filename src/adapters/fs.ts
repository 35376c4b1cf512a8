import { closeSync, fsyncSync, lstatSync, openSync, readFileSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { shownPath } from '../core/text/shown-path.js';
import { ExitCode, GitSessionError } from '../errors.js';

/** Files larger than this are refused: SESSION.md is read into every assistant session. */
export const MAX_SESSION_BYTES = 1024 * 1024;

function writeError(path: string, error: unknown): GitSessionError {
  const code = (error as NodeJS.ErrnoException).code;
  const problem =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'is read-only (permission denied)'
      : code === 'ENOSPC' || code === 'EDQUOT'
        ? 'could not be written: the disk is full'
        : code === 'ENOTDIR'
          ? 'could not be written: a part of its path is a file, not a folder'
          : code === 'ENOENT'
            ? 'could not be written: its folder does not exist'
            : `could not be written (${code ?? String(error)})`;
  const fix =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'Free some disk space and run the command again; the file was left as it was.'
      : code === 'ENOTDIR'
        ? 'A part of its path is a file, not a folder: rename or remove that file (or point the setting at another path) and run the command again; nothing was written.'
        : code === 'ENOENT'
          ? 'Its folder does not exist: create it (mkdir -p) and run the command again; nothing was written.'
          : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? 'Make the file and its folder writable (chmod u+w) and run the command again; the file was left as it was.'
            : 'Check the path and run the command again; the file was left as it was.';
  return new GitSessionError(ExitCode.WriteFailed, problem + '.', { file: path, fix, cause: error });
}

/** Whether `path` is in the work tree at `root`, outside its .git. */
function inWorkTree(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '.git';
}

/**
 * The error for `path` when it is a symlink to nothing there, naming it `display` and
 * its target; undefined for anything else. Followed, such a link reads as no file at
 * all, and a message that says so sends the person to a fix that cannot work.
 */
export function danglingLinkError(path: string, display: string, fix: string): GitSessionError | undefined {
  let target: string;
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    target = readlinkSync(path);
  } catch {
    return undefined;
  }
  return new GitSessionError(ExitCode.BadInput, `is a symlink to ${shownPath(target)}, which does not exist.`, { file: display, fix });
}

/**
 * Where a write to `path` lands once symlinks are followed, in the path's folders too:
 * the real path of the file, or, for a file not there yet, of its nearest folder that is.
 */
function realTarget(path: string, display = path): string {
  try {
    return realpathSync(path);
  } catch {
    // A dangling link is not followed: the file would appear somewhere unexpected.
    const dangling = danglingLinkError(path, display, 'Create the file it points to, or remove the link, and run the command again.');
    if (dangling) throw dangling;
    // Folders not made yet land in the nearest one that is there, wherever its links lead.
    const rest = [basename(path)];
    for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
      try {
        return join(realpathSync(dir), ...rest);
      } catch {
        if (dirname(dir) === dir) return resolve(path);
        rest.unshift(basename(dir));
      }
    }
  }
}

/**
 * Where a write to `link` lands, refusing a path in the work tree at `root` whose link
 * (or linked folder) leads outside it or into its .git. Hooks in .git are meant to be
 * there: only a link changes where a write meant for the work tree lands.
 */
export function assertStaysInWorkTree(link: string, root: string): string {
  const name = relative(resolve(root), resolve(link));
  const inside = inWorkTree(resolve(root), resolve(link));
  // A file in the work tree is named as every other message names it: from its root.
  const path = realTarget(link, inside ? name : link);
  if (!inside) return path;
  let top = resolve(root);
  try {
    top = realpathSync(root);
  } catch {
    // Compare with the root as given.
  }
  if (!inWorkTree(top, path)) {
    throw new GitSessionError(ExitCode.BadInput, `leads to ${path} through a symlink, outside the repository's work tree: git-session writes only inside it.`, {
      file: name,
      fix: 'Replace the link with the file or folder itself (or point session.file or journal.path in .gitsession inside the repository), then run the command again.',
    });
  }
  return path;
}

/** Whether `path` (its links followed) is there and is neither a file nor a folder. */
function isSpecial(path: string): boolean {
  try {
    const st = statSync(path);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes `data` to `path` atomically: a temp file in the same folder, fsync, rename.
 * A crash or a full disk leaves either the old file or the new one, never half of one.
 * The existing file's mode is kept. A symlink is written through: renaming over the
 * link itself would replace it with a copy, and the file it pointed to would go stale.
 * With `root`, a path in that work tree whose link (or linked folder) leads outside
 * it, or into its .git, is refused: a cloned repository must not be able to point our
 * writes at someone's shell profile or global settings.
 */
export function writeFileAtomic(link: string, data: string | Uint8Array, root?: string): void {
  // An output the person named that is a device or a pipe (--out /dev/null, /dev/stdout,
  // a shell's >(...)) is written to, never replaced: a rename over /dev/null would turn
  // it into a file for every program on the machine.
  if (root === undefined && isSpecial(link)) {
    try {
      writeFileSync(link, data);
    } catch (error) {
      throw writeError(link, error);
    }
    return;
  }
  const path = root === undefined ? realTarget(link) : assertStaysInWorkTree(link, root);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  if (mode !== undefined && (mode & 0o200) === 0) {
    throw writeError(path, Object.assign(new Error('read-only'), { code: 'EACCES' }));
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode ?? 0o666);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw writeError(path, error);
  }
}

/**
 * Reads a markdown file a person keeps (SESSION.md and the like), refusing what we
 * must not edit: missing, unreadable, binary, over 1 MB, or not UTF-8.
 * `display` is the name used in messages (a repo-relative path).
 */
export function readTextFile(path: string, display = path): string {
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      throw new GitSessionError(ExitCode.BadInput, 'is a directory, not a file.', {
        file: display,
        fix: 'Move the directory away or point session.file in .gitsession at a file.',
      });
    }
    // Refused before it is read: a file of several MB need not be read to be refused.
    if (st.size > MAX_SESSION_BYTES) throw tooLarge(st.size, display);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof GitSessionError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    // `init` refuses to write through a link to nothing, so it is no fix for one.
    const dangling = code === 'ENOENT' && danglingLinkError(path, display, `Create the file it points to, or remove the link (rm ${shownPath(display)}) and run \`git session init\` to make a new one.`);
    if (dangling) throw dangling;
    if (code === 'ENOENT') {
      throw new GitSessionError(ExitCode.BadInput, 'does not exist.', {
        file: display,
        fix: 'Run `git session init` to create it.',
        cause: error,
      });
    }
    if (code === 'ELOOP') {
      throw new GitSessionError(ExitCode.BadInput, 'is a symlink that leads back to itself.', {
        file: display,
        fix: 'Replace the link with the file itself (or point it at a file), then run the command again.',
        cause: error,
      });
    }
    throw new GitSessionError(ExitCode.BadInput, `could not be read (${code ?? String(error)}).`, {
      file: display,
      fix: 'Check the file permissions (chmod u+r) and try again.',
      cause: error,
    });
  }
  return decodeText(bytes, display);
}

function tooLarge(size: number, display: string): GitSessionError {
  return new GitSessionError(ExitCode.BadInput, `is ${size} bytes, over the 1 MB limit.`, {
    file: display,
    fix: 'Move old entries to an archive file (for example SESSION-archive.md) and keep SESSION.md short.',
  });
}

/**
 * The text of a session file's bytes, from the work tree or from a commit, refusing
 * what is not a markdown file a person keeps: over 1 MB, binary (a NUL byte), or not
 * UTF-8. The one judge of both, so a version a command refuses in the work tree is
 * refused at a commit too. The fixes speak of the work tree; a reader of history says its own.
 */
export function decodeText(bytes: Uint8Array, display: string): string {
  if (bytes.length > MAX_SESSION_BYTES) throw tooLarge(bytes.length, display);
  if (bytes.includes(0)) {
    throw new GitSessionError(ExitCode.BadInput, 'looks binary (it contains NUL bytes).', {
      file: display,
      fix: 'Restore the markdown file from git (`git checkout -- <file>`) or delete it and run `git session init`.',
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new GitSessionError(ExitCode.BadInput, 'is not valid UTF-8.', {
      file: display,
      fix: 'Convert it to UTF-8 (for example `iconv -f latin1 -t utf-8`) and try again.',
      cause: error,
    });
  }
}

/**
 * Removes a file if it is there. Unlike rmSync, which loads node's recursive-removal
 * code on first use, it costs a commit hook nothing but the unlink.
 */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Whether `path` is a folder (through links); false where it is not there or cannot be read. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
