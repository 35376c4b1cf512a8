import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext, CommandResult } from '../cli/context.js';
import { loadConfig } from '../adapters/config.js';
import { readTextFile } from '../adapters/fs.js';
import { git } from '../adapters/git.js';
import { writeJournalEntry } from '../adapters/journal-file.js';
import { findRepo } from '../adapters/repo.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { formatDuration, formatLocalTime, journalPath, parseLocalTime, renderEntry, type JournalEntry, type JournalFile } from '../core/journal/entry.js';
import { parseNumstat } from '../core/pipeline/numstat.js';
import { journalMatcher } from '../core/pipeline/paths.js';
import { getGoal, getStatus } from '../core/session/index.js';
import { parseSession } from '../core/session/index.js';

/** Untracked files are counted line by line up to this many; larger sets are listed by name only. */
const MAX_UNTRACKED = 100;

async function out(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const r = await git(args, { cwd, env, allowFailure: true });
  return r.code === 0 ? r.stdout : '';
}

function untrackedFile(root: string, path: string, count: boolean): JournalFile {
  if (!count) return { path, added: null, removed: null };
  try {
    if (statSync(join(root, path)).size > 1024 * 1024) return { path, added: null, removed: null };
    const bytes = readFileSync(join(root, path));
    if (bytes.includes(0)) return { path, added: null, removed: null };
    const text = bytes.toString('utf8');
    const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    return { path, added: lines, removed: 0 };
  } catch {
    return { path, added: null, removed: null };
  }
}

/** The author as git would record it: `Name <email>` (environment and config both count). */
async function author(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  const ident = (await out(['var', 'GIT_AUTHOR_IDENT'], root, env)).trim();
  return ident.replace(/\s+\d+\s+[+-]\d{4}$/, '') || 'unknown';
}

/**
 * `git session checkpoint`: appends a checkpoint entry (time, branch, author, goal,
 * status, uncommitted files) to this week's journal without committing. The next
 * commit carries it. Only the journal's tail is read.
 */
export async function checkpoint(_args: object, ctx: CommandContext): Promise<CommandResult> {
  const repo = await findRepo(ctx.cwd, ctx.env);
  const { root } = repo;
  const config = loadConfig(root);
  if (!config.journal.enabled) {
    throw new GitSessionError(ExitCode.BadInput, 'journal.enabled is false, so there is no journal to write a checkpoint to.', {
      file: '.gitsession',
      fix: 'Set journal.enabled = true in .gitsession (git config -f .gitsession journal.enabled true).',
    });
  }
  const env = ctx.env;
  const offset = -ctx.now.getTimezoneOffset();
  const relPath = journalPath(config.journal.path, ctx.now, offset);
  const isJournal = journalMatcher(config.journal.path);

  let goal: string | undefined;
  let status: string | undefined;
  try {
    const doc = parseSession(readTextFile(join(root, config.sessionFile), config.sessionFile), config.sessionFile);
    goal = getGoal(doc) ?? undefined;
    status = getStatus(doc) ?? undefined;
  } catch (error) {
    if (!(error instanceof GitSessionError)) throw error;
  }

  const hasHead = (await out(['rev-parse', '-q', '--verify', 'HEAD'], root, env)).trim() !== '';
  const [branchOut, numstat, untracked, who] = await Promise.all([
    out(['symbolic-ref', '--short', '-q', 'HEAD'], root, env),
    out(hasHead ? ['diff', 'HEAD', '--numstat', '-z'] : ['diff', '--cached', '--numstat', '-z'], root, env),
    out(['ls-files', '--others', '--exclude-standard', '-z'], root, env),
    author(root, env),
  ]);
  const untrackedPaths = untracked.split('\0').filter((p) => p !== '');
  const files = [
    ...parseNumstat(numstat),
    ...untrackedPaths.map((p) => untrackedFile(root, p, untrackedPaths.length <= MAX_UNTRACKED)),
  ].filter((f) => !isJournal(f.path));

  const entry: JournalEntry = {
    time: formatLocalTime(ctx.now, offset),
    kind: 'checkpoint',
    branch: branchOut.trim() || '(detached HEAD)',
    author: who,
    goal,
    decisions: [],
    deadEnds: [],
    status,
    files,
  };
  let written = '';
  writeJournalEntry(
    join(root, relPath),
    (eol, previousTime) => {
      const previous = previousTime ? parseLocalTime(previousTime) : undefined;
      const sincePrevious = previous ? formatDuration(ctx.now.getTime() - previous.getTime()) : undefined;
      written = renderEntry({ ...entry, sincePrevious }, eol);
      return written;
    },
    false,
    relPath,
  );
  return { stdout: `Checkpoint written to ${relPath} (it goes in with your next commit):\n\n${written.replace(/\r\n/g, '\n').trimEnd()}\n` };
}
