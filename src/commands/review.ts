import type { CommandContext, CommandResult } from '../context.js';
import { readBaseRefs, readBlob, readCommits, openHistory, requireCommits } from '../adapters/history.js';
import { readJudgedItems, reasonedItem, withItems } from '../adapters/session-history.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { shallowBoundaries } from '../adapters/shallow-boundaries.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';
import { buildReview, renderReviewJson, renderReviewMarkdown, type RetiredItem } from '../core/report/review.js';
import { retiredWithin } from '../core/history/status.js';
import { activeOnly } from '../core/report/commits.js';
import { sessionView, type SessionView } from '../core/report/session-view.js';
import { parseRange, pickBase, type Range } from '../core/report/targets.js';

export interface ReviewArgs {
  range?: string;
  format: 'md' | 'json';
  /** Only what is still in force (what an assistant is given). */
  activeOnly?: boolean;
}

async function defaultRange(opts: Parameters<typeof readBaseRefs>[0]): Promise<Range> {
  const refs = await readBaseRefs(opts);
  const base = pickBase(refs);
  const current = refs.find((r) => r.current && !r.remote)?.name;
  if (!base && (current === 'main' || current === 'master')) {
    // Say what was compared: the default branch itself, which has nothing to be compared with.
    throw new GitSessionError(ExitCode.Usage, `HEAD is on ${current}, the default branch itself, and ${current} has no upstream: there is no other branch to compare it with.`, {
      fix: 'Pass a range, for example `git session review HEAD~5..HEAD` for the last five commits, or run it on a feature branch.',
    });
  }
  if (!base) {
    // With no commit yet there is nothing to compare, whatever range would be typed.
    await requireCommits(opts);
    throw new GitSessionError(ExitCode.Usage, 'there is no default branch or upstream to compare this branch with.', {
      fix: 'Pass a range, for example `git session review main..HEAD`, or set an upstream with `git branch -u`.',
    });
  }
  return { label: `${base}..HEAD`, revArgs: [`${base}..HEAD`], head: 'HEAD' };
}

// A SESSION.md that cannot be read at the range's end (binary, committed mid-conflict, bad
// front matter) must not block the review of the code.
async function viewOrNull(rev: string, file: string, opts: Parameters<typeof readBlob>[2]): Promise<SessionView | null> {
  try {
    const text = await readBlob(rev, file, opts, `${file} at ${rev}`);
    return text === undefined ? null : await sessionView(text, `${file} at ${rev}`);
  } catch (error) {
    if (error instanceof GitSessionError) return null;
    throw error;
  }
}

/** A pull-request description for a range: goal, decisions, dead ends, what it retired, status, files, commits. */
export async function review(args: ReviewArgs, ctx: CommandContext): Promise<CommandResult> {
  const h = await openHistory(ctx.cwd, ctx.env);
  const range = args.range === undefined ? await defaultRange(h.opts) : parseRange(args.range);
  const [commits, record, view] = await Promise.all([
    readCommits(h.keys, { revArgs: range.revArgs, numstat: true, label: `range ${range.label}` }, h.opts),
    readJudgedItems(h, range),
    viewOrNull(range.head, h.config.sessionFile, h.opts),
  ]);
  const listed = new Set(commits.map((c) => c.hash));
  const retired = retiredWithin(record.items, listed).map((i): RetiredItem => ({ kind: i.kind, ...reasonedItem(i), commit: i.commit, short: i.short }));
  // The goal and status are the range's only where one of its commits wrote them: a
  // branch that never touched the session file would show the base branch's as its own.
  const file = normalisePath(h.config.sessionFile);
  const wrote = commits.some((c) => c.files.some((f) => f.path === file || f.oldPath === file));
  // A revert in the range that puts back what a revert before it took out shows it, with the commit that recorded it.
  const built = buildReview(range.label, withItems(commits, record, true), wrote ? view : null, journalMatcher(h.config.journal.path), retired, [...shallowBoundaries(h.shallowFile)].sort());
  // What is no longer in force is not handed on: the earlier work retired goes too.
  const model = args.activeOnly ? { ...built, decisions: activeOnly(built.decisions), deadEnds: activeOnly(built.deadEnds), retired: [] } : built;
  return { stdout: args.format === 'json' ? renderReviewJson(model) : renderReviewMarkdown(model) };
}
