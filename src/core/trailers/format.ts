import { ExitCode, GitSessionError } from '../../errors.js';
import { sanitiseText } from '../text/sanitise.js';

/** A key git reads back: ASCII letters, digits and `-`, starting with a letter or digit. */
export const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** Default fold width of {@link formatTrailer}. */
export const TRAILER_WIDTH = 72;

// The Unicode line and paragraph separators, which sanitiseText keeps (they are no
// terminal control) but which could end a line for whoever reads the log.
const SEPARATORS = /[\u2028\u2029]/g;

/**
 * Makes any text safe as ONE trailer value, cleaned on one line as the journal's text
 * is (escape sequences and bidirectional overrides removed, line breaks and tabs made
 * spaces), the Unicode separators made spaces too, runs of spaces collapsed, trimmed.
 */
export function sanitizeValue(text: string): string {
  return sanitiseText(text).replace(SEPARATORS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Throws a BadInput error unless `key` is a trailer key git reads back. */
export function assertTrailerKey(key: string): void {
  if (TRAILER_KEY.test(key)) return;
  throw new GitSessionError(
    ExitCode.BadInput,
    `"${key}" is not a usable trailer key: git only reads keys made of ASCII letters, digits and "-" (starting with a letter or digit).`,
    { fix: 'Rename the key (the trailers.* settings in .gitsession), e.g. "Decision" or "Dead-End".' },
  );
}

/**
 * `Key: value`, folded at `width` (default 72) with continuation lines indented by one space; validates the key ([A-Za-z0-9-]+).
 * The value is sanitized first, so unfolding the result gives back exactly `sanitizeValue(value)`;
 * a word longer than the width stays whole on its own line (splitting it would add a space).
 */
export function formatTrailer(key: string, value: string, width: number = TRAILER_WIDTH): string {
  assertTrailerKey(key);
  const words = sanitizeValue(value).split(' ').filter((w) => w !== '');
  if (words.length === 0) return `${key}: `;
  const lines: string[] = [];
  let line = `${key}: ${words[0]}`;
  for (const word of words.slice(1)) {
    if (line.length + 1 + word.length <= width) {
      line += ` ${word}`;
    } else {
      lines.push(line);
      line = ` ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
