import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perCloneConfig } from '../../../src/core/clone/config.js';
import { GIT_SETTINGS_PATTERN, PREFLIGHT_END, PREFLIGHT_HEADER, REVERT_GREP, parsePreflight, sessionBlobs } from '../../../src/core/pipeline/preflight.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const Z = '0'.repeat(40);

function text(parts: { layout?: string; tree?: string[]; diff?: string; end?: boolean; config?: string }): string {
  const layout = parts.layout ?? `/w/repo\n/w/repo/.git\n/w/repo/.git/git-session\n${C}\n`;
  const tree = (parts.tree ?? []).map((r) => r + '\0').join('');
  return `${PREFLIGHT_HEADER}\n${parts.config ?? ''}\0${layout}\0${tree}\0${parts.diff ?? ''}${parts.end === false ? '' : PREFLIGHT_END}`;
}

describe('parsePreflight', () => {
  it('reads the layout, HEAD, the top-level blobs and the staged changes with their counts', () => {
    const p = parsePreflight(
      text({
        tree: [`100644 blob ${A}\tSESSION.md`, `040000 tree ${B}\tsrc`, `100644 blob ${B}\tname with\nnewline`],
        diff: `:100644 100644 ${A} ${B} M\0SESSION.md\0:000000 100644 ${Z} ${C} A\0src/new.js\0` + `3\t1\tSESSION.md\0` + `4\t0\tsrc/new.js\0`,
      }),
    );
    expect(p).toBeDefined();
    expect(p!.root).toBe('/w/repo');
    expect(p!.stateDir).toBe('/w/repo/.git/git-session');
    expect(p!.head).toBe(C);
    expect([...p!.topBlobs]).toEqual([
      ['SESSION.md', { id: A, mode: '100644' }],
      ['name with\nnewline', { id: B, mode: '100644' }],
    ]);
    expect(p!.changes.get('src/new.js')).toEqual({ before: undefined, after: C, mode: '100644' });
    expect(sessionBlobs(p!, 'SESSION.md')).toEqual({ staged: B, base: A, mode: '100644' });
    expect(p!.numstat).toBe('3\t1\tSESSION.md\0' + '4\t0\tsrc/new.js\0');
  });

  it('an unchanged session file at the top is staged as HEAD has it; one below it cannot be told', () => {
    const p = parsePreflight(text({ tree: [`100644 blob ${A}\tSESSION.md`], diff: `:100644 100644 ${B} ${C} M\0x.js\0` + `1\t1\tx.js\0` }))!;
    expect(sessionBlobs(p, 'SESSION.md')).toEqual({ staged: A, base: A, mode: '100644' });
    expect(sessionBlobs(p, 'docs/SESSION.md')).toBeUndefined();
    // Missing at the top of HEAD: neither staged nor committed.
    expect(sessionBlobs(p, 'NOTES.md')).toEqual({ staged: undefined, base: undefined, mode: undefined });
  });

  it('says the staged mode: from the diff when the commit changes the file, else from HEAD', () => {
    const p = parsePreflight(text({ tree: [`100755 blob ${A}\tSESSION.md`, `120000 blob ${B}\tNOTES.md`], diff: `:100755 100644 ${A} ${C} M\0SESSION.md\0` + `1\t0\tSESSION.md\0` }))!;
    expect(sessionBlobs(p, 'SESSION.md')?.mode).toBe('100644');
    expect(sessionBlobs(p, 'NOTES.md')?.mode).toBe('120000');
  });

  it('a rename is a deletion under the old path and an addition under the new', () => {
    const p = parsePreflight(text({ diff: `:100644 100644 ${A} ${A} R100\0SESSION.md\0docs/SESSION.md\0` + `0\t0\t\0SESSION.md\0docs/SESSION.md\0` }))!;
    expect(sessionBlobs(p, 'SESSION.md')).toEqual({ staged: undefined, base: A, mode: undefined });
    expect(sessionBlobs(p, 'docs/SESSION.md')).toEqual({ staged: A, base: undefined, mode: '100644' });
  });

  it('a copy leaves its source as the commit stages it: listed on its own when it changed too', () => {
    const diff =
      `:100644 100644 ${A} ${B} M\0SESSION.md\0:100644 100644 ${A} ${C} C087\0SESSION.md\0archive/session.md\0` +
      `2\t0\tSESSION.md\0` +
      `3\t0\t\0SESSION.md\0archive/session.md\0`;
    const p = parsePreflight(text({ tree: [`100644 blob ${A}\tSESSION.md`], diff }))!;
    expect(sessionBlobs(p, 'SESSION.md')).toEqual({ staged: B, base: A, mode: '100644' });
    expect(sessionBlobs(p, 'archive/session.md')).toEqual({ staged: C, base: undefined, mode: '100644' });
    // An unchanged source of a copy: staged as HEAD has it.
    const q = parsePreflight(text({ tree: [`100644 blob ${A}\tSESSION.md`], diff: `:100644 100644 ${A} ${A} C100\0SESSION.md\0x/copy.md\0` + `0\t0\t\0SESSION.md\0x/copy.md\0` }))!;
    expect(sessionBlobs(q, 'SESSION.md')).toEqual({ staged: A, base: A, mode: '100644' });
  });

  it('an unborn HEAD: rev-parse echoes HEAD and git ls-tree prints nothing', () => {
    const p = parsePreflight(text({ layout: '/w/r\n/w/r/.git\n/w/r/.git/git-session\nHEAD\n', diff: `:000000 100644 ${Z} ${A} A\0a.txt\0` + `1\t0\ta.txt\0` }))!;
    expect(p.head).toBeUndefined();
    expect(p.topBlobs.size).toBe(0);
    expect(sessionBlobs(p, 'SESSION.md')).toEqual({ staged: undefined, base: undefined, mode: undefined });
  });

  it('refuses anything incomplete or foreign, so the hook asks git itself', () => {
    expect(parsePreflight('')).toBeUndefined();
    expect(parsePreflight(text({ end: false }))).toBeUndefined();
    expect(parsePreflight(text({}).replace(PREFLIGHT_HEADER, 'git-session-preflight 3'))).toBeUndefined();
    expect(parsePreflight(text({ layout: 'relative\n.git\nx\n' }))).toBeUndefined();
    expect(parsePreflight(`${PREFLIGHT_HEADER}\n\0/w\n/w/.git\n/w/.git/gs\n${PREFLIGHT_END}`)).toBeUndefined();
    expect(parsePreflight(text({ diff: ':garbage\0a\0' }))).toBeUndefined();
    expect(parsePreflight(text({ diff: `:100644 100644 ${A.slice(0, 7)} ${B.slice(0, 7)} M\0a\0` }))).toBeUndefined();
  });

  it('asks git for the settings with the same pattern as the hook script, in its preflight and in its shortcut', () => {
    const script = readFileSync(new URL('../../../bin/git-session-hook.sh', import.meta.url), 'utf8');
    expect(script.split(`git config --get-regexp '${GIT_SETTINGS_PATTERN}'`)).toHaveLength(3);
  });

  it('names the per-clone config keys git has no value for (section and key in any case)', () => {
    const config = Object.entries(perCloneConfig())
      .filter(([key]) => key !== 'filter.git-session-private.clean')
      .map(([key, value]) => `${key.replace(/^filter/, 'FILTER')} ${value}\n`)
      .join('');
    expect(parsePreflight(text({ config }))!.gitSettings!.missingCloneConfig).toEqual(['filter.git-session-private.clean']);
    expect(parsePreflight(text({ config: config + 'filter.git-session-private.clean sh -c x\n' }))!.gitSettings!.missingCloneConfig).toEqual([]);
  });

  it('reads the journal settings of a version 2 text, and none from a version 1 line', () => {
    const p = parsePreflight(text({ config: 'core.autocrlf true\ncore.sparsecheckout false\n' }))!;
    const all = Object.keys(perCloneConfig());
    expect(p.gitSettings).toEqual({ autocrlf: true, sparse: false, missingCloneConfig: all, text: 'core.autocrlf true\ncore.sparsecheckout false' });
    expect(parsePreflight(text({}))!.gitSettings).toEqual({ autocrlf: false, sparse: false, missingCloneConfig: all, text: '' });
    const v1 = `git-session-preflight 1\n/w/repo\n/w/repo/.git\n/w/repo/.git/git-session\n${C}\n\0\0${PREFLIGHT_END}`;
    expect(parsePreflight(v1)?.gitSettings).toBeUndefined();
    expect(parsePreflight(v1)?.root).toBe('/w/repo');
  });

  it('says HEAD is a revert only when the line after HEAD names HEAD again; a version 1 line does not say', () => {
    expect(parsePreflight(text({}))!.headReverts).toBe(false);
    expect(parsePreflight(text({ layout: `/w/repo\n/w/repo/.git\n/w/repo/.git/git-session\n${C}\n${C}\n` }))!.headReverts).toBe(true);
    expect(parsePreflight(text({ layout: `/w/repo\n/w/repo/.git\n/w/repo/.git/git-session\n${C}\n${A}\n` }))!.headReverts).toBe(false);
    expect(parsePreflight(text({ layout: '/w/r\n/w/r/.git\n/w/r/.git/git-session\nHEAD\n' }))!.headReverts).toBe(false);
    const v1 = `git-session-preflight 1\n/w/repo\n/w/repo/.git\n/w/repo/.git/git-session\n${C}\n\0\0${PREFLIGHT_END}`;
    expect(parsePreflight(v1)!.headReverts).toBeUndefined();
  });

  it('the hook script asks git about HEAD with the pattern the binary asks when nothing is piped', () => {
    const script = readFileSync(resolve(__dirname, '../../../bin/git-session-hook.sh'), 'utf8');
    expect(script).toContain(`--grep='${REVERT_GREP}' HEAD`);
  });
});
