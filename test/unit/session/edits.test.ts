import { describe, expect, it } from 'vitest';
import {
  addDeadEnd,
  addDecision,
  addKeyFile,
  applySplice,
  getDecisions,
  getStatus,
  hasEntry,
  parseSession,
  planSetStatus,
  setStatus,
  TEMPLATE_SECTIONS,
} from '../../../src/core/session/index.js';
import { ExitCode, GitSessionError } from '../../../src/errors.js';
import { fixture, lineChange } from './fixture.js';

const decision = { text: 'Cache the sensor map', reason: 'lookups dominate the loop' };
const LINE = '- Cache the sensor map — Reason: lookups dominate the loop';

describe('edits splice only the lines they add or replace', () => {
  it('parsing without edits keeps the source byte for byte', () => {
    for (const name of ['headings.md', 'lists.md', 'tables.md', 'private.md', 'frontmatter-yaml.md']) {
      const source = fixture(name);
      expect(parseSession(source).source).toBe(source);
    }
  });

  it('appends a decision after the last item, in the list’s own bullet style', () => {
    const before = fixture('headings.md');
    const after = addDecision(before, decision);
    expect(lineChange(before, after)).toEqual({
      removed: [],
      added: ['* Cache the sensor map — Reason: lookups dominate the loop'],
    });
    expect(after).toContain('* Keep the PID gains in flash\n* Cache the sensor map');
  });

  it('follows `+` bullets and numbered lists', () => {
    const before = fixture('headings.md');
    expect(lineChange(before, addDeadEnd(before, { text: 'Relay snubber', reason: 'no effect' })).added).toEqual([
      '+ Relay snubber — Reason: no effect',
    ]);
    const lists = fixture('lists.md');
    expect(lineChange(lists, addDeadEnd(lists, { text: 'Relay snubber' })).added).toEqual(['3. Relay snubber']);
  });

  it('adds after a nested list, not inside it', () => {
    const before = fixture('lists.md');
    const after = addDecision(before, decision);
    expect(lineChange(before, after).added).toEqual([LINE]);
    expect(after).toContain('saves two bytes a record\n' + LINE + '\n\n## Dead Ends');
    expect(getDecisions(parseSession(after)).at(-1)).toEqual(decision);
  });

  it('adds a row to a decisions table', () => {
    const before = fixture('tables.md');
    const after = addDecision(before, decision);
    expect(lineChange(before, after).added).toEqual(['| Cache the sensor map | lookups dominate the loop |']);
    expect(getDecisions(parseSession(after)).at(-1)).toEqual(decision);
  });

  it('keeps CRLF and a BOM, and uses CRLF for the new line', () => {
    const before = '\uFEFF' + fixture('lists.md').replace(/\n/g, '\r\n');
    const after = addDecision(before, decision);
    expect(after.startsWith('\uFEFF# Session\r\n')).toBe(true);
    expect(lineChange(before, after).added).toEqual([LINE + '\r']);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('adds a final newline only when it inserts at the end of a file without one', () => {
    const before = '# S\n\n## Decisions\n- First — Reason: one';
    expect(addDecision(before, decision)).toBe(before + '\n' + LINE + '\n');
    const middle = '## Decisions\n- First\n\n## Notes\nlast line';
    expect(addDecision(middle, decision)).toBe('## Decisions\n- First\n' + LINE + '\n\n## Notes\nlast line');
  });

  it('writes under the heading and its guidance comment when the section has no list', () => {
    const before = '## Decisions\n<!-- write them here -->\n\n## Dead Ends\n';
    expect(addDecision(before, decision)).toBe('## Decisions\n<!-- write them here -->\n' + LINE + '\n\n## Dead Ends\n');
    const prose = '## Decisions\nSome prose.\n';
    expect(addDecision(prose, decision)).toBe('## Decisions\n' + LINE + '\n\nSome prose.\n');
  });

  it('adds a missing section with the template heading, in template order', () => {
    const before = '# S\n\n## Goal\nA goal.\n\n## Key Files\n- `a.ts`\n';
    const after = addDeadEnd(before, { text: 'Polling', reason: 'too slow' });
    expect(lineChange(before, after).removed).toEqual([]);
    expect(after).toBe("# S\n\n## Goal\nA goal.\n\n## Dead Ends (Don't Revisit)\n\n- Polling — Reason: too slow\n\n## Key Files\n- `a.ts`\n");
    const end = addDecision('# S\n\n## Notes\ntext', decision);
    expect(end).toBe('# S\n\n## Notes\ntext\n\n## Decisions\n\n' + LINE + '\n');
    expect(TEMPLATE_SECTIONS.map((s) => s.kind)).toEqual(['goal', 'status', 'nextSteps', 'decisions', 'deadEnds', 'keyFiles', 'gotchas', 'private']);
  });

  it('never writes into a private section', () => {
    const before = '## Private Notes\n### Decisions\n- secret\n';
    const after = addDecision(before, decision);
    expect(after.endsWith(before)).toBe(true);
    expect(after.startsWith('## Decisions\n\n' + LINE + '\n\n')).toBe(true);
    expect(getDecisions(parseSession(after))).toEqual([decision]);
  });

  it('collapses input to one line and escapes what would start a block', () => {
    const after = addDecision('## Decisions\n', { text: 'multi\n## Injected\nline', reason: 'a\r\nb' });
    expect(after).toBe('## Decisions\n- multi ## Injected line — Reason: a b\n');
    const heading = setStatus('## Status\nold\n', '# not a heading');
    expect(heading).toBe('## Status\n\\# not a heading\n');
    expect(parseSession(heading).sections).toHaveLength(1);
    expect(addDecision('## Decisions\n', { text: '1. first' })).toBe('## Decisions\n- 1\\. first\n');
  });

  it('refuses empty text with a usage error', () => {
    expect(() => addDecision('', { text: '  \n ' })).toThrow(GitSessionError);
    try {
      setStatus('', ' ');
    } catch (error) {
      expect((error as GitSessionError).exitCode).toBe(ExitCode.Usage);
    }
  });

  it('writes key files as inline code with a reason', () => {
    const before = fixture('lists.md');
    const after = addKeyFile(before, { path: 'src/uart.c', why: 'the serial driver' });
    expect(lineChange(before, after).added).toEqual(['- `src/uart.c` — the serial driver']);
    expect(addKeyFile('## Key Files\n', { path: 'odd`name' })).toBe('## Key Files\n- `` odd`name ``\n');
  });
});

describe('hasEntry', () => {
  it('finds an entry with the same words in any case, private ones too, and key files by path', () => {
    const source = '## Decisions\n- Use SQLite — Reason: one file\n\n## Private\n### Dead Ends\n- Polling.\n\n## Key Files\n- `src/a.ts` — entry\n';
    expect(hasEntry(source, 'decisions', 'use  sqlite')).toBe(true);
    expect(hasEntry(source, 'decisions', 'Use Postgres')).toBe(false);
    expect(hasEntry(source, 'deadEnds', 'Polling')).toBe(true);
    expect(hasEntry(source, 'keyFiles', 'src/a.ts')).toBe(true);
    expect(hasEntry(source, 'keyFiles', 'src/b.ts')).toBe(false);
  });

  it('compares typed text with the entry as read, so an escaped entry is found again', () => {
    const once = addDecision('## Decisions\n', { text: '#1 choice: plain files' });
    expect(once).toContain('\\#1 choice');
    expect(hasEntry(once, 'decisions', '#1 choice: plain files')).toBe(true);
    const dead = addDeadEnd('## Dead Ends\n', { text: '> quoting the log' });
    expect(hasEntry(dead, 'deadEnds', '> quoting the log')).toBe(true);
  });

  it('compares key-file paths case-sensitively, private entries included', () => {
    const source = '## Key Files\n- `src/a.ts` — entry\n<!-- private -->\n- `notes/Plan.md`\n<!-- /private -->\n';
    expect(hasEntry(source, 'keyFiles', 'src/A.ts')).toBe(false);
    expect(hasEntry(source, 'keyFiles', 'src/a.ts')).toBe(true);
    expect(hasEntry(source, 'keyFiles', 'notes/Plan.md')).toBe(true);
    expect(hasEntry(source, 'keyFiles', 'notes/plan.md')).toBe(false);
  });
});

describe('setStatus', () => {
  it('replaces the body and keeps the heading, the guidance comment and the rest', () => {
    const before = '## Status\n<!-- one line -->\nOld status\nstill old\n\n## Next Steps\n- a\n';
    const after = setStatus(before, 'New status');
    expect(after).toBe('## Status\n<!-- one line -->\nNew status\n\n## Next Steps\n- a\n');
    expect(lineChange(before, after)).toEqual({ removed: ['Old status', 'still old'], added: ['New status'] });
  });

  it('fills an empty status section and keeps sub-headings under it', () => {
    expect(setStatus('## Status\n\n## Decisions\n', 'Started')).toBe('## Status\nStarted\n\n## Decisions\n');
    const nested = '## Status\n- old\n\n### Build\nGreen.\n';
    expect(setStatus(nested, 'Moving')).toBe('## Status\nMoving\n\n### Build\nGreen.\n');
  });

  it('keeps CRLF, and adds the section when missing', () => {
    const before = '## Status\r\nOld\r\n\r\n## Decisions\r\n';
    expect(setStatus(before, 'New')).toBe('## Status\r\nNew\r\n\r\n## Decisions\r\n');
    const missing = setStatus('# S\n\n## Goal\nG\n\n## Decisions\n- d\n', 'Now');
    expect(missing).toBe('# S\n\n## Goal\nG\n\n## Status\n\nNow\n\n## Decisions\n- d\n');
    expect(getStatus(parseSession(missing))).toBe('Now');
  });

  it('never wipes a long status: replaces its one-line lead, or puts the new line on top', () => {
    const lead = '## Status\nAlpha is feature complete.\n\nStill needed:\n- keys\n- table\n- deploy\n\n## Next Steps\n';
    const led = planSetStatus(lead, 'Beta started');
    expect(applySplice(lead, led)).toBe(lead.replace('Alpha is feature complete.', 'Beta started'));
    expect(led.kept).toBe(5);
    const list = '## Status\n- Phase: 2\n- Branch: `p2`\n- Tests: 115 pass\n- Blockers: an API key\n\n---\n\n## Log\n';
    const topped = setStatus(list, 'Phase 3 started');
    expect(lineChange(list, topped)).toEqual({ removed: [], added: ['Phase 3 started', ''] });
    // The line put on top is replaced by the next call, not stacked.
    expect(lineChange(topped, setStatus(topped, 'Phase 3 done'))).toEqual({ removed: ['Phase 3 started'], added: ['Phase 3 done'] });
    const intro = '## Status\n**Done so far:**\n1. parser\n2. writer\n3. hooks\n';
    expect(planSetStatus(intro, 'Now').remove).toBe(0);
    const code = '## Status\nBuilds.\n```sh\nmake\n```\n';
    expect(setStatus(code, 'Green')).toBe('## Status\nGreen\n```sh\nmake\n```\n');
  });

  it('replaces a short status whole and keeps a closing rule', () => {
    const before = '## Status\n- build green\n- docs due\n\n---\n## Log\n';
    expect(setStatus(before, 'Shipped')).toBe('## Status\nShipped\n\n---\n## Log\n');
    expect(planSetStatus(before, 'Shipped').kept).toBe(0);
  });

  it('sets the status of the template', () => {
    const template = '## Status\n<!-- where things stand -->\n\n## Next Steps\n';
    expect(setStatus(template, 'Go')).toBe('## Status\n<!-- where things stand -->\nGo\n\n## Next Steps\n');
  });
});
