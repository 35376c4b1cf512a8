import { join, relative, sep } from 'node:path';
import { primeSummaryCache } from './commit-state.js';
import { recordOwnedEdit } from './owned-edits.js';
import { stateDirOf, statePath } from './state-dir.js';
import { loadConfig } from './config.js';
import { readTextFile, removeFile, writeFileAtomic } from './fs.js';
import { lockPath, withLock } from './lock.js';
import { findRepo, type RepoInfo } from './repo.js';
import { refuseConflicted } from '../core/session/conflict.js';
import type { GitSessionError } from '../errors.js';

/** Where the session file of a repository lives. */
export interface SessionFile {
  repo: RepoInfo;
  /** Absolute path. */
  path: string;
  /** Path relative to the repository root, with `/` separators: the name used in messages and git commands. */
  display: string;
}

/** Finds the session file for `cwd` (any folder of the work tree): `session.file` from `.gitsession`, else SESSION.md. */
export async function locateSessionFile(cwd: string, env?: NodeJS.ProcessEnv): Promise<SessionFile> {
  const repo = await findRepo(cwd, env);
  const configured = loadConfig(repo.root).sessionFile;
  const path = join(repo.root, configured);
  const display = relative(repo.root, path).split(sep).join('/');
  return { repo, path, display };
}

/** Reads the session file; missing, binary, oversized or non-UTF-8 files are BadInput errors naming it. */
export function readSessionFile(file: SessionFile): string {
  return readTextFile(file.path, file.display);
}

/** Writes the session file atomically, keeping its mode; a read-only file is a WriteFailed error. */
export function writeSessionFile(file: SessionFile, text: string): void {
  try {
    writeFileAtomic(file.path, text, file.repo.root);
  } catch (error) {
    // Name the file as every other message does: relative to the repository root.
    if (error instanceof Error && error.name === 'GitSessionError' && (error as GitSessionError).file === file.path) {
      throw (error as GitSessionError).retold({ file: file.display });
    }
    throw error;
  }
}

/**
 * The lock every writer of the session file takes (record commands, MCP tools, the
 * commit prompt): `<git dir>/git-session/session.lock`, per work tree like the file.
 */
export function sessionLockPath(file: SessionFile): string {
  return lockPath(file.repo.gitDir, 'session');
}

/**
 * Reads, transforms and writes the session file under the session lock, so that
 * writers in other processes take turns and each one edits what the previous one
 * wrote. `check` runs first on the text as read (for example a parse that names the
 * file in its errors). After a write the
 * commit pipeline's parse cache is primed in the background (the process stays up
 * until it is done), so the next commit needs neither the parser nor the scanner.
 */
export function updateSessionFile(file: SessionFile, edit: (source: string) => string, check?: (source: string) => void): string {
  const next = withLock(
    sessionLockPath(file),
    () => {
      const source = readSessionFile(file);
      refuseConflicted(source, file.display);
      check?.(source);
      const edited = edit(source);
      let startedFrom: string | undefined;
      if (edited !== source) {
        writeSessionFile(file, edited);
        // The next commit stages these lines even if only code is added (see owned-edits).
        startedFrom = recordOwnedEdit(stateDirOf(file.repo.gitDir), file.display, source, edited);
        // The commit shortcut planned for the text before is void, under the lock the hook script takes to use it (see staged-shortcut.ts).
        removeFile(statePath(stateDirOf(file.repo.gitDir), 'shortcutStaged'));
      }
      return { source, edited, startedFrom };
    },
    { what: file.display },
  );
  if (next.edited !== next.source) void primeSummaryCache(file.repo.gitDir, next.edited, file.display, next.startedFrom);
  return next.edited;
}
