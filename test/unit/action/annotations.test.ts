import { describe, expect, it } from 'vitest';
import {
  annotationFor,
  escapeData,
  escapeProperty,
  mergeAdjacent,
  recorded,
  renderWorkflowCommands,
  type Annotation,
  type LineCommit,
} from '../../../src/core/action/annotations.js';

const decided: LineCommit = { short: 'abc1234', decisions: [{ text: 'cache by path', reason: 'parsing dominates' }], deadEnds: [] };
const abandoned: LineCommit = { short: 'def5678', decisions: [], deadEnds: [{ text: 'fs.watch', reason: null }] };
const plain: LineCommit = { short: '1111111', decisions: [], deadEnds: [] };

describe('recorded', () => {
  it.each([
    [[], 'none'],
    [[plain], 'none'],
    [[decided, abandoned], 'all'],
    [[decided, plain], 'some'],
  ] as const)('%j -> %s', (commits, kind) => expect(recorded(commits)).toBe(kind));
});

describe('annotationFor', () => {
  it('names what each commit recorded, with its short hash', () => {
    expect(annotationFor('src/a.ts', { start: 3, end: 4 }, [decided, abandoned, plain])).toEqual({
      path: 'src/a.ts',
      start: 3,
      end: 4,
      title: '1 decision and 1 dead end behind these lines',
      message: 'Decision: cache by path — parsing dominates (abc1234)\nDead end: fs.watch (def5678)',
    });
  });

  it('counts as retired only what is not in force: a decision a revert put back is in force', () => {
    const back: LineCommit = { short: 'bbb2222', decisions: [{ text: 'use tabs', reason: null, status: 'active', recordedIn: 'aaa1111' }], deadEnds: [] };
    const gone: LineCommit = { short: 'ccc3333', decisions: [{ text: 'use spaces', reason: null, status: 'reverted', changedBy: 'ddd4444' }], deadEnds: [] };
    expect(annotationFor('a', { start: 1, end: 1 }, [back])!.title).toBe('1 decision behind these lines');
    expect(annotationFor('a', { start: 1, end: 1 }, [back, gone])!.title).toBe('2 decisions behind these lines (1 no longer in force)');
  });

    it('is undefined for lines whose commits recorded nothing', () => {
    expect(annotationFor('a', { start: 1, end: 1 }, [plain])).toBeUndefined();
  });
});

describe('mergeAdjacent', () => {
  const at = (path: string, start: number, end: number, message = 'm'): Annotation => ({ path, start, end, title: 't', message });
  it('joins touching ranges of one file that say the same, and nothing else', () => {
    expect(mergeAdjacent([at('a', 1, 2), at('a', 3, 5), at('a', 7, 7), at('b', 8, 8), at('b', 9, 9, 'other')])).toEqual([
      at('a', 1, 5),
      at('a', 7, 7),
      at('b', 8, 8),
      at('b', 9, 9, 'other'),
    ]);
  });
});

describe('workflow commands', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('prints one ::notice line per annotation', () => {
    const a: Annotation = { path: 'dir/we,ird:name.ts', start: 2, end: 9, title: '1 decision', message: 'Decision: x\nDead end: 50%' };
    expect(renderWorkflowCommands([a])).toBe(
      '::notice file=dir/we%2Cird%3Aname.ts,line=2,endLine=9,title=1 decision::Decision: x%0ADead end: 50%25\n',
    );
    expect(renderWorkflowCommands([])).toBe('');
  });
});
