import { json } from '../report/commits.js';
import { renderReviewMarkdown, type Omitted, type Review } from '../report/review.js';

/**
 * The review's lists, least important first: the order a review too long for its place
 * gives them up in. The commits and the files are in the pull request's own tabs; the
 * decisions go last, and the trailers below the review still carry them whole.
 */
export const CUT_ORDER = ['commits', 'files', 'nextSteps', 'retired', 'deadEnds', 'decisions'] as const;

type ListName = (typeof CUT_ORDER)[number];

/** The review with list `name` cut to its first `keep` items. */
function cut(review: Review, name: ListName, keep: number): Review {
  return { ...review, [name]: review[name].slice(0, keep) };
}

/** Every list of the review left out: what a review shortened as far as it goes still says. */
export function bareReview(review: Review): { review: Review; omitted: Omitted } {
  const omitted: Omitted = {};
  let bare = review;
  for (const name of CUT_ORDER) {
    if (review[name].length > 0) omitted[name] = review[name].length;
    bare = cut(bare, name, 0);
  }
  return { review: bare, omitted };
}

/**
 * The longest review, cut in {@link CUT_ORDER}, that `fits` accepts: a list is cut item
 * by item from its end (the newest commits, the least touched files) before the next
 * list is touched. Undefined when even the bare review does not fit.
 */
export function shortenReview(review: Review, fits: (review: Review, omitted: Omitted) => boolean): { review: Review; omitted: Omitted } | undefined {
  if (fits(review, {})) return { review, omitted: {} };
  let current = review;
  const omitted: Omitted = {};
  for (const name of CUT_ORDER) {
    const all = current[name].length;
    if (all === 0) continue;
    const tryKeep = (keep: number) => fits(cut(current, name, keep), { ...omitted, [name]: all - keep });
    if (tryKeep(0)) {
      const keep = mostThatFit(all - 1, tryKeep);
      return { review: cut(current, name, keep), omitted: { ...omitted, [name]: all - keep } };
    }
    current = cut(current, name, 0);
    omitted[name] = all;
  }
  return undefined;
}

/**
 * The largest count from 0 to `max` that `fits`, found by halving; `fits(0)` must hold,
 * and a count that fits means every smaller one does (fewer items never make a text longer).
 */
export function mostThatFit(max: number, fits: (count: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The review as the action shows it: markdown, or its JSON in a code block (with what was left out, when shortened). */
export function reviewText(review: Review, format: 'md' | 'json', omitted: Omitted = {}): string {
  if (format === 'md') return renderReviewMarkdown(review, omitted);
  const value = Object.keys(omitted).length > 0 ? { ...review, omitted } : review;
  return `\`\`\`json\n${json(value)}\`\`\`\n`;
}
