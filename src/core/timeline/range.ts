import { ExitCode, GitSessionError } from '../../errors.js';
import { parseRange } from '../report/targets.js';

/**
 * The revisions a timeline shows: HEAD's whole history by default, `A..B` and
 * `A...B` as git reads them, and a single revision's whole history.
 */
export function timelineRange(range: string | undefined): { label: string; revArgs: string[] } {
  if (range === undefined) return { label: 'HEAD', revArgs: ['HEAD'] };
  if (range.includes('..')) {
    const r = parseRange(range);
    return { label: r.label, revArgs: r.revArgs };
  }
  if (range.trim() === '' || range.startsWith('-')) {
    throw new GitSessionError(ExitCode.Usage, `"${range}" is not a revision or range.`, {
      fix: 'Pass a branch such as main, or a range such as main..feature.',
    });
  }
  return { label: range, revArgs: [range] };
}
