import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commitShortcut, shortcutAfter, stagedShortcut, type ShortcutInput } from '../../../src/core/pipeline/commit-shortcut.js';
import { formatLocalTime, isoWeek, renderEntry } from '../../../src/core/journal/entry.js';
import { PRESET_ANCHORS } from '../../../src/core/redact/preset-anchors.js';
import { EXTRA_RULES } from '../../../src/core/redact/extra-rules.js';
import { redactShown } from '../../../src/core/redact/index.js';
import { touchedKeyFiles } from '../../../src/core/pipeline/paths.js';

const SCRIPT = resolve(__dirname, '../../../bin/git-session-hook.sh');
// The shells the hook script runs under: Debian's sh (dash) and bash.
const SHELLS = ['sh', 'bash'].filter((s) => spawnSync(s, ['-c', ':']).status === 0);

/** Runs `body` in `shell` after sourcing the hook functions; stdout, and the exit status. */
function run(shell: string, body: string, env: Record<string, string> = {}): { out: string; status: number | null } {
  // bash without its start-up files: started with socket pipes, it would read ~/.bashrc.
  const args = shell === 'bash' ? ['--norc', '--noprofile'] : [];
  const r = spawnSync(shell, [...args, '-c', `. "${SCRIPT}"\n${body}`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  if (r.stderr) throw new Error(r.stderr);
  return { out: r.stdout, status: r.status };
}

const INPUT: ShortcutInput = {
  build: '0.1.0+abc123',
  head: 'a'.repeat(40),
  tree: `100644 blob ${'b'.repeat(40)}\t.gitsession`,
  attributes: false,
  config: "merge.x.driver sh -c 'it''s \"quoted\" $HOME `x`'\nfilter.y.required true",
  sessionFile: 'SESSION.md',
  journalTemplate: '.session/journal/{year}-W{week}.md',
  journalFile: '.session/journal/2026-W49.md',
  size: 1234,
  epoch: 1_796_525_695,
  branch: 'feature/x',
  shownBranch: 'feature/x',
  author: "Zoë O'Brien <zoe@example.com>",
  shownAuthor: "Zoë O'Brien <zoe@example.com>",
  goal: 'Ship "it" \\ with a backslash, $HOME and `ticks`',
  status: 'Half done — ünïcode',
  threshold: 20,
  keyFiles: ['src/core', 'docs/*.md'],
};

describe('the commit shortcut the binary leaves', () => {
  it.each(SHELLS)('reads back under %s as every value was given, nothing expanded', (shell) => {
    const s = commitShortcut(INPUT)!;
    const dir = mkdtempSync(join(tmpdir(), 'gs-shortcut-'));
    try {
      writeFileSync(join(dir, 'commit-shortcut'), s.script);
      const { out } = run(shell, `. "${dir}/commit-shortcut"; printf '%s\\0' "$gs_k_build" "$gs_k_tree" "$gs_k_config" "$gs_k_author" "$gs_k_suffix" "$gs_k_body" "$gs_k_body_bytes" "$gs_k_keys" "$gs_k_end"`);
      const [build, tree, config, author, suffix, body, bodyBytes, keys, end] = out.split('\0');
      const rendered = renderEntry({ time: 'T', kind: 'commit', branch: INPUT.branch, author: INPUT.author, goal: INPUT.goal!, status: INPUT.status!, decisions: [], deadEnds: [], files: [] });
      expect({ build, tree, config, author, keys, end }).toEqual({ build: INPUT.build, tree: INPUT.tree, config: INPUT.config, author: INPUT.author, keys: 'src/core\ndocs/*.md', end: '1' });
      // The heading after its time and the lines before the files, as the binary renders them.
      expect(`### T${suffix}\n${body}`).toBe(rendered);
      expect(Number(bodyBytes)).toBe(Buffer.byteLength(body!, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds the JSON of its texts for the record the binary reads on a retry', () => {
    const s = commitShortcut(INPUT)!;
    const json = /gs_k_body_json='((?:[^']|'\\'')*)'/.exec(s.script)![1]!.replaceAll(`'\\''`, "'");
    const body = renderEntry({ time: 'T', kind: 'commit', branch: 'b', author: 'a', goal: INPUT.goal!, status: INPUT.status!, decisions: [], deadEnds: [], files: [] }).replace(/^.*\n/, '');
    expect(JSON.parse(`"${json}"`)).toBe(body);
  });

  it('ends with where the last entry went, one value a line', () => {
    expect(commitShortcut(INPUT)!.last).toBe(`${'a'.repeat(40)}\n1796525695\n1234\n.session/journal/2026-W49.md\n`);
  });

  it.each<[string, Partial<ShortcutInput>]>([
    ['a branch shown otherwise than named (redacted)', { shownBranch: 'feature/[REDACTED]' }],
    ['an author shown otherwise than git names them', { shownAuthor: 'x' }],
    ['an author with a control character', { author: 'A\x1b[31m <a@b>', shownAuthor: 'A\x1b[31m <a@b>' }],
    ['a branch name with a quote', { branch: "it's", shownBranch: "it's" }],
    ['a session file in a folder', { sessionFile: 'docs/SESSION.md' }],
    ['a journal file name with a space', { journalFile: '.session/my journal.md' }],
    ['a journal template with a quote', { journalTemplate: ".session/'{week}'.md" }],
    ['a key file with a bracket (a pattern in sh, a literal for the binary)', { keyFiles: ['a[1].ts'] }],
    ['a HEAD that is no commit id', { head: 'HEAD' }],
    ['a build key with a space', { build: '0.1 x' }],
  ])('is not left for %s', (_, change) => {
    expect(commitShortcut({ ...INPUT, ...change })).toBeUndefined();
  });

  it('never reaches a threshold when staleness cannot apply', () => {
    expect(commitShortcut({ ...INPUT, threshold: undefined })!.script).toContain(`gs_k_threshold=${2 ** 31 - 1}\n`);
  });
});

describe('the shortcut a record command leaves for the commit that stages its text', () => {
  const STAGED = { build: '0.1.0+abc', head: 'a'.repeat(40), base: 'b'.repeat(40), blob: 'c'.repeat(40), goal: 'G', status: "it's S", decisions: ['Use one table — fewer places'], deadEnds: ['Polling — too slow'] };

  it.each(SHELLS)('holds the entry lines before the files as the binary renders them, under %s', (shell) => {
    const script = stagedShortcut(STAGED)!;
    const dir = mkdtempSync(join(tmpdir(), 'gs-shortcut-'));
    try {
      writeFileSync(join(dir, 'staged'), script);
      const { out } = run(shell, `. "${dir}/staged"; printf '%s\\0' "$gs_o_head" "$gs_o_base" "$gs_o_blob" "$gs_o_body" "$gs_o_end"`);
      const [head, base, blob, body, end] = out.split('\0');
      expect({ head, base, blob, end }).toEqual({ head: STAGED.head, base: STAGED.base, blob: STAGED.blob, end: '1' });
      expect(body).toBe("- Goal: G\n- Decision: Use one table — fewer places\n- Dead end: Polling — too slow\n- Status: it's S\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not left for ids that are not ids', () => {
    expect(stagedShortcut({ ...STAGED, blob: 'HEAD' })).toBeUndefined();
  });

  it('hands on the shortcut for the commit after, with the new blob and what the new text holds', () => {
    const tree = `100644 blob ${'1'.repeat(40)}\t.gitsession\n100644 blob ${'2'.repeat(40)}\tSESSION.md`;
    const after = shortcutAfter({ ...INPUT, tree }, 'f'.repeat(40), { goal: 'New goal', status: null, keyFiles: ['lib'], threshold: 5 })!;
    expect(after).toContain(`gs_k_tree='100644 blob ${'1'.repeat(40)}\t.gitsession\n100644 blob ${'f'.repeat(40)}\tSESSION.md'\n`);
    expect(after).toContain("gs_k_body='- Goal: New goal\n'\n");
    expect(after).toContain("gs_k_threshold=5\ngs_k_keys='lib'\n");
    // Without the session file in the tree there is nothing to change.
    expect(shortcutAfter({ ...INPUT, tree: `100644 blob ${'1'.repeat(40)}\t.gitsession` }, 'f'.repeat(40), { goal: null, status: null, keyFiles: [], threshold: 5 })).toBeUndefined();
  });
});

describe('the hook script dates an entry as the binary does', () => {
  // Year ends, leap days, week 53, zones east and west, with minutes.
  const instants = [0, 86_399, 951_782_400, 1_104_537_599, 1_104_537_600, 1_230_768_000, 1_609_459_199, 1_609_459_200, 1_735_603_200, 1_796_525_695, 4_102_444_800];
  for (let i = 0; i < 60; i++) instants.push(Math.floor((i * 2_654_435_761) % 4_000_000_000));
  const zones = ['+0000', '-0000', '+0100', '-0500', '+0530', '-0930', '+1245', '-1200', '+1400', '+0800'];
  it.each(SHELLS)('time and ISO week under %s, for %#', (shell) => {
    const cases = instants.flatMap((t) => zones.map((z) => ({ t, z })));
    const offset = (z: string) => (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3)));
    const expected = cases
      .filter(({ t, z }) => t + offset(z) * 60 >= 0)
      .map(({ t, z }) => {
        const { year, week } = isoWeek(new Date(t * 1000), offset(z));
        return `${formatLocalTime(new Date(t * 1000), offset(z))}|${year}|${String(week).padStart(2, '0')}`;
      });
    const body = cases.map(({ t, z }) => `git_session_entry_time '@${t} ${z}' && echo "$gs_time|$gs_wy|$gs_w"`).join('\n');
    expect(run(shell, body).out.trim().split('\n')).toEqual(expected);
  });

  it.each(SHELLS)('refuses any other shape of date under %s', (shell) => {
    for (const d of ['', '1700000000 +0000', '@17x +0000', '@1700000000', '@1700000000 +01', '@1700000000 0100', '@0 -0100']) {
      expect(run(shell, `git_session_entry_time '${d}'`).status, d).not.toBe(0);
    }
  });
});

describe('the hook script leaves every commit that touches a key file to the binary', () => {
  const keys = ['src/**/*.ts', '**/x.ts', 'lib/*.js', 'docs', 'a?.md', 'Makefile'];
  const paths = ['src/a.ts', 'src/b/c.ts', 'x.ts', 'deep/er/x.ts', 'lib/a.js', 'lib/b/c.js', 'docs/guide.md', 'docs', 'ab.md', 'a/b.md', 'Makefile', 'Makefile.old', 'README.md', 'srcx/a.ts', 'lib.js'];
  it.each(SHELLS)('matching at least what git-session matches, under %s', (shell) => {
    const script = commitShortcut({ ...INPUT, keyFiles: keys })!.script;
    const dir = mkdtempSync(join(tmpdir(), 'gs-shortcut-'));
    try {
      writeFileSync(join(dir, 'commit-shortcut'), script);
      const body = paths.map((p) => `git_session_shortcut_files "1	1	${p}" && echo shown || echo declined`).join('\n');
      const verdicts = run(shell, `. "${dir}/commit-shortcut"\n${body}`).out.trim().split('\n');
      const touched = paths.filter((p) => touchedKeyFiles([p], keys).length > 0);
      expect(touched.length).toBeGreaterThan(5);
      expect(touched.filter((p) => verdicts[paths.indexOf(p)] !== 'declined')).toEqual([]);
      // And a path no key names is shown.
      expect(verdicts[paths.indexOf('README.md')]).toBe('shown');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the hook script takes only a plain git commit', () => {
  const plain = [
    ['git', 'commit', '-m', 'message'],
    ['/usr/bin/git', 'commit', '-qam', 'two words'],
    ['git', 'commit', '-m', ''],
    ['git', 'commit', '-m', '--amend'],
    ['git', 'commit', '-m', 'line one\nline two\n-C x'],
    ['git', 'commit', '--message=x', '-a', '-s', '--no-verify'],
    ['git', 'commit', '-F', 'msg.txt', '--cleanup=strip'],
    ['git', 'commit', '-mfoo', '-S', '--author=A <a@b>', '--date=now'],
    ['git', 'commit'],
    ['git', 'commit', '-e', '-v', '--quiet'],
  ];
  const other = [
    ['git', 'commit', '--amend'],
    ['git', 'commit', '-m', 'x', '--amend'],
    ['git', 'commit', '-m', '', '--amend'],
    ['git', 'commit', '-C', 'HEAD'],
    ['git', 'commit', '-qC', 'HEAD'],
    ['git', 'commit', '-c', 'ORIG_HEAD'],
    ['git', 'commit', '--reuse-message=HEAD'],
    ['git', 'commit', '--fixup=HEAD'],
    ['git', 'commit', '-m', 'x', 'file.txt'],
    ['git', 'commit', '-m', 'x', '--', 'file.txt'],
    ['git', 'commit', '-o', '-m', 'x'],
    ['git', 'commit', '-i', 'a'],
    ['git', 'commit', '--trailer', 'Decision: x'],
    ['git', 'commit', '-m'],
    ['git', '-c', 'x=y', 'commit', '-m', 'x'],
    ['git', 'ci', '-m', 'x'],
    ['git', 'commit', '-m', 'a\u0001-m', '--amend'],
  ];
  it.each(SHELLS)('under %s', (shell) => {
    // As /proc/<pid>/cmdline holds them, through the script's tr: NUL parts, \001 kept apart.
    const words = (argv: string[]) => argv.join('\0').replace(/[\0\u0001]/g, (c) => (c === '\0' ? '\u0001' : '\u0002')) + '\u0001';
    const verdict = (argv: string[]) => run(shell, 'git_session_plain_argv "$ARGS"', { ARGS: words(argv) }).status === 0;
    expect(plain.filter((a) => !verdict(a))).toEqual([]);
    expect(other.filter((a) => verdict(a))).toEqual([]);
  });
});

describe('the hook script shows a file name as it is only when the binary would', () => {
  // One name for each literal a secret rule of the binary looks for: a rule added without one fails here.
  const SAMPLES: Record<string, string> = {
    '-----BEGIN': 'keys/-----BEGIN.pem',
    npm_: 'npm_abc.txt',
    'xox[bparo]-|xapp-|hooks\\.slack\\.com': 'XOXB-1.txt',
    'SG\\.\\w': 'SG.abc.txt',
    'shp(?:pa|ca|at|ss)_': 'shpat_x.txt',
    'gh[pousr]_|github_pat_': 'ghp_x.txt',
    T3BlbkFJ: 'aT3BlbkFJb.txt',
    'sk-ant-api0': 'sk-ant-api03.txt',
    lin_api_: 'lin_api_x.txt',
    ops_ey: 'ops_eyJ.txt',
    '(?:mongodb(?:\\+srv)?|mysqlx?|postgres(?:ql)?):\\/\\/': 'mysql://db',
    ':\\/\\/[-\\w]+:[-\\w]+@': 'a://b:c@d',
    'A3T|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA': 'AKIA.txt',
    'secret_?access_?key': 'Secret_Access_Key.txt',
    github_pat_: 'github_pat_1.txt',
    'SG\\.': 'xSG.y',
    'gl(?:pat|dt|rt|ptt|soat|oas)-': 'glpat-1.txt',
    'sk-(?:proj|svcacct|admin)-': 'sk-proj-1.txt',
    'sk-ant-': 'sk-ant-x.txt',
    '[sr]k_(?:live|test)_|whsec_': 'rk_live_1.txt',
    AIza: 'AIzaX.txt',
    eyJ: 'eyJhb.txt',
    'passw|pwd|secret|api[_-]?key|token|private[_-]?key': 'Api-Key.txt',
    ':\\/\\/': 'x://y',
  };
  const anchors = [...Object.values(PRESET_ANCHORS), ...EXTRA_RULES.map((r) => r.anchor)].filter((a): a is RegExp => a !== null);

  it('has a sample for every anchor, which the anchor finds', () => {
    for (const a of anchors) {
      const sample = SAMPLES[a.source];
      expect(sample, `no sample for /${a.source}/`).toBeDefined();
      expect(a.test(sample!), `/${a.source}/ on ${sample}`).toBe(true);
    }
  });

  it.each(SHELLS)('declines every sample, and names of every other kind, under %s', async (shell) => {
    const names = [...new Set(Object.values(SAMPLES))];
    // Names with each word the rules look for in other cases, and with what the rules' anchors start with.
    names.push('PASSWORD.md', 'src/auth/pwd.ts', 'mytoken.js', 'docs/secrets/readme', 'Private-Key.txt', 'xapp-1', 'hooks.SLACK.com', 'postgres.conf', 'mongodb.yaml', 'ghs_x', 'whsec_1', 'sk_test_1');
    const verdicts = run(shell, names.map((n) => `git_session_plain_name '${n}' && echo show || echo decline`).join('\n')).out.trim().split('\n');
    expect(names.filter((_, i) => verdicts[i] !== 'decline')).toEqual([]);
    // None of these needs redacting, and each is shown as it is.
    const ordinary = ['src/index.ts', 'README.md', 'a-b_c.d/e+f,g=h@i~j', 'test/unit/pipeline/commit-shortcut.test.ts', 'highlight.js', 'SKILLS.md'];
    const shown = run(shell, ordinary.map((n) => `git_session_plain_name '${n}' && echo show || echo decline`).join('\n')).out.trim().split('\n');
    expect(shown).toEqual(ordinary.map(() => 'show'));
    for (const n of ordinary) expect(await redactShown(n, {})).toBe(n);
  });
});
