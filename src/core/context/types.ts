/** Where an item of the context came from. */
export type ContextSource = 'session' | 'commit';

/** A decision or dead end, newest first in the lists that hold them. */
export interface ContextItem {
  text: string;
  reason: string | null;
  source: ContextSource;
  /** Abbreviated commit hash, for items read from trailers. */
  commit?: string;
}

/** How far SESSION.md lags behind the code. */
export interface ContextStaleness {
  stale: boolean;
  /** Last commit that changed the session file; null when it was never committed. */
  sessionCommit: string | null;
  /** Commits since `sessionCommit` that changed files other than the session file and the journal. */
  commitsSince: number;
  /** Files those commits changed (session file and journal left out). */
  filesSince: string[];
  /** Files with uncommitted changes, the session file and the journal left out. */
  uncommitted: string[];
  /** The session file has uncommitted edits. */
  sessionEdited: boolean;
}

/**
 * What `git session context --format json` prints (`version` 1). Lists are complete
 * in JSON; only the markdown is truncated.
 */
export interface ContextData {
  version: 1;
  sessionFile: string;
  /** Whether the session file exists in the work tree. */
  sessionExists: boolean;
  branch: string | null;
  goal: string | null;
  status: string | null;
  nextSteps: string[];
  decisions: ContextItem[];
  deadEnds: ContextItem[];
  keyFiles: { path: string; why: string | null }[];
  staleness: ContextStaleness;
  /**
   * Inputs that could not be read (a SESSION.md over the size limit, bad front matter,
   * a bad .gitsession), each as the error message with its fix. Set only by the
   * assistant hooks and the MCP server, which go on without them; absent or empty otherwise.
   */
  problems?: string[];
  /** False when this clone runs no git-session hook: its commits get no trailers or journal entries. */
  hooksInstalled?: boolean;
  /** False when this clone lacks the merge drivers or the private filter its `.gitattributes` names (`git session setup` writes them). */
  cloneConfigured?: boolean;
  /** Commits scanned for trailers, and what range they came from. */
  history: { range: string; commits: number };
}
