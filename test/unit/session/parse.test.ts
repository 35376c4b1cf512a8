import { describe, expect, it } from 'vitest';
import {
  classifyHeading,
  getDeadEnds,
  getDecisions,
  getGoal,
  getKeyFiles,
  getNextSteps,
  getStatus,
  parseSession,
  publicText,
} from '../../../src/core/session/index.js';
import { TEMPLATE_HEADINGS, TEMPLATE_SECTIONS } from '../../../src/core/session/headings.js';
import { ExitCode, GitSessionError } from '../../../src/errors.js';
import { fixture } from './fixture.js';

const kinds = (source: string) => parseSession(source).sections.map((s) => [s.kind, s.heading]);

describe('parseSession: headings', () => {
  const doc = parseSession(fixture('headings.md'));

  it('takes a setext depth-1 heading as the title', () => {
    expect(doc.title).toBe('Kettle Firmware Notes');
  });

  it('recognises emoji, numbered, bold, dated, setext and parenthesised headings', () => {
    expect(kinds(fixture('headings.md'))).toEqual([
      ['goal', "🎯 1. What We're Building"],
      ['status', 'Current State — 2025-03-04'],
      ['nextSteps', 'Next Steps'],
      ['decisions', '§4 Key Decisions (revised):'],
      ['deadEnds', "Phase 2: Dead Ends (Don't Revisit)"],
      ['unknown', 'Wiring Diagram'],
    ]);
  });

  it.each([
    ['decisions', 'Beslut'],
    ['decisions', 'Önemli Kararlar'],
    ['decisions', '**2. 設計の決定事項**'],
    ['decisions', 'Decisiones de arquitectura'],
    ['decisions', 'Décisions'],
    ['decisions', 'Entscheidungen'],
    ['decisions', 'History of the decisions'],
    ['decisions', 'Architecture decisions taken so far'],
    ['decisions', 'Decisions & open questions'],
    ['nextSteps', 'Nästa steg (kanske)'],
    ['nextSteps', 'Next Steps for Tomorrow'],
    ['nextSteps', 'Pendientes de esta semana'],
    ['nextSteps', 'Próximos pasos'],
    ['nextSteps', 'Still To Do'],
    ['nextSteps', 'To do / later'],
    ['nextSteps', '4. 次にやること (週末)'],
    ['status', 'Projenin Durumu'],
    ['status', 'Stato attuale'],
    ['status', 'Where things stand'],
    ['keyFiles', 'Fichiers clés'],
    ['keyFiles', 'File chiave del modulo'],
    ['keyFiles', 'Files to read before editing'],
    ['keyFiles', 'Files changed/created in this branch'],
    ['gotchas', '7. Known limitations'],
    ['gotchas', 'Pitfalls to watch for when porting'],
    ['gotchas', 'Known quirks and workarounds'],
    ['private', 'Private / scratch'],
    ['goal', 'Objetivos'],
    ['unknown', 'Wiring Diagram'],
    ['unknown', 'Filing cabinet layout'],
  ])('classifies %s heading "%s"', (kind, heading) => {
    expect(classifyHeading(heading)).toBe(kind);
  });

  it('ignores headings inside code fences, HTML comments and block quotes', () => {
    expect(doc.sections.filter((s) => s.kind === 'decisions')).toHaveLength(1);
    expect(doc.sections.filter((s) => s.kind === 'deadEnds')).toHaveLength(1);
    expect(doc.sections.filter((s) => s.kind === 'status')).toHaveLength(1);
  });

  it('keeps a lower-level sub-heading inside its section and reads it as an entry', () => {
    const decisions = doc.sections.find((s) => s.kind === 'decisions')!;
    expect(doc.source.slice(decisions.start, decisions.end)).toContain('### Why not floating point?');
    expect(getDecisions(doc)).toEqual([
      { text: 'Sample at 10 Hz', reason: 'the relay cannot switch faster' },
      { text: 'Keep the PID gains in flash', reason: null },
      { text: 'Why not floating point', reason: 'The chip has no FPU, so fixed point halves the loop time.' },
    ]);
  });

  it('reports unknown sections without losing them', () => {
    expect(doc.unknownSections.map((s) => s.heading)).toEqual(['Wiring Diagram']);
    expect(doc.unknownSections[0]!.text).toBe('Plain notes that no family claims.');
  });

  it('reads the goal as the first paragraph on one line, and the status', () => {
    expect(getGoal(doc)).toBe('Firmware that keeps the kettle at a set temperature without overshooting.');
    expect(getStatus(doc)).toBe('Boil detection works on the bench rig.');
  });

  it('reads dead ends written with --, and with because', () => {
    expect(getDeadEnds(doc)).toEqual([
      { text: 'Bang-bang control', reason: 'overshoots by six degrees' },
      { text: 'A thermistor lookup table', reason: 'the curve drifted with age' },
    ]);
  });

  it('reads checkbox state and leaves done steps out of the next steps', () => {
    const next = doc.sections.find((s) => s.kind === 'nextSteps')!;
    expect(next.items.map((i) => i.checked)).toEqual([false, true]);
    expect(getNextSteps(doc)).toEqual(['Calibrate the second sensor']);
  });

  it('takes open task boxes of the status as next steps only when no next-steps section has any, never plain status bullets', () => {
    const facts = parseSession('## Status\n- Build: green\n- Branch: main\n');
    expect(getNextSteps(facts)).toEqual([]);
    const tasks = parseSession('## Status\n- Build: green\n- [ ] Tag the release\n- [x] Write notes\n');
    expect(getNextSteps(tasks)).toEqual(['Tag the release']);
  });

  it('takes the only level-1 heading over ## sections as the title, whatever it names', () => {
    const project = parseSession('# Project Status\n\nIntro line.\n\n## Notes\nSome notes here.\n\n## Decisions\n- Use X — Reason: y\n');
    expect(project.title).toBe('Project Status');
    expect(getStatus(project)).toBeNull();
    expect(project.sections.map((s) => [s.kind, s.heading, s.text])).toEqual([
      ['unknown', 'Notes', 'Some notes here.'],
      ['decisions', 'Decisions', '- Use X — Reason: y'],
    ]);
    const italian = parseSession('# Stato sessione corrente\n\n> Scopo: continuità.\n\n## Ultimo aggiornamento\nOggi.\n\n## Stato infra\nBranch `main`.\n');
    expect(italian.title).toBe('Stato sessione corrente');
    expect(getStatus(italian)).toBe('Branch `main`.');
  });

  it('keeps a level-1 heading a section when it is alone, one of several, or private', () => {
    expect(kinds('# Decisions\n- Use X — Reason: y\n')).toEqual([['decisions', 'Decisions']]);
    expect(getDecisions(parseSession('# Decisions\n- Use X — Reason: y\n'))).toEqual([{ text: 'Use X', reason: 'y' }]);
    const several = parseSession('# Status\nBusy.\n\n## Log\nMonday.\n\n# Decisions\n- Use X\n');
    expect(several.title).toBeNull();
    expect(getStatus(several)).toBe('Busy. Monday.');
    const secret = parseSession('# Private notes\nrent is late\n\n## Where it stands\nunpaid\n');
    expect(secret.title).toBeNull();
    expect(secret.sections.map((s) => [s.kind, s.private])).toEqual([['private', true]]);
  });

  it('leaves a ## section beside a known one out of a level-1 section above them', () => {
    const doc = parseSession('# Project Status\n\nIntro line.\n\n## Notes\nSome notes here.\n\n## Decisions\n- Use X — Reason: y\n\n# Appendix\nMore.\n');
    expect(getStatus(doc)).toBe('Intro line.');
    expect(doc.unknownSections.map((s) => s.heading)).toEqual(['Notes', 'Appendix']);
    // Deeper down a known section keeps its parts, a known one beside them or not.
    const parts = parseSession('## Current State\nGreen.\n\n### Done\n- the parser\n\n### Next\n- [ ] the docs\n\n### Environment\n- node 22\n');
    expect(getStatus(parts)).toBe('Green. the parser node 22');
    expect(parts.sections.map((s) => s.kind)).toEqual(['status', 'nextSteps']);
  });

  it('refuses a text with conflict markers, naming the file, the lines and the fix', () => {
    const text = '# S\n\n## Status\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> o\n';
    expect(() => parseSession(text, 'SESSION.md')).toThrow(
      /^SESSION\.md: is in the middle of a merge conflict \(conflict markers on lines 4, 6 and 8\).*`git add SESSION\.md`/,
    );
    try {
      parseSession(text, 'SESSION.md');
    } catch (error) {
      expect((error as GitSessionError).exitCode).toBe(ExitCode.Conflicted);
    }
    // Quoted in a fence, or a `=======` rule alone, is no conflict.
    expect(parseSession('## Status\n```\n<<<<<<< HEAD\n```\n\nA\n=======\n').sections).toHaveLength(2);
  });

  it('gives items offsets into the source', () => {
    for (const section of doc.sections) {
      for (const item of section.items) expect(doc.source.slice(item.start, item.end)).toContain(item.text.slice(0, 5));
    }
  });
});

describe('classifyHeading: the template headings looked up first', () => {
  // A leading space misses the lookup and is trimmed by the patterns' normalisation,
  // so each answer below is the patterns' own.
  it.each([...TEMPLATE_HEADINGS.keys()])('%s is classified as the patterns classify it', (heading) => {
    expect(classifyHeading(heading)).toBe(classifyHeading(` ${heading}`));
  });

  it('holds every heading the template writes', () => {
    expect([...TEMPLATE_HEADINGS.keys()]).toEqual(expect.arrayContaining(TEMPLATE_SECTIONS.map((s) => s.heading)));
  });

  it('still reads other spellings through the patterns', () => {
    expect(classifyHeading('Key Decisions')).toBe('decisions');
    expect(classifyHeading('Session notes')).toBe('unknown');
  });
});

describe('parseSession: lists and tables', () => {
  it('reads sub-bullet reasons, dash reasons, numbered lists and key files', () => {
    const doc = parseSession(fixture('lists.md'));
    expect(getDecisions(doc)).toEqual([
      { text: 'Store readings as integers', reason: 'the logger truncates floats' },
      { text: 'Log to the SD card', reason: 'the radio drops packets' },
      { text: 'Batch uploads hourly', reason: 'the modem wakes slowly' },
      { text: 'Use `uint16_t` for timestamps', reason: 'saves two bytes a record' },
    ]);
    expect(getDeadEnds(doc)).toEqual([
      { text: 'Polling the sensor in a busy loop', reason: 'starves the radio task' },
      { text: 'Interrupt-driven sampling', reason: 'jitter from the shared timer' },
    ]);
    expect(getNextSteps(doc)).toEqual(['Wire the second probe', 'Write the calibration doc']);
    expect(getKeyFiles(doc)).toEqual([
      { path: 'src/pid.c', why: 'the control loop' },
      { path: 'docs/wiring.md', why: 'pinout of the board' },
      { path: 'Makefile', why: null },
    ]);
  });

  it('reads decision and dead-end tables by their column names', () => {
    const doc = parseSession(fixture('tables.md'));
    expect(getDecisions(doc)).toEqual([
      { text: 'Static allocation', reason: 'no heap on this chip' },
      { text: 'One task per sensor', reason: 'keeps timing simple' },
    ]);
    expect(getDeadEnds(doc)).toEqual([
      { text: 'Dynamic buffers', reason: 'fragmentation after a day' },
      { text: 'Shared I2C bus', reason: null },
    ]);
  });
});

describe('parseSession: private notes', () => {
  const doc = parseSession(fixture('private.md'));

  it('marks items between private markers and in a private section', () => {
    const decisions = doc.sections.find((s) => s.kind === 'decisions')!;
    expect(decisions.items.map((i) => i.private)).toEqual([false, true, false]);
    expect(doc.sections.find((s) => s.kind === 'private')!.private).toBe(true);
  });

  it('leaves private entries out of the accessors', () => {
    expect(getDecisions(doc).map((d) => d.text)).toEqual(['Use CSV for exports', 'Keep one file per day']);
  });

  it('publicText drops private regions and sections, and keeps the rest byte for byte', () => {
    const text = publicText(doc);
    expect(text).not.toMatch(/Vendor B|contract renewal|Private Notes/);
    expect(text).toContain('- Use CSV for exports — Reason: every tool reads it\n- Keep one file per day');
    expect(text).toContain('## Dead Ends\n- Uploading over SMS');
  });

  it('an unclosed private marker keeps everything after it private', () => {
    const d = parseSession('## Decisions\n- A — Reason: x\n<!-- private -->\n- B — Reason: y\n');
    expect(getDecisions(d).map((x) => x.text)).toEqual(['A']);
  });
});

describe('parseSession: front matter, BOM, CRLF', () => {
  it('reads YAML front matter into frozen data', () => {
    const doc = parseSession(fixture('frontmatter-yaml.md'));
    expect(doc.frontMatter?.data.goal).toBe('Fallback goal from front matter');
    expect(Object.isFrozen(doc.frontMatter!.data)).toBe(true);
    expect(Object.isFrozen(doc.frontMatter!.data.tags)).toBe(true);
    expect(getGoal(doc)).toBe('Fallback goal from front matter');
    expect(doc.title).toBe('Session');
    // A second parse is not affected by anything done to the first.
    expect(parseSession(fixture('frontmatter-yaml.md')).frontMatter?.data.tags).toEqual(['firmware', 'kettle']);
  });

  it('recognises TOML front matter without evaluating it', () => {
    const doc = parseSession(fixture('frontmatter-toml.md'));
    expect(doc.frontMatter?.raw).toBe('title = "kettle"');
    expect(getDecisions(doc)).toEqual([{ text: 'Ship it', reason: 'ready' }]);
  });

  it('refuses JavaScript front matter without running it', () => {
    const g = globalThis as { __evaluated?: boolean };
    const source = '---js\n{ x: (globalThis.__evaluated = true) }\n---\n# S\n';
    expect(() => parseSession(source, 'SESSION.md')).toThrow(GitSessionError);
    try {
      parseSession(source, 'SESSION.md');
    } catch (error) {
      expect((error as GitSessionError).exitCode).toBe(ExitCode.BadInput);
      expect((error as Error).message).toMatch(/^SESSION\.md: .*front matter/);
    }
    expect(g.__evaluated).toBeUndefined();
  });

  it('refuses malformed YAML with a BadInput error naming the file and the fix', () => {
    const run = () => parseSession('---\ngoal: [unclosed\n---\n# S\n', 'notes/SESSION.md');
    expect(run).toThrow(/notes\/SESSION\.md: has malformed YAML front matter.*Fix the YAML/);
  });

  it('keeps offsets right after a BOM and with CRLF line endings', () => {
    const source = '\uFEFF' + fixture('lists.md').replace(/\n/g, '\r\n');
    const doc = parseSession(source);
    expect(doc.eol).toBe('\r\n');
    const decisions = doc.sections.find((s) => s.kind === 'decisions')!;
    expect(source.slice(decisions.start, decisions.bodyStart)).toBe('## Decisions');
    expect(source.slice(decisions.items[0]!.start).startsWith('- Store readings')).toBe(true);
    expect(getDecisions(doc)[0]).toEqual({ text: 'Store readings as integers', reason: 'the logger truncates floats' });
  });

  it('never throws on an empty file or one without headings', () => {
    expect(parseSession('').sections).toEqual([]);
    expect(parseSession('just words').title).toBeNull();
  });
});

describe('one-line readers', () => {
  it('leave code blocks and table rows out of the status', () => {
    const doc = parseSession('## Status\nAll green.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nnpm test\n```\n- Deploy pending\n');
    expect(getStatus(doc)).toBe('All green. Deploy pending');
  });
});
