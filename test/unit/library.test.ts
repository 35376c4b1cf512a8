import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';

// The library export is public API: adding is fine, removing or renaming breaks users.
describe('the library export', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(lib).sort()).toEqual(
      [
        'CONFIG_FILE',
        'DEAD_END_ALIASES',
        'DEFAULT_CONFIG',
        'ExitCode',
        'GitSessionError',
        'TEMPLATE_SECTIONS',
        'addDeadEnd',
        'addDecision',
        'addKeyFile',
        'appendTrailers',
        'containsSecret',
        'findSecretsInSessionText',
        'formatTrailer',
        'getDeadEnds',
        'getDecisions',
        'getGoal',
        'getKeyFiles',
        'getNextSteps',
        'getStatus',
        'joinReason',
        'parseConfig',
        'parseEntries',
        'parseSession',
        'parseTrailers',
        'publicText',
        'redactSecrets',
        'renderDefaultConfig',
        'renderEntry',
        'sanitiseText',
        'sanitizeValue',
        'setStatus',
        'splitItemReason',
        'splitReason',
      ].sort(),
    );
  });

  it('works as the README shows', async () => {
    const text = '# S\n\n## Decisions\n- Use cents — Reason: floats round badly\n';
    expect(lib.getDecisions(lib.parseSession(text))).toEqual([{ text: 'Use cents', reason: 'floats round badly' }]);
    const added = lib.addDecision(text, { text: 'Store UTC', reason: 'one zone' });
    expect(added.startsWith(text.trimEnd())).toBe(true);
    expect(added).toContain('- Store UTC — Reason: one zone\n');
    expect(lib.parseTrailers('Subject\n\nDecision: a — b\nSigned-off-by: X <x@y>\n')).toEqual([
      { key: 'Decision', value: 'a — b' },
      { key: 'Signed-off-by', value: 'X <x@y>' },
    ]);
    const key = 'AKIA' + 'IOSFODNN7EXAMPLE';
    expect((await lib.redactSecrets(`key ${key} here`)).text).not.toContain(key);
  });
});
