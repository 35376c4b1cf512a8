import type { Omitted, Review } from '../report/review.js';
import type { Annotation } from './annotations.js';
import { renderBlock, renderCommentBody, spliceBlock, type BlockInput } from './block.js';
import { quietMentions } from './mentions.js';
import { bareReview, CUT_ORDER, mostThatFit, reviewText, shortenReview } from './shorten.js';
import { renderSummary } from './summary.js';

/**
 * GitHub refuses a pull request description or a comment longer than this (HTTP 422,
 * "body is too long"). It counts characters; a JavaScript length counts UTF-16 units,
 * never fewer, so measuring with it stays on the safe side.
 */
export const BODY_LIMIT = 65_536;

/** The runner drops a step summary larger than this many bytes. */
export const SUMMARY_LIMIT = 1024 * 1024;

const UTF8 = new TextEncoder();

export function utf8Length(text: string): number {
  return UTF8.encode(text).length;
}

/**
 * Characters the block may take in a description: the limit less the author's text
 * that stays around it. Undefined when the description's block is broken.
 */
export function blockRoom(description: string | null | undefined): number | undefined {
  const around = spliceBlock(description, '');
  return around.kind === 'broken' ? undefined : BODY_LIMIT - around.body.length;
}

/** What the review is shown in, for the note a shortened review carries. */
export interface Where {
  review: Review;
  format: 'md' | 'json';
  /** Short form of the reviewed range, e.g. `1a2b3c4..5d6e7f8`. */
  range: string;
  /** How much the text may take, in the place's own unit. */
  room: number;
  /** A link to the run whose job summary holds the whole review, when it does. */
  summaryUrl?: string;
}

export interface Fitted {
  text: string;
  /** What the review's lists left out; empty when the review is whole. */
  omitted: Omitted;
  /** How many of the branch's trailers the block left out. */
  trailersLeftOut: number;
}

const NAMES: Record<keyof Omitted, string> = {
  commits: 'commits',
  files: 'files most touched',
  nextSteps: 'next steps',
  deadEnds: 'dead ends',
  retired: 'retired from earlier work',
  decisions: 'decisions',
};

/** The note a shortened review ends with: what was left out, and where the whole review is. */
function note(where: Where, limit: string, omitted: Omitted, trailers: { left: number; of: number }): string {
  const parts = CUT_ORDER.filter((n) => omitted[n]).map((n) => `${omitted[n]} of ${where.review[n].length} ${NAMES[n]}`);
  if (parts.length === 0 && trailers.left === 0) return '';
  const lines = [`*This review was shortened to fit ${limit}${parts.length > 0 ? `: it leaves out ${parts.join(', ')}` : ''}.`];
  const local = `\`git session review ${where.range}\``;
  lines.push(where.summaryUrl ? `The whole review is in the job summary of [this run](${where.summaryUrl}), and ${local} prints it.` : `${local} prints the whole review.`);
  if (trailers.left > 0) {
    lines.push(
      `${trailers.left} of ${trailers.of} trailers are left out below, so a squash merge built from this description lacks them: paste \`git session squash-message ${where.range}\` into the merge dialog instead.`,
    );
  }
  return `${lines.join(' ')}*`;
}

function withNote(text: string, said: string): string {
  return said === '' ? text : `${text.replace(/\s+$/, '')}\n\n${said}\n`;
}

/** What is left when not even the bare review fits (a goal or status of its own that long). */
function tooLong(where: Where, limit: string): string {
  return `# Review of ${where.range}\n\n*The review is too long for ${limit}: \`git session review ${where.range}\` prints it.*\n`;
}

/**
 * The review made to fit: whole if it fits, else shortened list by list (every list
 * left out at most), else `last`'s answer, else a line saying where the review is.
 * Undefined when not even that line fits.
 */
function fit(
  where: Where,
  limit: string,
  wrap: (text: string) => string,
  fits: (text: string) => boolean,
  last: () => Fitted | undefined = () => undefined,
): Fitted | undefined {
  const render = (r: Review, o: Omitted) => wrap(withNote(reviewText(r, where.format, o), note(where, limit, o, { left: 0, of: 0 })));
  const short = shortenReview(where.review, (r, o) => fits(render(r, o)));
  if (short) return { text: render(short.review, short.omitted), omitted: short.omitted, trailersLeftOut: 0 };
  const fallback = last();
  if (fallback) return fallback;
  const text = wrap(tooLong(where, limit));
  return fits(text) ? { text, omitted: bareReview(where.review).omitted, trailersLeftOut: 0 } : undefined;
}

const BODY_LIMIT_NAME = `GitHub's limit of ${BODY_LIMIT.toLocaleString('en-US')} characters`;

/**
 * The description's block, within `where.room` characters (the limit less the author's
 * text around the block). The trailers stay the block's last paragraph and whole while
 * any review fits beside them; past that the block keeps the oldest trailers that fit
 * and says how many it left out.
 */
export function fitBlock(where: Where, trailers: readonly string[]): Fitted | undefined {
  const fits = (text: string) => text.length <= where.room;
  // Measured as GitHub gets it: the quiet spaces count too.
  const block = (input: BlockInput) => quietMentions(renderBlock(input));
  const wrap = (text: string) => block({ review: text, trailers, range: where.range });
  return fit(where, BODY_LIMIT_NAME, wrap, fits, () => {
    const bare = bareReview(where.review);
    const left = (keep: number) => ({ left: trailers.length - keep, of: trailers.length });
    const bareText = (keep: number) => withNote(reviewText(bare.review, where.format, bare.omitted), note(where, BODY_LIMIT_NAME, bare.omitted, left(keep)));
    // The bare review when it fits beside no trailers, else the line that says where the review is.
    const head = fits(block({ review: bareText(0), trailers: [], range: where.range })) ? bareText : () => tooLong(where, BODY_LIMIT_NAME);
    const render = (keep: number) => block({ review: head(keep), trailers: trailers.slice(0, keep), range: where.range });
    if (!fits(render(0))) return undefined;
    const keep = mostThatFit(trailers.length, (k) => fits(render(k)));
    return { text: render(keep), omitted: bare.omitted, trailersLeftOut: trailers.length - keep };
  });
}

/** The comment's body, within `where.room` characters. */
export function fitComment(where: Where): Fitted | undefined {
  return fit(where, BODY_LIMIT_NAME, (text) => quietMentions(renderCommentBody(text)), (text) => text.length <= where.room);
}

/**
 * The job summary, within `where.room` bytes: the review, then the changed lines with
 * decisions. When the list of changed lines alone is past the limit, the summary says
 * where the review is and leaves the lines to the notices.
 */
export function fitSummary(where: Where, annotations: readonly Annotation[], shown: number): Fitted | undefined {
  const limit = `the job summary's limit of ${SUMMARY_LIMIT / 1024 / 1024} MiB`;
  const fits = (text: string) => utf8Length(text) <= where.room;
  return fit(where, limit, (text) => renderSummary(text, annotations, shown), fits, () => {
    const text = tooLong(where, limit);
    return fits(text) ? { text, omitted: bareReview(where.review).omitted, trailersLeftOut: 0 } : undefined;
  });
}
