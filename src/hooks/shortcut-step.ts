import type { CommitSetting } from '../adapters/commit-facts.js';
import { BUILD_KEY } from '../adapters/build-key.js';
import { removeShortcut, statePath, writeStateQuietly } from '../adapters/state-dir.js';
import type { CommitFacts, CommitPlan } from '../core/pipeline/commit-plan.js';
import { commitShortcut, type ShortcutInput } from '../core/pipeline/commit-shortcut.js';
import { normalisePath } from '../core/pipeline/paths.js';
import { planTrailers } from '../core/pipeline/trailer-plan.js';
import type { Preflight } from '../core/pipeline/preflight.js';
import { redactedNames } from '../core/journal/redacted-names.js';
import type { CommitEntry } from './journal-step.js';

/** The top-level files the shortcut's tree check names, in the order `git ls-tree` prints them. */
function treeNames(sessionFile: string): string[] {
  return [...new Set(['.gitattributes', '.gitsession', sessionFile])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Those files as the commit being made will hold them: HEAD's, changed by what is staged. */
function nextTree(p: Preflight, names: readonly string[]): { lines: string[]; has: Set<string> } {
  const lines: string[] = [];
  const has = new Set<string>();
  for (const name of names) {
    const change = p.changes.get(name);
    const entry = change ? (change.after && change.mode ? { id: change.after, mode: change.mode } : undefined) : p.topBlobs.get(name);
    if (!entry) continue;
    lines.push(`${entry.mode} blob ${entry.id}\t${name}`);
    has.add(name);
  }
  return { lines, has };
}

/**
 * Leaves the shortcut for the next commit (see core/pipeline/commit-shortcut.ts) after a
 * plain commit whose entry went at the end of its journal file and which said nothing:
 * the next one, if it is as plain and leaves the session file alone, is journaled by
 * the hook script without starting node. A write that fails costs only that speed.
 */
export async function leaveShortcut(s: CommitSetting, facts: CommitFacts, plan: CommitPlan, entry: CommitEntry): Promise<void> {
  const p = s.preflight;
  const head = s.state.revs.HEAD;
  const author = s.env.GIT_AUTHOR_NAME !== undefined && s.env.GIT_AUTHOR_EMAIL !== undefined ? `${s.env.GIT_AUTHOR_NAME} <${s.env.GIT_AUTHOR_EMAIL}>` : undefined;
  const settings = p?.gitSettings;
  const journal = plan.journal;
  const plain =
    settings !== undefined &&
    head !== undefined &&
    author !== undefined &&
    journal !== undefined &&
    !s.amend &&
    s.reuse === undefined &&
    s.parents.length === 0 &&
    !s.state.markers.carried &&
    !s.headReverts &&
    s.state.branch !== 'detached' &&
    entry.written.appended &&
    !entry.written.text.includes('\r');
  if (!plain || !p) return;
  // Trailers every commit carries (the goal's, with trailers.session): the script hands on none.
  if (planTrailers({ decisions: [], deadEnds: [], goal: journal.goal, trailers: s.config.trailers }).length > 0) return;
  const names = treeNames(s.sessionFile);
  const tree = nextTree(p, names);
  // Settings in a file git does not track would change unseen by the script's checks.
  if (!tree.has.has('.gitsession')) return;
  const shown = await redactedNames(s.state.branch, author, []);
  const session = facts.session;
  const summary = session.kind === 'read' ? session.summary : undefined;
  const keyFiles = (summary?.keyFiles ?? []).map((k) => normalisePath(k.replace(/^`|`$/g, ''))).filter(Boolean);
  const input: ShortcutInput = {
    build: BUILD_KEY,
    head,
    tree: tree.lines.join('\n'),
    attributes: tree.has.has('.gitattributes'),
    config: settings.text,
    sessionFile: s.sessionFile,
    journalTemplate: s.config.journal.path,
    journalFile: entry.path,
    size: entry.written.end,
    epoch: entry.epoch,
    branch: s.state.branch,
    shownBranch: shown.branch,
    author,
    shownAuthor: shown.author,
    goal: journal.goal,
    status: journal.status,
    // A missing session file is never stale.
    threshold: session.kind === 'absent' ? undefined : s.config.prompt.threshold,
    keyFiles,
  };
  const shortcut = commitShortcut(input);
  if (!shortcut) return;
  // The line of where the entry went first: the script needs both, and takes neither alone.
  if (!writeStateQuietly(statePath(s.state.stateDir, 'shortcutLast'), shortcut.last)) return;
  const dir = s.state.stateDir;
  if (!writeStateQuietly(statePath(dir, 'shortcutInput'), JSON.stringify(input)) || !writeStateQuietly(statePath(dir, 'shortcut'), shortcut.script)) removeShortcut(dir);
}
