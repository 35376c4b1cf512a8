import { describe, expect, it } from 'vitest';
import { sincePrevious } from '../../../src/core/journal/entry.js';

describe('sincePrevious', () => {
  it.each([
    ['the same minute', '2026-01-07 10:01 +00:00', '2026-01-07 10:01 +00:00', '0m'],
    ['the next minute, however few seconds apart', '2026-01-07 10:01 +00:00', '2026-01-07 10:00 +00:00', '1m'],
    ['across time zones', '2026-01-07 11:30 +01:00', '2026-01-07 10:00 +00:00', '30m'],
    ['after a backdated entry, what the headings say', '2026-01-07 10:05 +00:00', '2026-01-05 09:00 +00:00', '2d 1h'],
    ['an entry dated before the previous one', '2026-01-05 09:00 +00:00', '2026-01-07 10:01 +00:00', undefined],
    ['no previous entry', '2026-01-05 09:00 +00:00', undefined, undefined],
    ['an unreadable previous time', '2026-01-05 09:00 +00:00', 'yesterday', undefined],
  ])('%s', (_case, time, previous, expected) => {
    expect(sincePrevious(time, previous)).toBe(expected);
  });
});
