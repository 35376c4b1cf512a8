import { findSeparator, gitTrim, isGitSpace, tokenLength } from './git-text.js';
import { findConfigured, findTrailerBlock, type BlockOptions, type ConfiguredTrailer } from './trailer-block.js';

/** One `Key: value` trailer. */
export interface Trailer {
  key: string;
  value: string;
}

/** Options of {@link parseTrailers}; they match `core.commentChar`, `--no-divider` and `trailer.<name>.key`. */
export type ParseOptions = BlockOptions;

/** git's `unfold_value`: each newline and the whitespace after it become one space. */
function unfold(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; ) {
    const c = value[i++] as string;
    if (c === '\n') {
      while (i < value.length && isGitSpace(value[i])) i++;
      out += ' ';
    } else {
      out += c;
    }
  }
  return gitTrim(out);
}

/** The key git prints for a configured trailer: its `key` without the separator. */
function configuredKey(item: ConfiguredTrailer, token: string): string {
  return item.key === undefined ? token : gitTrim(item.key.replace(/[\s:]+$/, ''));
}

/**
 * Splits one raw block line (continuations included) into token and raw value, the way
 * git's `parse_trailer` does; null for a line that is not a trailer.
 */
export function splitTrailerLine(
  line: string,
  configured: readonly ConfiguredTrailer[] = [],
): { key: string; value: string } | null {
  const sep = findSeparator(line, 0);
  if (sep < 1) return null;
  const token = gitTrim(line.slice(0, sep));
  const value = gitTrim(line.slice(sep + 1));
  const item = findConfigured(token, tokenLength(token), configured);
  return { key: item ? configuredKey(item, token) : token, value };
}

/** Exactly what `git interpret-trailers --parse` (git 2.39) reports for a message, values unfolded. */
export function parseTrailers(message: string, options: ParseOptions = {}): Trailer[] {
  const cc = options.commentChar || '#';
  const block = findTrailerBlock(message, options);
  const trailers: Trailer[] = [];
  for (const line of block.lines) {
    if (line.startsWith(cc)) continue;
    const parsed = splitTrailerLine(line, options.configured);
    if (parsed) trailers.push({ key: parsed.key, value: unfold(parsed.value) });
  }
  return trailers;
}
