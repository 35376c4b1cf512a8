import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_END, BLOCK_START, findBlocks, renderBlock, renderCommentBody, spliceBlock } from '../../../src/core/action/block.js';

const block = (review: string, trailers: string[] = ['Decision: a — b']) => renderBlock({ review, trailers, range: 'abc1234..def5678' });

describe('renderBlock', () => {
  it('ends with the trailers, the end marker riding on the last trailer line', () => {
    expect(block('# Review\n\ntext\n')).toBe(`${BLOCK_START}\n# Review\n\ntext\n\nDecision: a — b\nSession-Review: abc1234..def5678 ${BLOCK_END}`);
  });

  it('puts the end marker on its own line when there are no trailers', () => {
    expect(block('# Review\n', [])).toBe(`${BLOCK_START}\n# Review\n${BLOCK_END}`);
  });

  it('a comment holds the review between the markers', () => {
    expect(renderCommentBody('x\n\n')).toBe(`${BLOCK_START}\nx\n${BLOCK_END}`);
  });

  it('holds no HTML but its markers: a subject or decision that holds a marker or opens a comment cannot end or hide the block', () => {
    const review = `# Review\n\n- abc1234 Match the marker ${BLOCK_END}\n- def5678 Strip legacy <!-- comments\n- \`\\\`<!--\\\`\` and \`Map<K, V>\`\n`;
    const trailers = ['Decision: Strip legacy <!-- comments — old pages', `Decision: Quote ${BLOCK_START} — it is text`];
    for (const text of [block(review, trailers), renderCommentBody(review)]) {
      expect(findBlocks(text)).toEqual({ blocks: [{ start: 0, end: text.length }], broken: false });
      expect(text.split('<!--').length - 1).toBe(2);
      expect(text).toContain('`Map<K, V>`');
      // A second run finds its block and puts the same text in its place.
      expect(spliceBlock(`Intro\n\n${text}`, text)).toMatchObject({ kind: 'unchanged' });
    }
  });

  it('holds any text the review gives it as one block, found whole', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<', '!', '-', '>', '`', '\n', 'a', ' ', BLOCK_END, BLOCK_START, '```'), { maxLength: 40 }), (parts) => {
        const text = block(parts.join(''), [`Decision: ${parts.join('').replace(/\n/g, ' ')}`]);
        expect(findBlocks(text)).toEqual({ blocks: [{ start: 0, end: text.length }], broken: false });
      }),
    );
  });
});

describe('spliceBlock', () => {
  it.each([
    [null, ''],
    ['', ''],
    ['Text', '\n\n'],
    ['Text\n', '\n'],
    ['Text\n\n', ''],
    ['Text\r\n', '\r\n'],
    ['a\r\nb\r\nc', '\r\n\r\n'],
  ])('appends to %j after a blank line', (body, sep) => {
    const out = spliceBlock(body, block('r'));
    expect(out).toEqual({ kind: 'added', body: `${body ?? ''}${sep}${block('r')}`, textAfter: false });
  });

  it('replaces the block in place, to the end of the end marker line, keeping the text around it', () => {
    const old = `Intro\r\n\r\n${block('old')}\r\nOutro ✓\r\n`;
    const out = spliceBlock(old, block('new'));
    expect(out).toEqual({ kind: 'replaced', body: `Intro\r\n\r\n${block('new')}\r\nOutro ✓\r\n`, textAfter: true });
  });

  it('leaves an up-to-date description unchanged', () => {
    const body = `Intro\n\n${block('same')}`;
    expect(spliceBlock(body, block('same'))).toEqual({ kind: 'unchanged', body, textAfter: false });
  });

  it('keeps one block when a description holds copies', () => {
    const body = `A\n${block('1')}\nB\n${block('2')}\nC`;
    const out = spliceBlock(body, block('3'));
    expect(out).toEqual({ kind: 'replaced', body: `A\n${block('3')}\nB\nC`, textAfter: true });
  });

  it('leaves markers the author quotes, inline or in a closed code fence, as the author wrote them', () => {
    const example = `How the action marks its block:\n\n\`\`\`md\n${BLOCK_START}\nthe review\n${BLOCK_END}\n\`\`\`\n\nAn unfinished one: \`${BLOCK_START}\`\n`;
    expect(findBlocks(example)).toEqual({ blocks: [], broken: false });
    const added = spliceBlock(example, block('r'));
    expect(added).toMatchObject({ kind: 'added' });
    const body = (added as { body: string }).body;
    expect(body.startsWith(example)).toBe(true);
    // The next run finds its own block, after the example, and replaces only it.
    const again = spliceBlock(body, block('r2'));
    expect(again).toMatchObject({ kind: 'replaced', body: `${example}\n${block('r2')}` });
  });

  it('finds its block after a code fence the author never closed', () => {
    const text = 'Notes\n\n```\nunfinished';
    const body = (spliceBlock(text, block('r')) as { body: string }).body;
    expect(findBlocks(body).blocks).toHaveLength(1);
    expect(spliceBlock(body, block('r'))).toMatchObject({ kind: 'unchanged' });
  });

  it('refuses a start marker without an end marker', () => {
    expect(spliceBlock(`Text\n${BLOCK_START}\nhalf`, block('r'))).toEqual({ kind: 'broken' });
  });

  it('keeps every byte of the author text and one block, however often it runs', () => {
    // Code fences in the author's text have examples of their own above.
    const text = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('<!-- git-session') && !/```|~~~/.test(s));
    fc.assert(
      fc.property(text, text, fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }), (before, after, reviews) => {
        let body = before;
        for (const r of reviews) {
          const out = spliceBlock(body, block(r));
          if (out.kind === 'broken') throw new Error('broken');
          body = out.body;
        }
        if (reviews.length === 0) return;
        expect(body.startsWith(before)).toBe(true);
        expect(findBlocks(body).blocks).toHaveLength(1);
        // Text the author adds after the block survives the next run too.
        const withAfter = `${body}\n${after}`;
        const again = spliceBlock(withAfter, block('last'));
        if (again.kind === 'broken') throw new Error('broken');
        expect(again.body.startsWith(before)).toBe(true);
        expect(again.body.endsWith(`\n${after}`)).toBe(true);
      }),
    );
  });
});
