import type { CommandContext, CommandResult } from '../context.js';
import { lineMerge, readMergeInput, writeMerged } from '../adapters/merge-files.js';
import { crypto } from '../adapters/builtins.js';
import { revertInProgress } from '../adapters/revert-state.js';
import { droppedEntries, editedOnBothSidesNote, mergeJournal, withRevertEntry } from '../core/merge/journal.js';
import { mergeSession } from '../core/merge/session.js';

/**
 * `git-session merge-driver <session|journal> %O %A %B %L %P`: git's merge driver
 * for the session file and the journal. Writes the result over %A and exits 0 when
 * the merge is clean. Whatever it cannot merge (conflict markers already there, a
 * text the parser refuses, not UTF-8, a bug) goes to git's own line merge, so git
 * reports an ordinary conflict and nothing is lost.
 */
export async function mergeDriver(argv: string[], ctx: CommandContext): Promise<CommandResult> {
  const [kind, base, ours, theirs, , path = 'the file'] = argv;
  if ((kind !== 'session' && kind !== 'journal') || !base || !ours || !theirs) {
    return { stderr: 'git-session: merge-driver needs <session|journal> %O %A %B %L %P.\n', exitCode: 2 };
  }
  const fallback = (why: string): CommandResult => {
    const code = lineMerge(ours, base, theirs, { union: kind === 'journal', cwd: ctx.cwd, env: ctx.env });
    return { stderr: `git-session: ${path} merged line by line: ${why}\n`, exitCode: code };
  };
  try {
    const [b, o, t] = [readMergeInput(base), readMergeInput(ours), readMergeInput(theirs)];
    if (b === undefined || o === undefined || t === undefined) return fallback('a version is not UTF-8 text');
    if (kind === 'journal') {
      const report = mergeJournal(b, o, t);
      let merged = report.text;
      // A revert runs no pre-commit hook: its entry is written here, where the reverted entries are seen.
      const revert = droppedEntries(b, t).length > 0 ? revertInProgress(ctx.cwd, ctx.env) : undefined;
      if (revert) merged = withRevertEntry(merged, { ...revert, id: crypto().randomBytes(6).toString('hex') });
      writeMerged(ours, merged);
      return report.editedOnBothSides.length === 0 ? {} : { stderr: editedOnBothSidesNote(report.editedOnBothSides, path) };
    }
    const merged = mergeSession(b, o, t);
    if (!merged.ok) return fallback(merged.reason);
    writeMerged(ours, merged.text);
    if (merged.marked === 0) return {};
    const n = merged.marked;
    return {
      stderr: `git-session: both branches changed ${n} section${n === 1 ? '' : 's'} of ${path}: both versions are kept, marked with "Merged: both branches changed this section"; keep the right one.\n`,
    };
  } catch (error) {
    return fallback(`internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
