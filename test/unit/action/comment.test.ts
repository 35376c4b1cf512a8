import { describe, expect, it } from 'vitest';
import { BLOCK_END, BLOCK_START, renderCommentBody } from '../../../src/core/action/block.js';
import { ourComment, type ListedComment } from '../../../src/core/action/comment.js';

const BOT = 'github-actions[bot]';
const ours = renderCommentBody('# Review of a..b\n');

const comment = (id: number, login: string, body: string): ListedComment => ({ id, body, user: { login } });

describe('ourComment', () => {
  it.each([
    ['a person quoting the marker inline', comment(1, 'bob', `Why does the bot write \`${BLOCK_START}\` into the PR? Please explain.`)],
    ['a person pasting a whole block', comment(1, 'bob', ours)],
    ['our user quoting the markers in a code fence', comment(1, BOT, `\`\`\`\n${ours}\n\`\`\``)],
    ['our user with a start marker and no end', comment(1, BOT, `${BLOCK_START}\nhalf`)],
    ['another bot with a block', comment(1, 'renovate[bot]', ours)],
    ['a comment of a deleted account', { id: 1, body: ours, user: null }],
  ])('is not %s', (_, c) => {
    expect(ourComment([c], BOT)).toBeUndefined();
  });

  it("is the first comment by the token's user holding a block, its login in any case", () => {
    const comments = [comment(1, 'bob', ours), comment(2, 'Git-Actions-Bot', `x\n${BLOCK_START}\ny\n${BLOCK_END}\n`), comment(3, 'git-actions-bot', ours)];
    expect(ourComment(comments, 'git-actions-bot')).toEqual({ id: 2, body: comments[1]!.body });
  });
});
