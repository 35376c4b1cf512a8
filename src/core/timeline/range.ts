import { ExitCode, GitSessionError } from '../../errors.js';
import { parseRange } from '../report/targets.js';

/**
 * The revisions a timeline shows: HEAD's whole history by default, `A..B` as git reads
 * it, `A...B` as a pull request does (B's commits since the fork, see parseRange), and a
 * single revision's whole history. `head` is the
 * revision at the top: its name is the branch of commits no journal entry names.
 */
export function timelineRange(range: string | undefined): { label: string; revArgs: string[]; head: string } {
  if (range === undefined) return { label: 'HEAD', revArgs: ['HEAD'], head: 'HEAD' };
  if (range.includes('..')) return parseRange(range);
  if (range.trim() === '' || range.startsWith('-')) {
    throw new GitSessionError(ExitCode.Usage, `"${range}" is not a revision or range.`, {
      fix: 'Pass a branch such as main, or a range such as main..feature.',
    });
  }
  return { label: range, revArgs: [range], head: range };
}
