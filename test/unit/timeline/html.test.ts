import { describe, expect, it } from 'vitest';
import { DATA_SLOT, renderTimelineHtml, scriptSafeJson } from '../../../src/core/timeline/html.js';
import { buildTimeline } from '../../../src/core/timeline/build.js';
import { commit, input } from './fixture.js';

describe('scriptSafeJson', () => {
  it('never writes "<", so repository text cannot close the script element or open a comment', () => {
    const value = { s: '</script><script>alert(1)</script><!-- x', c: '\u0085\u2028' };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<\u0085\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('renderTimelineHtml', () => {
  const template = `<script type="application/json">${DATA_SLOT}</script>`;

  it('puts the data in its slot, once, and reads back the same', () => {
    const data = buildTimeline(input({ commits: [commit(1, { subject: 'a </script> b $& $1' })] }));
    const html = renderTimelineHtml(template, data);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const json = html.slice(html.indexOf('>') + 1, html.lastIndexOf('</script>'));
    expect(JSON.parse(json)).toEqual(data);
  });

  it('refuses a template without exactly one slot', () => {
    const data = buildTimeline(input());
    expect(() => renderTimelineHtml('<p></p>', data)).toThrow(/exactly once/);
    expect(() => renderTimelineHtml(template + template, data)).toThrow(/exactly once/);
  });
});
