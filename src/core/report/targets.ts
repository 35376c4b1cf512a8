import { ExitCode, GitSessionError } from '../../errors.js';

/** What `why` was asked about: a path, optionally with a line range (1-based, inclusive). */
export interface WhyTarget {
  path: string;
  lines: { start: number; end: number } | null;
}

/**
 * Parses `<path>[:<line>[-<end>]]`. A colon not followed by a line number stays part of
 * the path. A name that starts with "-" (given after `--`, or by an assistant) is a
 * file's all the same: it is named from the current folder, so no git command ever
 * reads it as an option.
 */
export function parseWhyTarget(target: string): WhyTarget {
  if (target.trim() === '' || target === '-') {
    throw new GitSessionError(ExitCode.Usage, `"${target}" is not a path.`, {
      fix: 'Use git session why <path>[:<line>[-<end>]], for example src/app.ts:12-20.',
    });
  }
  if (target.startsWith('-')) target = `./${target}`;
  const m = /^(.+):(\d+)(?:-(\d+))?$/.exec(target);
  if (!m) return { path: target, lines: null };
  const start = Number(m[2]);
  const end = m[3] === undefined ? start : Number(m[3]);
  if (start < 1 || end < start) {
    throw new GitSessionError(ExitCode.Usage, `"${target}": lines ${start}-${end} are not a range.`, {
      fix: 'Lines start at 1 and the end line comes after the start, for example src/app.ts:12-20.',
    });
  }
  return { path: m[1]!, lines: { start, end } };
}

/** The arguments of the git blame `why` runs for a line range. */
export function blameArgs(path: string, lines: { start: number; end: number }): string[] {
  return ['blame', '--porcelain', `-L${lines.start},${lines.end}`, '--', path];
}

/**
 * The git blame a command line will run, when it is plainly `why <path>:<line>[-<end>]`
 * (`words` after `why`, a `--format` allowed): the binary starts it before loading
 * the rest. Undefined for anything else (another option, no line, a bad target),
 * which then runs as it always does.
 */
export function blameAhead(words: readonly string[]): string[] | undefined {
  const targets: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--format' && i + 1 < words.length) i++;
    else if (w.startsWith('--format=')) continue;
    else if (w.startsWith('-')) return undefined;
    else targets.push(w);
  }
  if (targets.length !== 1) return undefined;
  try {
    const { path, lines } = parseWhyTarget(targets[0]!);
    return lines ? blameArgs(path, lines) : undefined;
  } catch {
    return undefined;
  }
}

/** A revision range as git log takes it, and the revision at its head. */
export interface Range {
  /** As shown to the reader. */
  label: string;
  revArgs: string[];
  head: string;
}

/**
 * Reads a review range: `A..B` goes to git as given (an empty side means HEAD), `A...B`
 * as `A..B` (what a pull request from B into A shows); a single revision R means
 * `R..HEAD`, the work on top of R.
 */
export function parseRange(range: string): Range {
  if (range.trim() === '' || range.startsWith('-')) {
    throw new GitSessionError(ExitCode.Usage, `"${range}" is not a revision range.`, {
      fix: 'Pass a range such as origin/main..HEAD, or a base revision such as main.',
    });
  }
  const dots = range.includes('...') ? '...' : range.includes('..') ? '..' : undefined;
  if (!dots) return { label: `${range}..HEAD`, revArgs: [`${range}..HEAD`], head: 'HEAD' };
  const at = range.indexOf(dots);
  const right = range.slice(at + dots.length);
  // A...B as a pull request reads it: B's commits since it forked from A. git's symmetric
  // difference would add A's own commits since the fork, their decisions with them.
  if (dots === '...') return { label: range, revArgs: [`${range.slice(0, at) || 'HEAD'}..${right || 'HEAD'}`], head: right === '' ? 'HEAD' : right };
  return { label: range, revArgs: [range], head: right === '' ? 'HEAD' : right };
}

/** A ref as `git for-each-ref` lists it for choosing a review base. */
export interface RefInfo {
  /** Short name, e.g. `main` or `origin/HEAD`. */
  name: string;
  /** Short name of the target of a symbolic ref, else empty. */
  symref: string;
  /** Short name of the upstream of a local branch, else empty. */
  upstream: string;
  /** Whether this branch is checked out. */
  current: boolean;
  remote: boolean;
}

/**
 * Picks what `review` compares against when no range is given: the default branch
 * (origin/HEAD's target, else main or master when it is not the current branch),
 * else the current branch's upstream. Undefined when there is none.
 */
export function pickBase(refs: readonly RefInfo[]): string | undefined {
  const originHead = refs.find((r) => r.remote && r.name === 'origin/HEAD' && r.symref !== '');
  if (originHead) return originHead.symref;
  for (const name of ['main', 'master']) {
    const ref = refs.find((r) => !r.remote && r.name === name);
    if (ref && !ref.current) return name;
  }
  return refs.find((r) => r.current && r.upstream !== '')?.upstream;
}

/**
 * Start of the previous working day at local midnight, as an absolute date git
 * reads: Monday looks back to Friday, any other day to yesterday.
 * `offsetMinutes` is the local offset east of UTC.
 */
export function standupSince(now: Date, offsetMinutes: number): string {
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  const back = local.getUTCDay() === 1 ? 3 : 1;
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back));
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())} 00:00:00 ` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** Escapes a literal (an email address) for git's basic regular expressions, as `--author` takes. */
export function escapeBasicRegex(text: string): string {
  return text.replace(/[\\.[\]*^$]/g, '\\$&');
}
