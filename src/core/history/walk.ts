/**
 * The one `git log` walk behind the readers' record: every commit with its session
 * trailers, its message body (for `This reverts commit <id>.`) and the files its
 * own diff touched, with blob ids (`--raw`), so that the session file's text before
 * and after each commit can be fetched in one `git cat-file --batch`.
 */
import { commitFormat, parseHeader, RECORD_MARK, type TrailerKeys } from '../report/log-format.js';
import type { CommitRecord } from '../report/types.js';

/** A file a commit's own diff touched (against its first parent). */
export interface TouchedFile {
  path: string;
  /** The name before a rename or copy. */
  oldPath?: string;
  status: string;
  oldBlob: string;
  newBlob: string;
}

/** One commit of the walk. */
export interface WalkCommit {
  record: CommitRecord;
  /** The full id a revert message names, or null. */
  reverts: string | null;
  files: TouchedFile[];
}

/** A blob id of all zeros: the file was not there on that side. */
export const NO_BLOB = /^0+$/;

/** The `--format` of the walk: the commit header of every reader, then the body. */
export function walkFormat(keys: TrailerKeys): string {
  return `${commitFormat(keys)}%x1f%b`;
}

/**
 * The diff options of the walk: raw entries (blob ids abbreviated like %h, which
 * cat-file reads as well; --no-abbrev would lengthen %h too), renames found
 * whatever the user's diff.renames says, NUL-separated paths never quoted, and the
 * root commit's diff shown even with log.showRoot=false.
 */
export const WALK_DIFF_OPTIONS = ['--raw', '-M', '-z', '--topo-order', '--root'];

const REVERTS = /This reverts commit ([0-9a-f]{40,64})\b/;

/** Parses the walk's output (newest first, as git lists it). */
export function parseWalk(output: string, keys: TrailerKeys): WalkCommit[] {
  const out: WalkCommit[] = [];
  const tokens = output.split('\0');
  let current: WalkCommit | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token.startsWith(RECORD_MARK)) {
      const record = parseHeader(token, keys);
      const body = token.split('\x1f')[8] ?? '';
      current = { record, reverts: REVERTS.exec(body)?.[1] ?? null, files: [] };
      out.push(current);
      continue;
    }
    if (!current || !token.startsWith(':')) continue;
    // :<old mode> <new mode> <old blob> <new blob> <status>, then one path (two for R and C).
    const [, , oldBlob = '', newBlob = '', status = ''] = token.slice(1).split(' ');
    if (status.startsWith('R') || status.startsWith('C')) {
      const oldPath = tokens[i + 1] ?? '';
      const path = tokens[i + 2] ?? '';
      current.files.push({ path, oldPath, status: status[0]!, oldBlob, newBlob });
      i += 2;
    } else {
      current.files.push({ path: tokens[i + 1] ?? '', status: status[0] ?? 'M', oldBlob, newBlob });
      i += 1;
    }
  }
  return out;
}
