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

// Real session files kept beside the project, used read-only to find where parsing breaks.
const CORPUS = resolve(__dirname, '../../../../shared/corpus/files');
const files = existsSync(CORPUS) ? readdirSync(CORPUS).sort() : [];
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

describe.skipIf(files.length === 0)('session files from public repositories', () => {
  it.each(files)('%s parses, keeps every heading and edits only what it inserts', (name) => {
    const source = readFileSync(resolve(CORPUS, name), 'utf8');
    let doc;
    try {
      doc = parseSession(source, name);
    } catch (error) {
      expect(error).toBeInstanceOf(GitSessionError);
      expect((error as GitSessionError).exitCode).toBe(ExitCode.BadInput);
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
  it.skipIf(files.length > 0)('is skipped: the corpus folder beside the project is absent', () => {
    expect(existsSync(CORPUS)).toBe(false);
  });
});
