import { ExitCode, GitSessionError } from '../../errors.js';

/** A line git writes around a conflict: `<<<<<<< ours`, `|||||||`, `=======`, `>>>>>>> theirs`. */
const MARKER = /^(?:<{7}(?: |$)|\|{7}(?: |$)|={7}$|>{7}(?: |$))/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SIDE = /^(?:<{7}|>{7})(?: |\r?$)/m;

/**
 * The 1-based numbers of the conflict-marker lines in a text, outside fenced code
 * blocks (where a markdown file may quote one). Empty when the file is not mid-conflict.
 */
export function conflictMarkers(text: string): number[] {
  // Every reader asks this of every text it parses: most hold no marker that opens or closes a side.
  if (!SIDE.test(text)) return [];
  const found: number[] = [];
  let fence: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const open = FENCE.exec(line);
    if (fence === undefined && open) {
      fence = open[1]!;
      continue;
    }
    if (fence !== undefined) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && line.trim() === close[1]) fence = undefined;
      continue;
    }
    if (MARKER.test(line)) found.push(i + 1);
  }
  // A `=======` alone is a setext heading's underline or a rule: only the lines that
  // open or close a conflict make one.
  const sides = found.some((n) => /^[<>]{7}/.test(lines[n - 1]!));
  return sides ? found : [];
}

/** `12, 14 and 16`, or `12, 14, 16 and 4 more`. */
function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 6);
  const more = lines.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length === 1 ? String(shown[0]) : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The message for a session file with conflict markers: what, where, and how to resolve it. */
export function conflictMessage(file: string | undefined, lines: readonly number[]): { problem: string; fix: string } {
  return {
    problem: `is in the middle of a merge conflict (conflict markers on line${lines.length === 1 ? '' : 's'} ${lineList(lines)}), so it cannot be read as a session file.`,
    fix: `Resolve it first: keep what each side should keep, delete the <<<<<<<, =======, >>>>>>> (and |||||||) lines, then \`git add ${file ?? '<file>'}\`.`,
  };
}

/**
 * Throws a Conflicted error naming the file and the marker lines when `text` is
 * mid-conflict. The parser calls it on every text it is given, so no reader takes
 * one side's lines, or a setext heading made by `=======`, for the session.
 */
export function refuseConflicted(text: string, file: string | undefined): void {
  const lines = conflictMarkers(text);
  if (lines.length === 0) return;
  const { problem, fix } = conflictMessage(file, lines);
  throw new GitSessionError(ExitCode.Conflicted, problem, { file, fix });
}
