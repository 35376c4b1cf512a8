/**
 * The one `git log` walk behind the readers' record: every commit with its session
 * trailers, its message body (for `This reverts commit <id>.`) and the files its
 * own diff touched, with blob ids (`--raw`), so that the session file's text before
 * and after each commit can be fetched in one `git cat-file --batch`.
 */
import { commitFormat, parseHeader, RECORD_MARK, type TrailerKeys } from '../report/log-format.js';
import type { CommitRecord } from '../report/types.js';

/**
 * A file a commit's own diff touched: against its parent, or for a merge, a file its
 * result has unlike every parent's (git's combined diff, `-c`), such as a conflict
 * resolved by hand.
 */
export interface TouchedFile {
  path: string;
  /** The name before a rename or copy. */
  oldPath?: string;
  status: string;
  /** The parent's blob (a merge's first parent's). */
  oldBlob: string;
  newBlob: string;
  /** A merge's: each parent's blob, in parent order. */
  parentBlobs?: string[];
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

/**
 * The `--format` of the walk: the commit header of every reader, then the body.
 * With `lean`, the header's fields no record needs (parents, author, date, subject)
 * are left empty: a third less text for git to write and for us to read.
 */
export function walkFormat(keys: TrailerKeys, lean = false): string {
  const header = commitFormat(keys);
  return `${lean ? header.replace(/%P|%an|%ae|%aI|%s/g, '') : header}%x1f%b`;
}

/**
 * The diff options of the walk: raw entries (blob ids abbreviated like %h, which
 * cat-file reads as well; --no-abbrev would lengthen %h too), renames found
 * whatever the user's diff.renames says, NUL-separated paths never quoted, and the
 * root commit's diff shown even with log.showRoot=false.
 */
export const WALK_DIFF_OPTIONS = ['--raw', '-M', '-z', '--topo-order', '--root'];

/**
 * For a merge, the files it resolved unlike every parent (git's combined diff): what a
 * merge takes out of the session file while a conflict is resolved is seen nowhere
 * else. Asked only where the walk is limited to the session file and the journal: over
 * the whole tree, git diffs every merge against every parent (a walk of a long-lived
 * branch that merges main in went from 0.3 s to 5.8 s).
 */
export const MERGE_DIFF_OPTION = '-c';

const REVERTS = /This reverts commit ([0-9a-f]{40,64})\b/;

/**
 * Parses the walk's output while it arrives, chunk by chunk, handing each commit to
 * `sink` once its files are all read, so a long history is never one string.
 */
export class WalkStream {
  private buffer = '';
  private current: WalkCommit | undefined;
  /** A raw entry waiting for its path tokens: one, or two for a rename or copy. */
  private entry: { status: string; oldBlob: string; newBlob: string; parentBlobs?: string[]; paths: string[]; wanted: number } | undefined;

  constructor(
    private readonly keys: TrailerKeys,
    private readonly sink: (commit: WalkCommit) => void,
  ) {}

  /** Feeds the next piece of git's output. */
  push(text: string): void {
    const buf = this.buffer === '' ? text : this.buffer + text;
    let pos = 0;
    for (let nul = buf.indexOf('\0'); nul >= 0; nul = buf.indexOf('\0', pos)) {
      this.token(buf.slice(pos, nul));
      pos = nul + 1;
    }
    this.buffer = buf.slice(pos);
  }

  /** Ends the output: hands over the last commit. */
  end(): void {
    if (this.buffer !== '') this.token(this.buffer);
    this.buffer = '';
    if (this.current) this.sink(this.current);
    this.current = undefined;
  }

  private token(raw: string): void {
    const entry = this.entry;
    if (entry) {
      entry.paths.push(raw);
      if (entry.paths.length < entry.wanted) return;
      this.entry = undefined;
      const { status, oldBlob, newBlob, parentBlobs, paths } = entry;
      const blobs = parentBlobs ? { oldBlob, newBlob, parentBlobs } : { oldBlob, newBlob };
      this.current!.files.push(paths.length === 2 ? { path: paths[1]!, oldPath: paths[0]!, status, ...blobs } : { path: paths[0]!, status, ...blobs });
      return;
    }
    const token = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (token.startsWith(RECORD_MARK)) {
      if (this.current) this.sink(this.current);
      const record = parseHeader(token, this.keys);
      const body = token.split('\x1f')[8] ?? '';
      this.current = { record, reverts: REVERTS.exec(body)?.[1] ?? null, files: [] };
      return;
    }
    if (!this.current || !token.startsWith(':')) return;
    // A merge's combined entry: one colon per parent, then each parent's mode and the
    // result's, each parent's blob and the result's, a status letter per parent; one path.
    if (token.startsWith('::')) {
      const parents = token.length - token.replace(/^:+/, '').length;
      const fields = token.slice(parents).split(' ');
      const parentBlobs = fields.slice(parents + 1, 2 * parents + 1);
      const newBlob = fields[2 * parents + 1] ?? '';
      this.entry = { status: 'M', oldBlob: parentBlobs[0] ?? '', newBlob, parentBlobs, paths: [], wanted: 1 };
      return;
    }
    // :<old mode> <new mode> <old blob> <new blob> <status>, then one path (two for R and C).
    const [, , oldBlob = '', newBlob = '', status = ''] = token.slice(1).split(' ');
    const pair = status.startsWith('R') || status.startsWith('C');
    this.entry = { status: pair ? status[0]! : (status[0] ?? 'M'), oldBlob, newBlob, paths: [], wanted: pair ? 2 : 1 };
  }
}

/** Parses the walk's whole output (newest first, as git lists it). */
export function parseWalk(output: string, keys: TrailerKeys): WalkCommit[] {
  const out: WalkCommit[] = [];
  const stream = new WalkStream(keys, (commit) => out.push(commit));
  stream.push(output);
  stream.end();
  return out;
}
