import { describe, expect, it } from 'vitest';
import { DATA_SLOT, renderTimelineHtml, scriptSafeJson } from '../../../src/core/timeline/html.js';
import { buildTimeline } from '../../../src/core/timeline/build.js';
import { sessionVersions } from '../../../src/core/timeline/session-versions.js';
import { commit, entry, input } from './fixture.js';

// What must never reach the page: C0 and C1 controls but tab and line feed, DEL, bidi overrides and isolates.
const UNSHOWN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** Every string in a JSON value, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

describe('scriptSafeJson', () => {
  it('never writes "<", so repository text cannot close the script element or open a comment', () => {
    const value = { s: '</script><script>alert(1)</script><!-- x', c: 'a\u2028b\u2029' };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('cleans every string as terminal output is cleaned, wherever it sits', () => {
    const value = {
      a: ['Update \u202egnp.exe harmless', { deep: [['\x1b[31mred\x1b[0m \x1b]0;title\x07x']] }],
      b: 'c1 \u0085\u009b2J tab\tnul\x00 \u2066iso\u2069',
      n: 3,
    };
    expect(JSON.parse(scriptSafeJson(value))).toEqual({ a: ['Update gnp.exe harmless', { deep: [['red x']] }], b: 'c1  tab\tnul iso', n: 3 });
    // Clean data is written as JSON.stringify writes it.
    expect(scriptSafeJson({ s: 'plain — ünïcödé' })).toBe(JSON.stringify({ s: 'plain — ünïcödé' }));
  });
});

describe('renderTimelineHtml', () => {
  const template = `<script type="application/json">${DATA_SLOT}</script>`;
  const dataOf = (html: string): unknown => JSON.parse(html.slice(html.indexOf('>') + 1, html.lastIndexOf('</script>')));

  it('puts the data in its slot, once, and reads back the same', () => {
    const data = buildTimeline(input({ commits: [commit(1, { subject: 'a </script> b $& $1' })] }));
    const html = renderTimelineHtml(template, data);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(dataOf(html)).toEqual(data);
  });

  it('shows no control character or bidi override from any field of the history', async () => {
    const bad = (label: string) => `${label} \u202eexe.txt\u202c \x1b[31mred\x1b[0m\x01\u0085`;
    const versions = await sessionVersions(new Map([['b1', `# Session\n\n## Status\n${bad('status line')}\n`]]), 'SESSION.md');
    const hostile = commit(1, {
      subject: bad('subject'),
      authorName: bad('name'),
      authorEmail: bad('mail'),
      decisions: [`${bad('decision')} — ${bad('reason')}`],
      deadEnds: [`${bad('dead end')} — ${bad('why')}`],
      files: [{ path: bad('src/path'), added: 1, removed: 0 }],
    });
    const data = buildTimeline(
      input({
        repo: bad('repo'),
        range: bad('range'),
        sessionFile: bad('SESSION.md'),
        commits: [hostile],
        journal: new Map([[hostile.hash, [entry({ branch: bad('branch'), author: bad('author'), goal: bad('goal'), status: bad('status'), decisions: [bad('journal decision')] })]]]),
        sessionAt: new Map([[hostile.hash, 0]]),
        lines: [...versions.lines, bad('pooled line')],
        versions: versions.versions,
        fallbackBranch: bad('fallback'),
      }),
    );
    // The data holds them; serialising it into the page is what cleans them.
    expect(strings(data).filter((s) => UNSHOWN.test(s)).length).toBeGreaterThan(5);
    const shown = strings(dataOf(renderTimelineHtml(template, data)));
    expect(shown.filter((s) => UNSHOWN.test(s))).toEqual([]);
    expect(shown).toEqual(expect.arrayContaining(['subject exe.txt red', 'branch exe.txt red', 'status line exe.txt red', 'pooled line exe.txt red', 'src/path exe.txt red']));
  });

  it('refuses a template without exactly one slot', () => {
    const data = buildTimeline(input());
    expect(() => renderTimelineHtml('<p></p>', data)).toThrow(/exactly once/);
    expect(() => renderTimelineHtml(template + template, data)).toThrow(/exactly once/);
  });
});
