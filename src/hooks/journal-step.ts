import { join } from 'node:path';
import { git } from '../adapters/git.js';
import { writeJournalEntry } from '../adapters/journal-file.js';
import { formatDuration, formatLocalTime, journalPath, parseLocalTime, renderEntry, type JournalFile } from '../core/journal/entry.js';
import type { SessionEntry } from '../core/pipeline/session-diff.js';
import { joinReason } from '../core/trailers/index.js';

export interface CommitJournal {
  root: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  template: string;
  now: Date;
  branch: string;
  goal: string | null;
  status: string | null;
  decisions: readonly SessionEntry[];
  deadEnds: readonly SessionEntry[];
  files: readonly JournalFile[];
  /** An amend: replace the entry the amended commit added instead of adding another. */
  amend: boolean;
  /** Every path the commit changes, the journal included (on an amend: since the amended commit's parent). */
  changedPaths: readonly string[];
}

/** `Name <email>` of the commit's author: git exports it to pre-commit; `git var` otherwise. */
export async function commitAuthor(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.GIT_AUTHOR_NAME && env.GIT_AUTHOR_EMAIL) return `${env.GIT_AUTHOR_NAME} <${env.GIT_AUTHOR_EMAIL}>`;
  const ident = await git(['var', 'GIT_AUTHOR_IDENT'], { cwd, env, allowFailure: true });
  return ident.stdout.trim().replace(/\s+\d+\s+[+-]\d{4}$/, '') || 'unknown';
}

/** Appends (or on an amend, replaces) this commit's journal entry; returns its repository-relative path. */
export async function writeCommitJournal(j: CommitJournal): Promise<string> {
  const offset = -j.now.getTimezoneOffset();
  const relative = journalPath(j.template, j.now, offset);
  const author = await commitAuthor(j.cwd, j.env);
  const time = formatLocalTime(j.now, offset);
  writeJournalEntry(
    join(j.root, relative),
    (eol, previousTime) => {
      const previous = previousTime ? parseLocalTime(previousTime) : undefined;
      return renderEntry(
        {
          time,
          kind: 'commit',
          branch: j.branch,
          author,
          ...(j.goal ? { goal: j.goal } : {}),
          decisions: j.decisions.map((d) => joinReason(d.text, d.reason)),
          deadEnds: j.deadEnds.map((d) => joinReason(d.text, d.reason)),
          ...(j.status ? { status: j.status } : {}),
          files: [...j.files],
          ...(previous ? { sincePrevious: formatDuration(j.now.getTime() - previous.getTime()) } : {}),
        },
        eol,
      );
    },
    // Only when the amended commit wrote to this very file: after a week boundary its entry is in last week's file.
    j.amend && j.changedPaths.includes(relative),
    relative,
  );
  return relative;
}
