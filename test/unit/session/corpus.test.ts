import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { ExitCode, GitSessionError } from '../../../src/errors.js';
import {
  addDeadEnd,
  addDecision,
  getDecisions,
  parseSession,
  planReasoned,
  planSetStatus,
  setStatus,
  type Splice,
} from '../../../src/core/session/index.js';

// Session files of our own in every shape the parser must survive (always run), and,
// where a corpus of real files sits beside the project, those too (read-only).
const FIXTURES = resolve(__dirname, '../../fixtures/session');
const CORPUS = resolve(__dirname, '../../../../shared/corpus/files');
const fixtures = readdirSync(FIXTURES).sort().map((name) => ({ name, path: resolve(FIXTURES, name) }));
const corpus = existsSync(CORPUS) ? readdirSync(CORPUS).sort().map((name) => ({ name: `corpus/${name}`, path: resolve(CORPUS, name) })) : [];
const files = [...fixtures, ...corpus];
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);

/** The edit changed nothing outside its splice. */
function onlySpliced(before: string, after: string, s: Splice): void {
  expect(after.slice(0, s.at)).toBe(before.slice(0, s.at));
  expect(after.slice(s.at + s.insert.length)).toBe(before.slice(s.at + s.remove));
}

/** An add inserts whole lines and removes nothing. */
function onlyInserted(before: string, after: string, s: Splice): void {
  expect(s.remove).toBe(0);
  expect(s.at === 0 || before[s.at - 1] === '\n' || s.at === before.length || before[s.at - 1] === '\uFEFF').toBe(true);
  onlySpliced(before, after, s);
}

describe('session files', () => {
  it('has our own fixtures to run, whatever sits beside the project', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('$name parses, keeps every heading and edits only what it inserts', ({ name, path }) => {
    const source = readFileSync(path, 'utf8');
    let doc;
    try {
      doc = parseSession(source, name);
    } catch (error) {
      expect(error).toBeInstanceOf(GitSessionError);
      // Bad front matter, or a file committed mid-conflict: never read as a session file.
      expect([ExitCode.BadInput, ExitCode.Conflicted]).toContain((error as GitSessionError).exitCode);
      return;
    }
    const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
    const tree = processor.parse(source.slice(bom)) as Root;
    for (const node of tree.children) {
      if (node.type !== 'heading') continue;
      const at = node.position!.start.offset! + bom;
      const kept =
        doc.sections.some((s) => s.start === at) ||
        (doc.title !== null && doc.sections.every((s) => s.start > at)) ||
        doc.sections.some((s) => s.kind !== 'unknown' && s.start < at && at < s.end);
      expect(kept, `heading at ${at} of ${name}`).toBe(true);
    }
    const decided = addDecision(source, { text: 'Keep the parser pure', reason: 'tests stay fast' });
    onlyInserted(source, decided, planReasoned(source, 'decisions', 'decision', { text: 'Keep the parser pure', reason: 'tests stay fast' }));
    expect(getDecisions(parseSession(decided)).length).toBe(getDecisions(doc).length + 1);
    const dead = planReasoned(source, 'deadEnds', 'dead end', { text: 'A global cache', reason: 'stale reads' });
    onlyInserted(source, addDeadEnd(source, { text: 'A global cache', reason: 'stale reads' }), dead);
    const status = planSetStatus(source, 'Halfway through the parser');
    const section = doc.sections.find((s) => s.kind === 'status' && !s.private);
    if (status.remove > 0) {
      expect(status.at).toBeGreaterThanOrEqual(section!.bodyStart);
      expect(status.at + status.remove).toBeLessThanOrEqual(section!.end);
      // A hand-kept status of more than a few lines is never wiped.
      expect(source.slice(status.at, status.at + status.remove).split('\n').length).toBeLessThanOrEqual(3);
    }
    onlySpliced(source, setStatus(source, 'Halfway through the parser'), status);
  });
});

describe('corpus summary', () => {
  it.skipIf(corpus.length > 0)('only our fixtures ran: the corpus folder beside the project is absent', () => {
    expect(existsSync(CORPUS)).toBe(false);
  });
});
