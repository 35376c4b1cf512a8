import { describe, expect, it } from 'vitest';
import { parseToolUseInput, toolHookOutput, touchedLines } from '../../../src/core/claude-settings/tool-input.js';

describe('parseToolUseInput', () => {
  it('reads the file and the touched text of Read, Edit, MultiEdit and NotebookEdit; junk gives nothing', () => {
    expect(parseToolUseInput(JSON.stringify({ session_id: 's', tool_input: { file_path: '/r/a.ts', offset: 3, limit: 2 } }))).toMatchObject({ sessionId: 's', filePath: '/r/a.ts', offset: 3, limit: 2 });
    expect(parseToolUseInput(JSON.stringify({ tool_input: { file_path: 'x', edits: [{ old_string: 'a' }, { old_string: 'b' }] } })).oldStrings).toEqual(['a', 'b']);
    expect(parseToolUseInput(JSON.stringify({ tool_input: { notebook_path: 'n.ipynb' } })).filePath).toBe('n.ipynb');
    expect(parseToolUseInput('nope')).toEqual({ oldStrings: [], sessionId: undefined, cwd: undefined, toolName: undefined, filePath: undefined, offset: undefined, limit: undefined });
  });
});

describe('touchedLines', () => {
  const text = 'one\ntwo\nthree\nfour\n';
  it.each([
    [{ oldStrings: ['two\nthree'] }, { start: 2, end: 3 }],
    [{ oldStrings: ['four\n'] }, { start: 4, end: 4 }],
    [{ oldStrings: [], offset: 2, limit: 10 }, { start: 2, end: 4 }],
    [{ oldStrings: ['missing'] }, undefined],
    [{ oldStrings: [], offset: 9, limit: 1 }, undefined],
  ])('%j', (input, expected) => {
    expect(touchedLines(input, text)).toEqual(expected);
  });
});

it('writes context for the model and never a permission decision', () => {
  expect(JSON.parse(toolHookOutput('PreToolUse', 'ctx'))).toEqual({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: 'ctx' } });
});
