import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedSummary, storeSummary } from '../../../src/adapters/commit-state.js';
import type { SessionSummary } from '../../../src/core/pipeline/session-summary.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function summary(goal: string): SessionSummary {
  return { goal, status: null, keyFiles: [], secretKinds: [], decisions: [], deadEnds: [] };
}

describe('the summary cache file', () => {
  it('reads back what was stored, and sees a change another process made', () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-cache-'));
    const path = join(dir, 'git-session', 'cache.json');
    expect(cachedSummary(path, 'a')).toBeUndefined();
    storeSummary(path, ['a'], summary('first'));
    storeSummary(path, ['b'], summary('second'));
    expect(cachedSummary(path, 'a')?.goal).toBe('first');
    expect(cachedSummary(path, 'b')?.goal).toBe('second');
    // Another process replaces the file: the next read is of the new file.
    // Unbuilt code keys the cache as 'unbuilt' (a build keys it by version and sources).
    writeFileSync(path, JSON.stringify({ version: 'unbuilt', entries: [{ ids: ['c'], summary: summary('third'), anchors: [] }] }));
    expect(cachedSummary(path, 'a')).toBeUndefined();
    expect(cachedSummary(path, 'c')?.goal).toBe('third');
    // A corrupt or missing file has nothing.
    writeFileSync(path, `{"version":"unbuilt","entries":[`);
    expect(cachedSummary(path, 'c')).toBeUndefined();
    rmSync(path);
    expect(cachedSummary(path, 'c')).toBeUndefined();
  });
});
