import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendTrailers,
  formatTrailer,
  parseTrailers,
  sanitizeValue,
  type Trailer,
} from '../../src/core/trailers/index.js';
import { hermeticEnv, tempRepo, TIMEOUT_MS } from '../helpers/repo.js';

// git itself is the reference: every case runs through `git interpret-trailers` and
// through the port, and the two must agree exactly.

const base = mkdtempSync(join(tmpdir(), 'git-session-trailers-'));
const env = hermeticEnv(join(base, 'home'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function git(args: string[], input: string): string {
  const r = spawnSync('git', args, { cwd: base, env, input, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** `git [config] interpret-trailers --parse [options]` as Trailer objects. */
function gitParse(message: string, config: string[] = [], options: string[] = []): Trailer[] {
  const out = git([...config, 'interpret-trailers', '--parse', ...options], message);
  return out
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const at = line.indexOf(':');
      return { key: line.slice(0, at), value: line.slice(at + 2) };
    });
}

function gitAppend(message: string, trailers: Trailer[]): string {
  const args = trailers.flatMap((t) => ['--trailer', formatTrailer(t.key, t.value)]);
  return git(['interpret-trailers', '--no-divider', '--if-exists', 'addIfDifferent', ...args], message);
}

// TRAILER_FUZZ_RUNS raises the generated cases for a long local run.
const RUNS = Number(process.env.TRAILER_FUZZ_RUNS ?? 250);
const SCISSORS = '# ------------------------ >8 ------------------------';

const PARSE_CASES: Array<[string, string]> = [
  ['sign-off block', 'Add a cache\n\nSpeeds up reads.\n\nSigned-off-by: Ada <ada@example.com>\n'],
  ['co-authors', 'Split parser\n\nCo-authored-by: Bo <bo@example.com>\nCo-authored-by: Cy <cy@example.com>\n'],
  ['prose last paragraph', 'Tidy docs\n\nNote: see above\n'],
  ['bare URL line', 'Link docs\n\nRefs: 12\nhttps://example.com/a/b\n'],
  ['divider ends the message', 'Patch\n\nKey: one\n--- \nOther: two\n'],
  ['divider line right before trailers', 'Patch\n\n---\n\nKey: one\n'],
  ['dashes glued to text are not a divider', 'Rule\n\nKey: one\n---x\n'],
  ['four dashes', 'Rule\n\n----\n\nKey: one\n'],
  ['comment inside the block', 'Edit\n\nKey: one\n# a note\nOther: two\n'],
  ['trailing comments', 'Edit\n\nKey: one\n\n# Please enter the message\n# lines starting with # are dropped\n'],
  ['scissors', `Edit\n\nKey: one\n${SCISSORS}\ndiff --git a/x b/x\n\nLater: no\n`],
  ['scissors first', `${SCISSORS}\nKey: one\n`],
  ['CRLF', 'Edit\r\n\r\nKey: one\r\nOther: two\r\n'],
  ['CRLF continuation', 'Edit\r\n\r\nKey: one\r\n  more\r\n'],
  ['no final newline', 'Edit\n\nKey: one'],
  ['subject only', 'Just a subject\n'],
  ['subject looks like a trailer', 'Key: value\n'],
  ['subject + trailer-looking body without blank line', 'Subject\nKey: value\n'],
  ['indented continuation', 'Edit\n\nKey: a long\n  value that\n\tcontinues\nOther: x\n'],
  ['25% rule with sign-off', 'Edit\n\nsome prose here\nmore prose\nand more\nSigned-off-by: Ada <a@x>\n'],
  ['25% rule fails', 'Edit\n\nprose\nprose\nprose\nprose\nKey: v\nSigned-off-by: Ada <a@x>\n'],
  ['cherry-pick line', 'Edit\n\nprose line\n(cherry picked from commit 0123abc)\nKey: v\n'],
  ['non-ASCII key', 'Edit\n\nDécision: keep\n'],
  ['underscore key', 'Edit\n\nSome_Key: x\n'],
  ['space in key', 'Edit\n\nReviewed by: x\n'],
  ['dotted key', 'Edit\n\na.b: c\n'],
  ['space before colon', 'Edit\n\nKey : spaced\nTab\t: tabbed\n'],
  ['empty value', 'Edit\n\nKey:\nOther: \n'],
  ['colon first', 'Edit\n\n: nothing\n'],
  ['continuation without trailer', 'Edit\n\n  indented\nKey: v\n'],
  ['blank-with-spaces separates', 'Edit\n\nKey: one\n   \nOther: two\n'],
  ['old Conflicts section', 'Merge\n\nKey: one\n\nConflicts:\n\tsrc/a.ts\n'],
  ['non-ASCII value', 'Edit\n\nDecision: garder le cache — plus rapide ✓\n'],
  ['blank lines only', '\n\n\n'],
  ['empty', ''],
  ['leading blank line', '\nKey: v\n'],
  ['squash-merge style', 'Feature (#12)\n\n* first\n* second\n\n---------\n\nCo-authored-by: Bo <bo@x>\n'],
];

describe('parseTrailers agrees with git interpret-trailers --parse', () => {
  it.each(PARSE_CASES)('%s', (_name, message) => {
    expect(parseTrailers(message)).toEqual(gitParse(message));
    expect(parseTrailers(message, { noDivider: true })).toEqual(gitParse(message, [], ['--no-divider']));
  });

  it('honours core.commentChar', () => {
    const message = 'Edit\n\nKey: one\n; note\nOther: two\n\n; trailing\n';
    expect(parseTrailers(message, { commentChar: ';' })).toEqual(gitParse(message, ['-c', 'core.commentChar=;']));
    expect(parseTrailers(message, { commentChar: ';' })).toHaveLength(2);
    expect(parseTrailers(message)).toEqual(gitParse(message));
    expect(parseTrailers(message)).toEqual([]);
  });

  it('counts configured keys for the 25% rule and prints their configured key', () => {
    const message = 'Edit\n\nprose\nprose\nack: Bo\n';
    const flags = ['-c', 'trailer.ack.key=Acked-by'];
    expect(parseTrailers(message, { configured: [{ name: 'ack', key: 'Acked-by' }] })).toEqual(gitParse(message, flags));
    expect(parseTrailers(message, { configured: [{ name: 'ack', key: 'Acked-by' }] })).toEqual([
      { key: 'Acked-by', value: 'Bo' },
    ]);
    expect(parseTrailers(message)).toEqual([]);
  });
});

describe('the hand-written cases exercise both outcomes', () => {
  it('some cases have trailers and some have none', () => {
    const counts = PARSE_CASES.map(([, m]) => parseTrailers(m).length);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(15);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(8);
  });
});

// Line kinds the generated messages are built from: each one probes a rule of git's parser.
const LINE = fc.constantFrom(
  'Subject of the change',
  'a line of prose',
  'Note: see above',
  '',
  '',
  ' ',
  '\t',
  'Key: value',
  'Signed-off-by: Ada <ada@example.com>',
  'Co-authored-by: Bo <bo@example.com>',
  'Decision: use a queue — fewer locks',
  'Dead-End: polling — too slow',
  'Key:value',
  'Key : spaced',
  'Empty:',
  ': no key',
  'https://example.com/path',
  ' continued text',
  '\tcontinued by tab',
  '# a comment',
  '#',
  SCISSORS,
  '---',
  '--- a/file',
  '---x',
  '(cherry picked from commit 0123abc)',
  'Conflicts:',
  '\tsrc/file.ts',
  'Décision: non-ASCII key',
  'Some_Key: underscore',
  'Reviewed by: Cy',
  'a.b: dotted',
  'Valeur: élan ✓',
);

const MESSAGE = fc
  .record({
    lines: fc.array(fc.tuple(LINE, fc.boolean()), { maxLength: 12 }),
    finalNewline: fc.boolean(),
    crlfRate: fc.constantFrom(0, 0, 1, 2),
  })
  .map(({ lines, finalNewline, crlfRate }) => {
    const text = lines.map(([line, cr]) => (crlfRate > 0 && (cr || crlfRate === 2) ? `${line}\r` : line)).join('\n');
    return finalNewline && text !== '' ? `${text}\n` : text;
  });

// git 2.39 never returns when a scissors line follows a patch divider; such messages are
// left out of the comparison with the divider on (the port stops at the divider instead).
function hangsGit(message: string): boolean {
  const divider = message.search(/^---[ \t\r\n]/m);
  return divider !== -1 && message.indexOf(SCISSORS, divider) !== -1;
}

describe('generated messages', () => {
  it('parse exactly as git parses them (divider on and off)', () => {
    fc.assert(
      fc.property(MESSAGE, (message) => {
        if (!hangsGit(message)) expect(parseTrailers(message)).toEqual(gitParse(message));
        expect(parseTrailers(message, { noDivider: true })).toEqual(gitParse(message, [], ['--no-divider']));
      }),
      { numRuns: RUNS },
    );
  });

  const VALUE_PART = fc.constantFrom(
    'use a queue',
    '\nSigned-off-by: x',
    '\n---\n',
    '\n# heading\n',
    '\nKey: value',
    '\nhttps://example.com/x\n',
    'garder le cache ✓',
    ' — fewer locks',
    '\t\r\n',
    'USE A QUEUE',
    'a'.repeat(90),
  );
  const TRAILER = fc.record({
    key: fc.constantFrom('Decision', 'Dead-End', 'Key', 'Signed-off-by', 'Dec'),
    value: fc.array(VALUE_PART, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' ')),
  });

  it('append exactly as git appends them (after adding a missing final newline)', () => {
    fc.assert(
      fc.property(MESSAGE, fc.array(TRAILER, { minLength: 1, maxLength: 3 }), (message, trailers) => {
        const fixed = message === '' || message.endsWith('\n') ? message : `${message}\n`;
        expect(appendTrailers(message, trailers)).toBe(gitAppend(fixed, trailers));
      }),
      { numRuns: Math.round(RUNS * 0.8) },
    );
  });
});

describe('appendTrailers', () => {
  const CASES: Array<[string, string, Trailer[]]> = [
    ['into a sign-off block', 'Add cache\n\nBody.\n\nSigned-off-by: Ada <a@x>\n', [{ key: 'Decision', value: 'LRU — simple' }]],
    ['after prose', 'Add cache\n\nBody text.\n', [{ key: 'Decision', value: 'LRU' }]],
    ['subject only', 'Add cache\n', [{ key: 'Decision', value: 'LRU' }]],
    ['before an editor comment block', 'Add cache\n\n# Please enter the message\n#\n', [{ key: 'Decision', value: 'LRU' }]],
    ['before the scissors', `Add cache\n\nKey: a\n\n${SCISSORS}\ndiff\n`, [{ key: 'Decision', value: 'LRU' }]],
    ['skips a present trailer', 'Add cache\n\nDecision: LRU\n', [{ key: 'Decision', value: 'LRU' }]],
    ['keeps a different value', 'Add cache\n\nDecision: LRU\n', [{ key: 'Decision', value: 'FIFO' }]],
    ['dedupes within the list', 'Add cache\n', [{ key: 'Decision', value: 'LRU' }, { key: 'decision', value: 'lru' }]],
    ['a divider line does not end the message', 'Add cache\n\n---\n\nKey: a\n', [{ key: 'Decision', value: 'LRU' }]],
    ['empty message', '', [{ key: 'Decision', value: 'LRU' }]],
  ];
  it.each(CASES)('%s: as git does', (_name, message, trailers) => {
    expect(appendTrailers(message, trailers)).toBe(gitAppend(message, trailers));
  });

  it('starts a new paragraph when the message has no final newline (git glues it on)', () => {
    const out = appendTrailers('Merge branch x', [{ key: 'Decision', value: 'LRU' }]);
    expect(out).toBe('Merge branch x\n\nDecision: LRU\n');
    expect(gitParse(out)).toEqual([{ key: 'Decision', value: 'LRU' }]);
    expect(gitParse(gitAppend('Merge branch x', [{ key: 'Decision', value: 'LRU' }]))).toEqual([]);
  });
});

describe('formatted values cannot forge trailers', () => {
  const FORGERIES = [
    'keep it\nSigned-off-by: Mallory <m@x>',
    'keep it\n---\nKey: injected',
    'keep it\n# heading\nmore',
    'keep it\r\nKey: value\r\n',
    'https://example.com/x\nhttps://example.com/y',
    `${'word '.repeat(1000)}end`,
    'x'.repeat(5000),
    'décision ✓ 決定 — raison',
    '\u2028Key: value\u0085Other: value\u0000',
    '',
  ];
  const BASES = [
    'Add cache\n',
    'Add cache\n\nBody with a rule\n---\nand more.\n',
    'Add cache\n\nSigned-off-by: Ada <a@x>\n',
    'Add cache\n\nNote: see above\n\n# comment\n',
    'Add cache',
  ];
  it.each(BASES)('on %j', (message) => {
    const before = gitParse(message, [], ['--no-divider']);
    const trailers = FORGERIES.map((value, i) => ({ key: i % 2 ? 'Dead-End' : 'Decision', value }));
    const out = appendTrailers(message, trailers);
    const intended = trailers.map((t) => ({ key: t.key, value: sanitizeValue(t.value) }));
    expect(gitParse(out, [], ['--no-divider'])).toEqual([...before, ...intended]);
    for (const line of out.split('\n')) {
      expect(line.startsWith('---') && !message.includes(line)).toBe(false);
      expect(line.startsWith('#') && !message.includes(line)).toBe(false);
    }
  });
});

describe('a commit made with appended trailers', () => {
  it('gives back exactly the intended values through git log %(trailers)', () => {
    const repo = tempRepo();
    try {
      const values = ['keep the queue\nSigned-off-by: Mallory <m@x>', `${'long reason '.repeat(20)}— because`, 'é ✓\n---\n# x'];
      const message = appendTrailers(
        'Add cache\n\nBody with a rule\n---\nand more.\n\nSigned-off-by: Ada <a@x>\n',
        values.map((value) => ({ key: 'Decision', value })),
      );
      repo.write('msg.txt', message);
      repo.git(['commit', '-q', '--allow-empty', '--cleanup=strip', '-F', 'msg.txt']);
      const out = repo.git(['log', '-1', '--format=%(trailers:key=Decision,valueonly,unfold,separator=%x1e)']).stdout;
      expect(out.replace(/\n$/, '').split('\x1e')).toEqual(values.map(sanitizeValue));
      const signOff = repo.git(['log', '-1', '--format=%(trailers:key=Signed-off-by,valueonly)']).stdout;
      expect(signOff.trim()).toBe('Ada <a@x>');
    } finally {
      repo.cleanup();
    }
  });
});
