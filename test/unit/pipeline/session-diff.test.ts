import { describe, expect, it } from 'vitest';
import { addedKinds, newEntries, normaliseEntryText } from '../../../src/core/pipeline/session-diff.js';
import { unescapeMarkdown } from '../../../src/core/session/unescape.js';

describe('newEntries', () => {
  it('finds entries whose text is new, ignoring markup, case, spacing and final punctuation', () => {
    const before = [{ text: 'Use **SQLite** for the cache', reason: 'small' }];
    const after = [
      { text: 'use sqlite  for the cache.', reason: 'a different reason' },
      { text: 'Ship the CLI as one bundle', reason: null },
      { text: 'Ship the CLI as one bundle!', reason: null },
      { text: '   ', reason: null },
    ];
    expect(newEntries(before, after)).toEqual([{ text: 'Ship the CLI as one bundle', reason: null }]);
  });

  it('normalises to NFC so composed and decomposed accents match', () => {
    expect(normaliseEntryText('Caf\u0065\u0301')).toBe(normaliseEntryText('Caf\u00e9'));
  });
});

describe('unescapeMarkdown', () => {
  it('drops backslash escapes of punctuation only', () => {
    expect(unescapeMarkdown('\\# not a heading, 1\\. item, a\\*b\\*, C:\\path')).toBe('# not a heading, 1. item, a*b*, C:\\path');
  });
});

describe('addedKinds', () => {
  it('counts per kind: only secrets the base did not hold are new', () => {
    expect(addedKinds([], ['jwt'])).toEqual(['jwt']);
    expect(addedKinds(['jwt'], ['jwt'])).toEqual([]);
    expect(addedKinds(['jwt'], ['jwt', 'jwt', 'github-token'])).toEqual(['jwt', 'github-token']);
    expect(addedKinds(['jwt', 'github-token'], ['github-token'])).toEqual([]);
  });
});
