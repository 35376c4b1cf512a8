import { describe, expect, it } from 'vitest';
import {
  addDecision,
  addKeyFile,
  getDeadEnds,
  getDecisions,
  getGoal,
  getKeyFiles,
  getNextSteps,
  getStatus,
  parseSession,
  setStatus,
} from '../../../src/core/session/index.js';

const SECRET_WORDS = ['zanzibar', 'quokka', 'marmalade', 'heliotrope', 'obsidian', 'tangerine'];

const WITH_REGIONS = [
  '# Ledger',
  '',
  '## Goal',
  'Reconcile the monthly ledger <!-- private -->for the zanzibar account<!-- /private --> without manual steps.',
  '',
  '<!-- private -->',
  'Really this is about the quokka audit.',
  '<!-- /private -->',
  '',
  '## Status',
  'Parser done, exporter half way.',
  '<!-- private -->',
  'Blocked on marmalade credentials.',
  '<!-- /private -->',
  '',
  '## Next Steps',
  '- [ ] Finish the exporter',
  '- [ ] Ask about heliotrope <!-- private -->and nothing else<!-- /private -->',
  '',
  '## Decisions',
  '- Store amounts in cents <!-- private -->(obsidian said so)<!-- /private --> — Reason: floats round badly',
  '',
  '## Key Files',
  '- `src/export.ts` — the exporter <!-- private -->tangerine branch<!-- /private -->',
  '',
].join('\n');

function everything(source: string): string {
  const doc = parseSession(source);
  return JSON.stringify([getGoal(doc), getStatus(doc), getNextSteps(doc), getDecisions(doc), getDeadEnds(doc), getKeyFiles(doc)]);
}

describe('accessors and private regions', () => {
  it('leave out every word between private markers, in prose and inside entries', () => {
    const doc = parseSession(WITH_REGIONS);
    expect(getGoal(doc)).toBe('Reconcile the monthly ledger without manual steps.');
    expect(getStatus(doc)).toBe('Parser done, exporter half way.');
    expect(getDecisions(doc)).toEqual([{ text: 'Store amounts in cents', reason: 'floats round badly' }]);
    expect(getKeyFiles(doc)).toEqual([{ path: 'src/export.ts', why: 'the exporter' }]);
    const all = everything(WITH_REGIONS);
    // heliotrope sits outside its item's private region: it stays.
    for (const word of SECRET_WORDS.filter((w) => w !== 'heliotrope')) expect(all).not.toContain(word);
    expect(all).not.toContain('nothing else');
    expect(all).toContain('heliotrope');
  });

  it('read the same as before when the file has no private region', () => {
    const plain = WITH_REGIONS.replace(/<!-- \/?private -->/g, '');
    expect(getStatus(parseSession(plain))).toBe('Parser done, exporter half way. Blocked on marmalade credentials.');
  });
});

describe('accessors and markdown escapes', () => {
  it('return entries as typed, not as escaped in the file', () => {
    let source = '# S\n\n## Goal\n\\# of rows halved\n';
    source = addDecision(source, { text: '#1 choice: plain files', reason: '*not* a database' });
    source = addKeyFile(source, { path: 'docs/_index.md', why: '> the landing page' });
    source = setStatus(source, '- nothing left but tests');
    source += '\n## Next Steps\n- [ ] \\[draft] the release note\n';
    expect(source).toContain('\\#1 choice');
    const doc = parseSession(source);
    expect(getGoal(doc)).toBe('# of rows halved');
    expect(getDecisions(doc)).toEqual([{ text: '#1 choice: plain files', reason: '*not* a database' }]);
    expect(getStatus(doc)).toBe('- nothing left but tests');
    expect(getKeyFiles(doc)).toEqual([{ path: 'docs/_index.md', why: '> the landing page' }]);
    expect(getNextSteps(doc)).toEqual(['[draft] the release note']);
  });
});

describe('a heading inside private markers', () => {
  it('keeps the entries after the region out of the public section above', () => {
    const src = '# Decisions\n\n- kept — Reason: public\n\n<!-- private -->\n\n# Key Files\n\n<!-- /private -->\n\n- alpha\n';
    const doc = parseSession(src);
    expect(getDecisions(doc)).toEqual([{ text: 'kept', reason: 'public' }]);
    expect(getKeyFiles(doc)).toEqual([]);
  });
});

describe('a heading inside private markers within the goal', () => {
  it('leaves no trace of itself in the goal', () => {
    const src = '# S\n\n## Goal\nShip the parser.\n\n<!-- private -->\n### For me\nthe client is late paying\n<!-- /private -->\n';
    expect(getGoal(parseSession(src))).toBe('Ship the parser.');
    // A private subsection as the goal's only content, in a file read through its mask.
    const bare = '# S\n\n## Goal\n### Private\nsecret goal words\n\n## Status\nok <!-- private -->x<!-- /private -->\n';
    expect(getGoal(parseSession(bare))).toBeNull();
  });
});
