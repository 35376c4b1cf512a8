import { assertStaysInWorkTree } from '../adapters/fs.js';
import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { loadConfig } from '../adapters/config.js';
import { redactedNames } from '../core/journal/redacted-names.js';
import { authorIdent, currentBranch, DETACHED, gitOut, hasHead } from '../adapters/git-facts.js';
import { writeJournalEntry } from '../adapters/journal-file.js';
import { findRepo } from '../adapters/repo.js';
import { readSessionFile, type SessionFile } from '../adapters/session-file.js';
import { countLines } from '../adapters/work-tree.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { formatLocalTime, journalPath, renderEntry, sincePrevious, type JournalEntry, type JournalFile } from '../core/journal/entry.js';
import { parseNumstat } from '../core/pipeline/numstat.js';
import { journalMatcher } from '../core/pipeline/paths.js';
import { summarizeSession } from '../core/pipeline/session-summary.js';

/** Untracked files are counted line by line up to this many; larger sets are listed by name only. */
const MAX_UNTRACKED = 100;

/** A checkpoint as written: the journal file (from the repository root) and the entry's text. */
export interface WrittenCheckpoint {
  path: string;
  entry: string;
}

/** Goal and status as the commit pipeline puts them in the journal: public parts, secrets redacted. */
async function publicState(file: SessionFile): Promise<{ goal?: string; status?: string }> {
  try {
    const summary = await summarizeSession(readSessionFile(file), file.display);
    return { goal: summary.goal ?? undefined, status: summary.status ?? undefined };
  } catch (error) {
    // A missing or unreadable session file costs the checkpoint its goal and status, nothing more.
    if (error instanceof GitSessionError) return {};
    throw error;
  }
}

/**
 * Appends a checkpoint entry (time, branch, author, goal, status, uncommitted files)
 * to this week's journal without committing. Only the journal's tail is read.
 */
export async function writeCheckpoint(ctx: CommandContext, kind: 'checkpoint' | 'close' = 'checkpoint'): Promise<WrittenCheckpoint> {
  const repo = await findRepo(ctx.cwd, ctx.env);
  const { root } = repo;
  const config = loadConfig(root);
  if (!config.journal.enabled) {
    throw new GitSessionError(ExitCode.BadInput, 'journal.enabled is false, so there is no journal to write a checkpoint to.', {
      file: '.gitsession',
      fix: 'Set journal.enabled = true in .gitsession (git config -f .gitsession journal.enabled true).',
    });
  }
  const opts = { cwd: root, env: ctx.env };
  const offset = -ctx.now.getTimezoneOffset();
  const relPath = journalPath(config.journal.path, ctx.now, offset);
  const isJournal = journalMatcher(config.journal.path);

  const head = await hasHead(opts);
  const [state, branch, numstat, untracked, who] = await Promise.all([
    publicState({ repo, path: join(root, config.sessionFile), display: config.sessionFile }),
    currentBranch(opts),
    gitOut(head ? ['diff', 'HEAD', '--numstat', '-z'] : ['diff', '--cached', '--numstat', '-z'], opts),
    gitOut(['ls-files', '--others', '--exclude-standard', '-z'], opts),
    authorIdent(opts),
  ]);
  const untrackedPaths = untracked.split('\0').filter((p) => p !== '');
  const count = untrackedPaths.length <= MAX_UNTRACKED;
  const untrackedFiles = untrackedPaths.map((path): JournalFile => {
    const lines = count ? countLines(join(root, path)) : null;
    return { path, added: lines, removed: lines === null ? null : 0 };
  });
  // Names as a commit's entry shows them: a token in a branch, an author or a file name is redacted.
  const shown = await redactedNames(branch ?? DETACHED, who ?? 'unknown', [...parseNumstat(numstat), ...untrackedFiles].filter((f) => !isJournal(f.path)));

  const entry: JournalEntry = {
    time: formatLocalTime(ctx.now, offset),
    kind,
    branch: shown.branch,
    author: shown.author,
    ...state,
    decisions: [],
    deadEnds: [],
    files: shown.files,
  };
  let written = '';
  // The journal is appended in place: a linked folder must not carry it out of the repository.
  assertStaysInWorkTree(join(root, relPath), root);
  writeJournalEntry(
    join(root, relPath),
    (eol, previousTime) => {
      const since = sincePrevious(entry.time, previousTime);
      written = renderEntry({ ...entry, ...(since ? { sincePrevious: since } : {}) }, eol);
      return written;
    },
    undefined,
    relPath,
  );
  return { path: relPath, entry: written.replace(/\r\n/g, '\n').trimEnd() };
}

/**
 * `git session checkpoint`: writes a checkpoint entry to this week's journal; the
 * next commit carries it.
 */
export async function checkpoint(_args: object, ctx: CommandContext): Promise<CommandResult> {
  const { path, entry } = await writeCheckpoint(ctx);
  return { stdout: `Checkpoint written to ${path} (it goes in with your next commit):\n\n${entry}\n` };
}
