/** A file the assistant edited, as a key-file candidate. */
export interface EditedFile {
  /** Repository-relative path. */
  path: string;
  edits: number;
}

/** An edit that was made and later undone: a dead-end candidate. */
export interface UndoneEdit {
  path: string;
  /** How it was undone: a reverse edit, or the git command that restored the file. */
  how: string;
}

/** A shell command the assistant ran that failed. */
export interface FailedCommand {
  command: string;
  /** First line of the error output. */
  error: string;
}

/**
 * What `git session capture --format json` prints in `draft` (`version` 1): what the
 * transcripts suggest for SESSION.md. Every string has been through secret redaction.
 */
export interface CaptureDraft {
  version: 1;
  /** Transcript files read, newest last (base names only). */
  transcripts: string[];
  /** The first request the person typed: a goal candidate. */
  goal: string | null;
  branch: string | null;
  /** ISO timestamps of the first and last record. */
  startedAt: string | null;
  endedAt: string | null;
  /** `formatDuration` of the span, e.g. `1h 05m`. */
  duration: string | null;
  keyFiles: EditedFile[];
  deadEnds: UndoneEdit[];
  failedCommands: FailedCommand[];
  /** Lines read, and lines skipped because they were not JSON or not understood. */
  records: number;
  skipped: number;
}
