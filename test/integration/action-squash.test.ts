import { spawnSync } from 'node:child_process';
import { loudMentions } from '../../src/core/trailers/loud-mentions.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBlock, spliceBlock } from '../../src/core/action/block.js';
import { formatTrailer } from '../../src/core/trailers/index.js';
import { hermeticEnv, TIMEOUT_MS } from '../helpers/repo.js';

// git is the reference: the description, turned into a squash message the way GitHub
// builds it from the title and the description, must end with the branch's trailers
// as `git interpret-trailers --parse` reads them.

const base = mkdtempSync(join(tmpdir(), 'git-session-squash-'));
const env = hermeticEnv(join(base, 'home'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function parse(message: string): string {
  const r = spawnSync('git', ['interpret-trailers', '--parse', '--no-divider'], { cwd: base, env, input: message, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

function squash(body: string): string {
  return `Cache parsed files (#7)\n\n${body}`;
}

const REVIEW = '# Review of abc1234..def5678\n\n## Decisions\n\n- cache by path — parsing dominates (abc1234)\n\n## Commits\n\n- abc1234 Cache\n';

describe('the description block in a squash message', () => {
  it('leaves the trailers, and only them, as the last paragraph', () => {
    const trailers = [formatTrailer('Decision', 'cache parsed files by path, so that a second run of the converter over the same tree parses nothing — parsing dominates'), 'Dead-End: fs.watch — misses renames'];
    const block = renderBlock({ review: REVIEW, trailers, range: 'abc1234..def5678' });
    for (const author of ['', 'Fixes the café bug.\r\n\r\nNote: keep this\r\n', 'Signed-off-by: A <a@example.com>', '- list\n- ünïcödé ✓']) {
      const out = spliceBlock(author, block);
      if (out.kind === 'broken') throw new Error('broken');
      expect(parse(squash(out.body))).toBe(
        'Decision: cache parsed files by path, so that a second run of the converter over the same tree parses nothing — parsing dominates\n' +
          'Dead-End: fs.watch — misses renames\n' +
          'Session-Review: abc1234..def5678 <!-- git-session:review:end -->\n',
      );
    }
  });

  it('keeps them for any decisions and any author text before the block', () => {
    const value = fc.string({ minLength: 1, maxLength: 120 }).filter((v) => /[A-Za-z]/.test(v));
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.array(value, { minLength: 1, maxLength: 4 }), (author, values) => {
        const trailers = values.map((v) => formatTrailer('Decision', v));
        const out = spliceBlock(author.replaceAll('<!--', ''), renderBlock({ review: REVIEW, trailers, range: 'a..b' }));
        if (out.kind === 'broken') throw new Error('broken');
        const parsed = parse(squash(out.body)).split('\n').filter((l) => l !== '');
        // As the readers take them: the quiet space after a `<` (see quietHtml) taken out.
        expect(parsed.slice(0, -1).map(loudMentions)).toEqual(trailers.map((t) => t.replace(/\n /g, ' ')));
        expect(parsed.at(-1)).toBe('Session-Review: a..b <!-- git-session:review:end -->');
      }),
      { numRuns: 40 },
    );
  });
});
