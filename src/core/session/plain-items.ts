import { conflictMarkers } from './conflict.js';
import { classifyHeading } from './headings.js';
import { COMMENT_LINE, readPlainLine } from './plain-lines.js';
import { oneLine } from './mdast-text.js';
import { splitItemReason, type Reasoned } from './reasons.js';
import { unescapeMarkdown } from './unescape.js';

/** The public decisions and dead ends of a session file, as getDecisions and getDeadEnds read them. */
export interface PlainItems {
  decisions: Reasoned[];
  deadEnds: Reasoned[];
}

// A bullet at the margin whose content can only open a paragraph: a letter, a digit (not an
// ordered list's marker), a quote, emphasis or a code span (not a rule or a fence), a link, an escape.
const BULLET = /^[-*+] (?![0-9]+[.)](?:[ \t]|$))(?:[\p{L}\p{N}("'“‘«¿¡$€£%/.@!]|`(?!``)|\*{1,2}[^\s*]|_{1,2}[^\s_]|~{1,2}[^\s~]|\[|\\[!-/:-@[-`{-~])/u;
// GFM keeps a task box inside the entry's paragraph, and the parser's reading drops it.
const TASK_BOX = /^\[[ xX]\]\s+/;
// What makes a whole file unfit: a reference definition (it changes how a bullet elsewhere
// reads), a private region, a control character or a CR that ends no line, front matter, a BOM.
const UNFIT = /\]:|<!--\s*\/?\s*private|[\0-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|^(?:---|\+\+\+|\uFEFF)/i;

/**
 * The decisions and dead ends of `text` read line by line, without the markdown parser,
 * when the file is plain enough that lines alone decide them: ATX headings at the
 * margin, and under Decisions and Dead Ends nothing but one-line bullets, blank lines
 * and one-line comments. Undefined for anything else, and the caller parses.
 *
 * Readers read every version a history holds (a thousand on a long one), and a
 * version is mostly the last one with a bullet more: at ~2 ms a parse, the parser was
 * most of a first `log` or `why` on a fresh clone. Why these lines suffice: a heading
 * at the margin can be hidden only by front matter, a fence or an HTML block, all
 * declined, or made by a setext underline, declined after text; a one-line bullet
 * followed by a blank line, a bullet, a comment or a heading is one paragraph whose
 * source is the entry (the parser reads entries from their source); and its reading
 * depends on the rest of the file only through reference definitions, declined. A
 * text with conflict markers, which the parser refuses, is declined too. A property
 * test holds it to the parser.
 */
export function plainItems(text: string): PlainItems | undefined {
  // The parser refuses a text mid-conflict, and so must this: it has no entries to give.
  if (UNFIT.test(text) || conflictMarkers(text).length > 0) return undefined;
  const out: PlainItems = { decisions: [], deadEnds: [] };
  // The decision or dead-end section the lines are in, and its heading's depth.
  let open: { items: Reasoned[]; depth: number } | undefined;
  let privateDepth: number | undefined;
  let blankBefore = true;
  for (const line of text.split(/\r?\n/)) {
    const read = readPlainLine(line, blankBefore);
    if (!read) return undefined;
    blankBefore = read.kind === 'blank';
    if (read.kind === 'blank') continue;
    if (read.kind === 'heading') {
      const depth = read.depth;
      // A sub-heading under Decisions can be an entry or group entries: the parser decides.
      if (open && depth > open.depth) return undefined;
      // What a private section holds is private, down to the next heading of its level or higher.
      if (privateDepth !== undefined && depth <= privateDepth) privateDepth = undefined;
      const kind = privateDepth === undefined ? classifyHeading(read.text) : 'private';
      if (kind === 'private') privateDepth ??= depth;
      open = kind === 'decisions' ? { items: out.decisions, depth } : kind === 'deadEnds' ? { items: out.deadEnds, depth } : undefined;
      continue;
    }
    if (!open) continue;
    if (COMMENT_LINE.test(line)) continue;
    if (!BULLET.test(line)) return undefined;
    const split = splitItemReason(oneLine(line.slice(2)).replace(TASK_BOX, ''));
    open.items.push({ text: unescapeMarkdown(split.text), reason: split.reason === null ? null : unescapeMarkdown(split.reason) });
  }
  return out;
}
