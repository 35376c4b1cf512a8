import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftFromTranscripts, repoRelative } from '../../../src/core/capture/draft.js';
import { readTranscript } from '../../../src/core/capture/transcript.js';

const line = (o: unknown) => JSON.stringify(o);

describe('readTranscript', () => {
  it('never throws on arbitrary lines', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => line({ type: 'assistant', message: { content: v } })))), (lines) => {
        const facts = readTranscript(lines.join('\n'));
        expect(facts.records).toBeGreaterThanOrEqual(facts.skipped);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a reverse edit as undone and a non-zero exit as a failure', () => {
    const text = [
      line({ type: 'assistant', message: { content: [{ type: 'tool_use', name: 'Edit', input: { file_path: 'a.ts', old_string: 'x', new_string: 'y' } }] } }),
      line({ type: 'assistant', message: { content: [{ type: 'tool_use', name: 'Edit', input: { file_path: 'a.ts', old_string: 'y', new_string: 'x' } }, { type: 'tool_use', id: 'b', name: 'Bash', input: { command: 'make' } }] } }),
      line({ type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 'b', content: [{ type: 'text', text: 'Exit code 2\nmake: *** no rule' }] }] } }),
    ].join('\n');
    const f = readTranscript(text);
    expect(f.undone).toEqual([{ path: 'a.ts', how: 'a later edit put the earlier text back' }]);
    expect(f.failed).toEqual([{ command: 'make', error: 'make: *** no rule' }]);
  });
});

describe('draftFromTranscripts', () => {
  it('keeps only paths inside the repository, repo-relative, and redacts', async () => {
    expect(repoRelative('/r/src/a.ts', '/r')).toBe('src/a.ts');
    expect(repoRelative('/rx/a.ts', '/r')).toBeUndefined();
    expect(repoRelative('../a.ts', '/r')).toBeUndefined();
    // Built from parts so no scanner flags this file.
    const key = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
    const text = [
      line({ type: 'user', timestamp: '2025-01-01T00:00:00Z', message: { content: `use key ${key} please` } }),
      line({ type: 'assistant', message: { content: [{ type: 'tool_use', id: 'b', name: 'Bash', input: { command: `deploy --key ${key}` } }] } }),
      line({ type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 'b', content: [{ type: 'text', text: `Exit code 1\nbad key ${key}` }] }] } }),
    ].join('\n');
    const d = await draftFromTranscripts([{ name: 't.jsonl', text }], '/r');
    expect(d.goal).toMatch(/^use key \[REDACTED:[a-z-]+\] please$/);
    expect(d.failedCommands).toHaveLength(1);
    expect(JSON.stringify(d)).not.toContain(key);
    expect(d.transcripts).toEqual(['t.jsonl']);
    expect(d.duration).toBe('0m');
  });
});
