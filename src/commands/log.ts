import { lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { journalAtHead } from '../adapters/head-record.js';
import { commitRecordBatches, openHistory, tryReadJournal } from '../adapters/history.js';
import { readSessionItems, withItems } from '../adapters/session-history.js';
import { shallowBoundaries } from '../adapters/shallow-boundaries.js';
import { journalOwners } from '../core/report/journal-owners.js';
import { gitFilters } from '../core/report/log-format.js';
import type { LogFilters } from '../core/report/log.js';
import { logWriter } from '../core/report/log-writer.js';
import { primed } from '../core/text/output-stream.js';

export interface LogArgs {
  since?: string;
  until?: string;
  author?: string;
  grep?: string;
  /** At most this many commits, like `git log -n`. */
  maxCount?: number;
  paths: string[];
  /** Those of `paths` given before `--`: as git log, each must name something in the work tree, unless it is a pattern. */
  unchecked?: string[];
  format: 'md' | 'json';
}

/**
 * A word before `--` that names nothing in the work tree is refused, as git log refuses
 * it: a misspelt path or a revision (`HEAD~3..HEAD`) would otherwise match no commit
 * and say so as if that were the answer. Patterns (`*.ts`, `:(exclude)x`) are not checked.
 */
function checkPaths(words: readonly string[], cwd: string): void {
  for (const word of words) {
    if (word.startsWith(':') || /[*?[\\]/.test(word)) continue;
    try {
      lstatSync(resolve(cwd, word));
    } catch {
      throw new GitSessionError(ExitCode.Usage, `"${word}" is not a path in the work tree.`, {
        fix: `log takes paths, not revisions (a range of commits: git session review <range>). A path that is no longer in the work tree goes after --: git session log -- ${word}`,
      });
    }
  }
}

const LABEL = 'the history of HEAD';

/**
 * The work entries of a period: commits with their decisions, dead ends and journal
 * entries, streamed: the output of a long history is written as it is made.
 */
export async function log(args: LogArgs, ctx: CommandContext): Promise<CommandResult> {
  const h = await openHistory(ctx.cwd, ctx.env);
  checkPaths(args.unchecked ?? [], ctx.cwd);
  const filters = [...gitFilters(args), ...(args.maxCount !== undefined ? [`--max-count=${args.maxCount}`] : [])];
  const shown: LogFilters = {
    since: args.since ?? null,
    until: args.until ?? null,
    author: args.author ?? null,
    grep: args.grep ?? null,
    paths: args.paths,
  };
  const out = logWriter(shown, args.format, shallowBoundaries(h.shallowFile));
  // Before a commit can be written, what each item became (judged on all of HEAD)
  // and the journal entries each commit's own diff added must be known: both are kept
  // for HEAD under the git dir, and read (or brought up to date) together.
  const [record, journal] = await Promise.all([
    readSessionItems(h, { label: LABEL }),
    journalAtHead(h, (revArgs) => tryReadJournal(h.config.journal.path, { revArgs }, h.opts)),
  ]);
  // Then the commits, written as git lists them; a commit shows the entries its own
  // diff added (see journalOwners for the two that move), whatever filter is given.
  // The journal is an extra: when git cannot read it, the commits still stand.
  const journalOf = journal && journalOwners(journal);
  async function* chunks(): AsyncGenerator<string> {
    for await (const batch of commitRecordBatches(h.keys, { revArgs: ['HEAD'], filters, paths: args.paths, label: LABEL }, h.opts)) {
      for (const commit of withItems(batch, record)) out.add(commit, journalOf?.(commit.hash));
      yield out.take();
    }
    yield out.finish();
  }
  return { stream: { chunks: await primed(chunks()), json: args.format === 'json' } };
}
