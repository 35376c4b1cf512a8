import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_END, BLOCK_START, spliceBlock } from '../../../src/core/action/block.js';
import { BODY_LIMIT, blockRoom, fitBlock, fitComment, fitSummary, SUMMARY_LIMIT, utf8Length, type Where } from '../../../src/core/action/fit.js';
import { reviewText, shortenReview } from '../../../src/core/action/shorten.js';
import { renderReviewMarkdown, type Review } from '../../../src/core/report/review.js';

const RANGE = 'abc1234..def5678';
const URL = 'https://github.com/octo/converter/actions/runs/42';

/** A review of `n` commits, each recording one decision with a reason `pad` characters long. */
function reviewOf(n: number, pad = 100, letter = 'x'): Review {
  const commits = Array.from({ length: n }, (_, i) => ({
    commit: String(i).padStart(40, '0'),
    short: String(i).padStart(7, '0'),
    subject: `Change number ${i}`,
    author: 'Ada',
    date: '2026-11-02T10:00:00+01:00',
  }));
  return {
    range: RANGE,
    goal: 'Cache parsed files',
    status: 'Half done',
    nextSteps: ['bound the cache'],
    decisions: commits.map((c, i) => ({ ...c, text: `decision ${i}`, reason: letter.repeat(pad), status: 'active' as const, changedBy: null })),
    deadEnds: [],
    retired: [],
    shallow: [],
    files: Array.from({ length: 10 }, (_, i) => ({ path: `src/file-${i}.ts`, added: i, removed: 0, lines: i, commits: 1, binary: false })),
    commits,
  };
}

const trailersOf = (r: Review) => r.decisions.map((d) => `Decision: ${d.text} — ${d.reason}`);

/** The block's last paragraph, without the end marker: what git reads as the squash message's trailers. */
function lastParagraph(block: string): string[] {
  return block.split('\n\n').at(-1)!.replace(` ${BLOCK_END}`, '').split('\n');
}

describe('shortenReview', () => {
  const lengthAtMost = (n: number) => (r: Review, o: object) => renderReviewMarkdown(r, o).length <= n;

  it('leaves a review that fits whole', () => {
    const review = reviewOf(3);
    expect(shortenReview(review, lengthAtMost(1e6))).toEqual({ review, omitted: {} });
  });

  it('cuts the commits first, from the newest, keeping as many as fit', () => {
    const review = reviewOf(50, 10);
    const whole = renderReviewMarkdown(review).length;
    const out = shortenReview(review, lengthAtMost(whole - 200))!;
    expect(out.review.decisions).toHaveLength(50);
    expect(out.review.files).toHaveLength(10);
    expect(out.review.commits).toEqual(review.commits.slice(0, out.review.commits.length));
    expect(out.omitted).toEqual({ commits: 50 - out.review.commits.length });
    // One more commit would not fit.
    expect(renderReviewMarkdown({ ...review, commits: review.commits.slice(0, out.review.commits.length + 1) }, { commits: out.omitted.commits! - 1 }).length).toBeGreaterThan(whole - 200);
    expect(renderReviewMarkdown(out.review, out.omitted)).toContain(`- … ${out.omitted.commits} more not shown here`);
  });

  it('cuts the files, next steps and dead ends before the decisions, and gives up when the bare review does not fit', () => {
    const review = reviewOf(50, 10);
    const out = shortenReview(review, lengthAtMost(1500))!;
    expect(out.omitted).toMatchObject({ commits: 50, files: 10, nextSteps: 1 });
    expect(out.omitted.decisions).toBeGreaterThan(0);
    const md = renderReviewMarkdown(out.review, out.omitted);
    expect(md).not.toContain('No decisions were recorded');
    expect(md).toContain('## Commits\n\n- 50 not shown here');
    expect(shortenReview(review, lengthAtMost(10))).toBeUndefined();
  });

  it('says in the JSON what it left out', () => {
    const review = reviewOf(2);
    const text = reviewText({ ...review, commits: [] }, 'json', { commits: 2 });
    const parsed = JSON.parse(/^```json\n([\s\S]*)```\n$/.exec(text)![1]!);
    expect(parsed.omitted).toEqual({ commits: 2 });
    expect(reviewText(review, 'json')).not.toContain('omitted');
  });
});

describe('fitBlock', () => {
  it('keeps a review that fits as it is, with no note', () => {
    const review = reviewOf(3);
    const out = fitBlock({ review, format: 'md', range: RANGE, room: BODY_LIMIT, summaryUrl: URL }, trailersOf(review))!;
    expect(out.omitted).toEqual({});
    expect(out.text).toBe(`${BLOCK_START}\n${renderReviewMarkdown(review).trimEnd()}\n\n${trailersOf(review).join('\n')}\nSession-Review: ${RANGE} ${BLOCK_END}`);
  });

  it('shortens a review too long for the description, saying so and where the rest is, the trailers whole and last', () => {
    const review = reviewOf(300, 110);
    const author = 'Fixes the café bug ✓\r\n\r\n'.repeat(40);
    const room = blockRoom(author)!;
    expect(room).toBe(BODY_LIMIT - author.length);
    const out = fitBlock({ review, format: 'md', range: RANGE, room, summaryUrl: URL }, trailersOf(review))!;
    expect(out.text.length).toBeLessThanOrEqual(room);
    expect(out.trailersLeftOut).toBe(0);
    expect(out.omitted.commits).toBe(300);
    expect(lastParagraph(out.text)).toEqual([...trailersOf(review), `Session-Review: ${RANGE}`]);
    expect(out.text).toContain(`*This review was shortened to fit GitHub's limit of 65,536 characters: it leaves out 300 of 300 commits`);
    expect(out.text).toContain(`The whole review is in the job summary of [this run](${URL}), and \`git session review ${RANGE}\` prints it.`);
    const spliced = spliceBlock(author, out.text);
    expect(spliced.kind !== 'broken' && spliced.body.length).toBeLessThanOrEqual(BODY_LIMIT);
  });

  it('keeps the oldest trailers that fit when they alone pass the limit, and says how to get the rest', () => {
    const review = reviewOf(400, 200);
    const out = fitBlock({ review, format: 'md', range: RANGE, room: BODY_LIMIT }, trailersOf(review))!;
    expect(out.text.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(out.trailersLeftOut).toBeGreaterThan(0);
    const kept = 400 - out.trailersLeftOut;
    expect(lastParagraph(out.text)).toEqual([...trailersOf(review).slice(0, kept), `Session-Review: ${RANGE}`]);
    expect(out.text).toContain(`${out.trailersLeftOut} of 400 trailers are left out below`);
    expect(out.text).toContain(`\`git session squash-message ${RANGE}\``);
    expect(out.text).toContain(`\`git session review ${RANGE}\` prints the whole review.`);
  });

  it('gives up when the author leaves no room for even a line', () => {
    expect(fitBlock({ review: reviewOf(3), format: 'md', range: RANGE, room: 20 }, [])).toBeUndefined();
    expect(blockRoom(`${BLOCK_START}\nno end`)).toBeUndefined();
  });

  it('fits any review in any room that holds a line, the trailers last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 300, max: 40_000 }), fc.constantFrom('md' as const, 'json' as const), (n, pad, room, format) => {
        const review = reviewOf(n, pad);
        const out = fitBlock({ review, format, range: RANGE, room }, trailersOf(review));
        if (!out) return;
        expect(out.text.length).toBeLessThanOrEqual(room);
        const kept = n - out.trailersLeftOut;
        if (kept > 0) expect(lastParagraph(out.text)).toEqual([...trailersOf(review).slice(0, kept), `Session-Review: ${RANGE}`]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('fitComment', () => {
  it('holds the shortened review between the markers within the limit', () => {
    const review = reviewOf(500, 150);
    const out = fitComment({ review, format: 'md', range: RANGE, room: BODY_LIMIT })!;
    expect(out.text.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(out.text.startsWith(`${BLOCK_START}\n# Review of ${RANGE}`)).toBe(true);
    expect(out.text.endsWith(`prints the whole review.*\n${BLOCK_END}`)).toBe(true);
  });
});

describe('fitSummary', () => {
  it('counts bytes, not characters, against the 1 MiB limit', () => {
    // Under a million characters, over a MiB in UTF-8.
    const review = reviewOf(2000, 300, 'ü');
    const whole = renderReviewMarkdown(review);
    expect(whole.length).toBeLessThan(SUMMARY_LIMIT);
    expect(utf8Length(whole)).toBeGreaterThan(SUMMARY_LIMIT);
    const out = fitSummary({ review, format: 'md', range: RANGE, room: SUMMARY_LIMIT }, [], 0)!;
    expect(utf8Length(out.text)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(out.omitted.commits).toBe(2000);
    expect(out.text).toContain("*This review was shortened to fit the job summary's limit of 1 MiB");
  });

  it('writes the whole review when it fits', () => {
    const review = reviewOf(3);
    expect(fitSummary({ review, format: 'md', range: RANGE, room: SUMMARY_LIMIT }, [], 0)).toEqual({ text: renderReviewMarkdown(review), omitted: {}, trailersLeftOut: 0 });
  });
});
