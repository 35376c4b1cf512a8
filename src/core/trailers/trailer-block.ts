import { asciiLower, findSeparator, isBlankLine, isGitSpace, lastLine, nextLine } from './git-text.js';

/** A `trailer.<name>.key` (or any `trailer.<name>.*`) entry of git config. */
export interface ConfiguredTrailer {
  name: string;
  key?: string;
}

/** How the trailer block of a message is found. */
export interface BlockOptions {
  /** `core.commentChar`; `#` by default. */
  commentChar?: string;
  /** Like `--no-divider`: a `---` line does not end the message. */
  noDivider?: boolean;
  /** Configured trailers: they count like `Signed-off-by` for the 25% rule. */
  configured?: readonly ConfiguredTrailer[];
}

/** Where the trailer block sits and what it holds. */
export interface TrailerBlock {
  /** Index of the first line of the block (equals `end` when there is none). */
  start: number;
  /** Index just past the block: trailing blank lines, comments and the scissors part follow. */
  end: number;
  /** Whether the text before `start` ends with a blank line. */
  blankLineBefore: boolean;
  /** The block's lines with continuation lines joined on, each keeping its newlines. */
  lines: string[];
}

const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];
// git's pattern includes the newline: a scissors line with anything after it is a plain comment.
const CUT_LINE = '------------------------ >8 ------------------------\n';

/** Start of a `---` patch divider line, or the end of the text. */
function findPatchStart(s: string): number {
  for (let i = 0; i < s.length; i = nextLine(s, i)) {
    if (s.startsWith('---', i) && isGitSpace(s[i + 3])) return i;
  }
  return s.length;
}

/** Where the scissors line starts (everything from it on is not the message). */
function locateScissors(s: string, len: number, cc: string): number {
  const pattern = `\n${cc} ${CUT_LINE}`;
  if (s.startsWith(pattern.slice(1))) return 0;
  const at = s.indexOf(pattern);
  return at === -1 ? len : at + 1;
}

/** How many characters at the end of `s[0, len)` are trailing blank/comment lines or a scissors part. */
function ignoredTail(s: string, len: number, cc: string): number {
  // git 2.39 loops forever when a scissors line follows a patch divider; stop at the divider.
  const cutoff = Math.min(locateScissors(s, len, cc), len);
  let boc = 0;
  let bol = 0;
  let inConflicts = false;
  while (bol < cutoff) {
    const nl = s.indexOf('\n', bol);
    const next = nl === -1 || nl >= len ? len : nl + 1;
    // `boc` 0 means "not in a run", so a run starting at offset 0 is missed, exactly as git does.
    if (s.startsWith(cc, bol) || s[bol] === '\n') {
      if (!boc) boc = bol;
    } else if (s.startsWith('Conflicts:\n', bol)) {
      inConflicts = true;
      if (!boc) boc = bol;
    } else if (inConflicts && s[bol] === '\t') {
      // a path listed under an old-style Conflicts: section
    } else if (boc) {
      boc = 0;
      inConflicts = false;
    }
    bol = next;
  }
  return boc ? len - boc : len - cutoff;
}

function matchesConfigured(token: string, tokenLen: number, item: ConfiguredTrailer): boolean {
  const head = asciiLower(token.slice(0, tokenLen));
  if (item.name.length === tokenLen && asciiLower(item.name) === head) return true;
  // git compares only the token's length of the key: a token may match a longer key.
  return item.key !== undefined && item.key.length >= tokenLen && asciiLower(item.key.slice(0, tokenLen)) === head;
}

/** Configured trailer whose name or key the token matches, as git's `token_matches_item`. */
export function findConfigured(
  token: string,
  tokenLen: number,
  configured: readonly ConfiguredTrailer[],
): ConfiguredTrailer | undefined {
  return configured.find((item) => matchesConfigured(token, tokenLen, item));
}

/**
 * Start of the trailer block within `s[0, len)`: the last paragraph after the title
 * whose lines are all trailers, or that holds a git-generated or configured trailer
 * and at least 25% trailer lines.
 */
function findTrailerStart(s: string, len: number, cc: string, configured: readonly ConfiguredTrailer[]): number {
  let p = 0;
  for (; p < len; p = nextLine(s, p)) {
    if (s.startsWith(cc, p)) continue;
    if (isBlankLine(s, p)) break;
  }
  const endOfTitle = p;
  let onlySpaces = true;
  let recognized = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  // Lines starting with whitespace: continuations if a trailer precedes them, else prose.
  let possibleContinuations = 0;
  for (let l = lastLine(s, len); l >= endOfTitle; l = lastLine(s, l)) {
    if (s.startsWith(cc, l)) {
      nonTrailerLines += possibleContinuations;
      possibleContinuations = 0;
      continue;
    }
    if (isBlankLine(s, l)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuations;
      if (recognized && trailerLines * 3 >= nonTrailerLines) return nextLine(s, l);
      if (trailerLines && !nonTrailerLines) return nextLine(s, l);
      return len;
    }
    onlySpaces = false;
    if (GIT_GENERATED_PREFIXES.some((prefix) => s.startsWith(prefix, l))) {
      trailerLines++;
      possibleContinuations = 0;
      recognized = true;
      continue;
    }
    const sep = findSeparator(s, l);
    if (sep >= 1 && !isGitSpace(s[l])) {
      trailerLines++;
      possibleContinuations = 0;
      if (!recognized && findConfigured(s.slice(l, l + sep), sep, configured)) recognized = true;
    } else if (isGitSpace(s[l])) {
      possibleContinuations++;
    } else {
      nonTrailerLines += 1 + possibleContinuations;
      possibleContinuations = 0;
    }
  }
  return len;
}

/** Locates the trailer block of `message` the way git 2.39's `trailer_info_get` does. */
export function findTrailerBlock(message: string, options: BlockOptions = {}): TrailerBlock {
  const cc = options.commentChar || '#';
  const configured = options.configured ?? [];
  // git reads the message as a C string: nothing after a NUL exists for it.
  const nul = message.indexOf('\0');
  const s = nul === -1 ? message : message.slice(0, nul);
  const patchStart = options.noDivider ? s.length : findPatchStart(s);
  const end = patchStart - ignoredTail(s, patchStart, cc);
  const start = findTrailerStart(s, end, cc, configured);
  const lines: string[] = [];
  let last = -1;
  for (let i = start; i < end; ) {
    const nl = s.indexOf('\n', i);
    const stop = nl === -1 || nl >= end ? end : nl + 1;
    const piece = s.slice(i, stop);
    i = stop;
    if (last >= 0 && isGitSpace(piece[0])) {
      lines[last] += piece;
      continue;
    }
    lines.push(piece);
    last = findSeparator(piece, 0) >= 1 ? lines.length - 1 : -1;
  }
  const ll = lastLine(s, start);
  return { start, end, blankLineBefore: ll >= 0 && isBlankLine(s, ll), lines };
}
