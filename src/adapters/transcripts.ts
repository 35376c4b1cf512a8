import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ExitCode, GitSessionError } from '../errors.js';

/** Transcripts larger than this are skipped rather than read into memory. */
export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

/** A transcript file found in a folder. */
export interface TranscriptFile {
  path: string;
  /** Modification time, ms since the epoch. */
  mtime: number;
  size: number;
}

/** Claude Code's transcript folder for a project: its path with every non-alphanumeric character as `-`. */
export function claudeProjectDir(home: string, root: string): string {
  return join(home, '.claude', 'projects', root.replace(/[^A-Za-z0-9]/g, '-'));
}

/**
 * The folder to read transcripts from: `--transcripts`, else GIT_SESSION_TRANSCRIPTS,
 * else Claude Code's folder for `root`. A relative folder is taken from `cwd`.
 */
export function transcriptDir(given: string | undefined, cwd: string, root: string, env: NodeJS.ProcessEnv): string {
  const dir = given ?? (env.GIT_SESSION_TRANSCRIPTS || claudeProjectDir(env.HOME ?? '', root));
  return resolve(cwd, dir);
}

/** The `.jsonl` files of `dir`, oldest first; a folder that cannot be read or holds none is a BadInput error. */
export function listTranscripts(dir: string): TranscriptFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new GitSessionError(ExitCode.BadInput, 'has no transcripts (the folder cannot be read).', {
      file: dir,
      fix: 'Run capture after a Claude Code session in this repository, or point --transcripts (or GIT_SESSION_TRANSCRIPTS) at the folder holding the .jsonl files.',
      cause: error,
    });
  }
  const files = names
    .filter((n) => n.endsWith('.jsonl'))
    .flatMap((n) => {
      try {
        const st = statSync(join(dir, n));
        return st.isFile() ? [{ path: join(dir, n), mtime: st.mtimeMs, size: st.size }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.mtime - b.mtime);
  if (files.length === 0) {
    throw new GitSessionError(ExitCode.BadInput, 'holds no .jsonl transcripts.', {
      file: dir,
      fix: 'Run capture after a Claude Code session in this repository, or point --transcripts at the folder holding them.',
    });
  }
  return files;
}

/** Reads transcripts (base name and text); files over {@link MAX_TRANSCRIPT_BYTES} are named in `skipped` instead. */
export function readTranscripts(files: readonly TranscriptFile[]): { texts: { name: string; text: string }[]; skipped: string[] } {
  const texts: { name: string; text: string }[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    if (f.size > MAX_TRANSCRIPT_BYTES) skipped.push(basename(f.path));
    else texts.push({ name: basename(f.path), text: readFileSync(f.path, 'utf8') });
  }
  return { texts, skipped };
}
