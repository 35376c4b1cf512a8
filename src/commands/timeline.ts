import { basename, join, resolve } from 'node:path';
import template from 'timeline-page:template';
import type { CommandContext, CommandResult } from '../context.js';
import { openHistory, readCommits, readJournal } from '../adapters/history.js';
import { readJudgedItems } from '../adapters/session-history.js';
import { openFile } from '../adapters/open-file.js';
import { writePage } from '../adapters/page-file.js';
import { findRepo } from '../adapters/repo.js';
import { shallowBoundaries } from '../adapters/shallow-boundaries.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { currentBranch, readSessionBlobs } from '../adapters/timeline-git.js';
import { journalMatcher, normalisePath } from '../core/pipeline/paths.js';
import { ownedJournal } from '../core/report/journal-owners.js';
import { gitFilters } from '../core/report/log-format.js';
import { buildTimeline } from '../core/timeline/build.js';
import { renderTimelineHtml } from '../core/timeline/html.js';
import { timelineRange } from '../core/timeline/range.js';
import { redactHistory } from '../core/timeline/redact-input.js';
import { sessionVersions } from '../core/timeline/session-versions.js';
import { itemKey } from '../core/history/status.js';

export interface TimelineArgs {
  range?: string;
  since?: string;
  until?: string;
  out?: string;
  open: boolean;
}

/**
 * One self-contained HTML page of the journal entries and commits of a range, with
 * SESSION.md (its public text) at every commit. Read, build the data (pure), render.
 */
export async function timeline(args: TimelineArgs, ctx: CommandContext): Promise<CommandResult> {
  if (args.out === undefined && !args.open && ctx.stdoutIsTTY) {
    throw new GitSessionError(ExitCode.Usage, 'timeline writes a whole HTML page, which a terminal cannot show.', {
      fix: 'Pass --out timeline.html (or --open), or redirect the output: git session timeline > timeline.html',
    });
  }
  const h = await openHistory(ctx.cwd, ctx.env);
  const range = timelineRange(args.range);
  const filters = gitFilters({ since: args.since, until: args.until });
  const label = `range ${range.label}`;
  const [commits, walked, branch, items] = await Promise.all([
    // Topological order: the branch of a commit is read from its descendants.
    readCommits(h.keys, { revArgs: range.revArgs, filters: [...filters, '--topo-order'], numstat: true, label }, h.opts),
    readJournal(h.config.journal.path, { revArgs: range.revArgs, filters }, h.opts),
    currentBranch(h.opts),
    // Judged on the whole history of the range's end, as review judges it: with a range
    // or --since, a decision recorded before the first commit shown is still what it became.
    readJudgedItems(h, range),
  ]);
  // The newest instance of each item (items come oldest first).
  const standing = new Map(items.items.map((i) => [itemKey(i.kind, i.text), i]));
  const shallow = shallowBoundaries(h.shallowFile);
  const journal = ownedJournal(walked, commits, shallow);
  const file = normalisePath(h.config.sessionFile);
  // Oldest first, each commit's first parent too: what the oldest commit changed the file from.
  const asked = [...new Set([...commits].reverse().flatMap((c) => [...c.parents.slice(0, 1), c.hash]))];
  const blobs = await readSessionBlobs(asked, file, h.opts);
  const [versions, redacted] = await Promise.all([sessionVersions(blobs.texts, file), redactHistory(commits, journal)]);
  const sessionAt = new Map([...blobs.blobAt].map(([commit, blob]) => [commit, versions.versionOf.get(blob)!]));
  const data = buildTimeline({
    repo: basename(h.root),
    range: range.label + (filters.length > 0 ? ` ${filters.join(' ')}` : ''),
    sessionFile: file,
    commits: redacted.commits,
    journal: redacted.journal,
    recorded: items.byCommit,
    standing,
    shallow,
    sessionAt,
    lines: versions.lines,
    versions: versions.versions,
    isJournal: journalMatcher(h.config.journal.path),
    fallbackBranch: range.head === 'HEAD' ? (branch ?? 'HEAD') : range.head,
  });
  const html = renderTimelineHtml(template, data);
  if (args.out === undefined && !args.open) return { stdout: html };

  const out = args.out === undefined ? join((await findRepo(ctx.cwd, ctx.env)).gitDir, 'git-session', 'timeline.html') : resolve(ctx.cwd, args.out);
  writePage(out, html);
  const entries = [...journal.values()].reduce((n, list) => n + list.length, 0);
  const summary = `Wrote ${out}: ${commits.length} commit${commits.length === 1 ? '' : 's'}, ${entries} journal entr${entries === 1 ? 'y' : 'ies'}, ${data.versions.length} version${data.versions.length === 1 ? '' : 's'} of ${file}.\n`;
  if (!args.open) return { stdout: summary };
  const problem = await openFile(out, ctx.env);
  return problem === undefined ? { stdout: summary } : { stdout: summary, stderr: `git-session: ${problem}; open ${out} in a browser yourself.\n` };
}

