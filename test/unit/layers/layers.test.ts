import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderCycles, folderOf, readModule, sourceFiles, type ModuleFacts } from './graph.js';

/**
 * The house's layers, enforced on what each module really imports and references.
 * A folder may import its own modules and those of lower layers, never upward, and
 * the folders' import graph has no cycle.
 */
const LAYER: Record<string, number> = {
  'errors.ts': 0,
  'context.ts': 0,
  core: 1,
  adapters: 2,
  commands: 3,
  hooks: 3,
  mcp: 4,
  action: 4,
  'timeline-page': 4,
  cli: 5,
  'index.ts': 5,
};

/** Packages the pure core may use: parsers and scanners that take text and return data. */
const PURE_PACKAGES = [/^node:path$/, /^mdast(-util-[\w-]+)?$/, /^micromark-extension-[\w-]+$/, /^gray-matter$/, /^@secretlint\//, /^@types\//];

/** What breaks the rules in a set of modules, one line each. */
export function violations(modules: readonly ModuleFacts[]): string[] {
  const out: string[] = [];
  const edges = new Map<string, Set<string>>();
  for (const m of modules) {
    const from = folderOf(m.path);
    if (LAYER[from] === undefined) out.push(`${m.path}: folder ${from} has no layer (add it to LAYER)`);
    for (const imp of m.imports) {
      const relativeImport = imp.spec.startsWith('.');
      if (from === 'core') {
        const ok = relativeImport ? folderOf(imp.target) === 'core' || imp.target === 'errors.ts' : PURE_PACKAGES.some((p) => p.test(imp.spec));
        if (!ok) out.push(`${m.path}:${imp.line}: the core imports ${imp.spec}`);
      }
      if (!relativeImport) continue;
      const to = folderOf(imp.target);
      if (to === from) continue;
      if ((LAYER[to] ?? 99) > (LAYER[from] ?? -1)) out.push(`${m.path}:${imp.line}: ${from} imports upward into ${to} (${imp.spec})`);
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
    if (from === 'core') for (const w of m.world) out.push(`${m.path}:${w.line}: the core references ${w.what}`);
  }
  for (const cycle of folderCycles(edges)) out.push(`folders import each other: ${cycle}`);
  return out;
}

const SRC = resolve(__dirname, '../../../src');
const read = (root: string) => sourceFiles(root).map((f) => readModule(root, f));

describe('the layers of src/', () => {
  it('every module keeps to its layer; the core reaches nothing of the world', () => {
    const modules = read(SRC);
    expect(modules.length).toBeGreaterThan(100);
    expect(violations(modules)).toEqual([]);
  });

  describe('the check catches a violation planted in a scratch copy', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'git-session-layers-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    cpSync(SRC, scratch, { recursive: true });
    const victim = join(scratch, 'core', 'session', 'conflict.ts');
    const original = readFileSync(victim, 'utf8');

    it.each([
      ["const fs = require('node:fs');", /the core imports node:fs/],
      ["const r = require; const fs = r('node:fs');", /references require/],
      ["const fs = process.getBuiltinModule('node:fs');", /references process/],
      ["import { readFileSync } from 'node:fs';", /the core imports node:fs/],
      ["export const load = () => import('node:child_process');", /the core imports node:child_process/],
      ["import { git } from '../../adapters/git.js';", /the core imports \.\.\/\.\.\/adapters\/git\.js/],
      ['export const stamp = () => Date.now();', /references Date\.now\(\)/],
      ['export const t = new Date();', /references new Date\(\)/],
      ["const g = globalThis['process'];", /references globalThis/],
      ["import fs4 = require('fs');", /the core imports fs/],
      ['export const env = () => global.process.env;', /references global/],
      ["export const m = () => module.require('fs');", /references module/],
      ["export const e = () => (0, eval)('process');", /references eval/],
      ["export const f = () => new Function('return process')();", /references Function/],
      ['export const t = () => performance.now();', /references performance/],
      ['export const d = () => Date();', /references Date\(\)/],
    ])('%s', (line, expected) => {
      writeFileSync(victim, `${original}\n${line}\n`);
      try {
        expect(violations(read(scratch)).join('\n')).toMatch(expected);
      } finally {
        writeFileSync(victim, original);
      }
    });

    it('an upward import and a cycle between folders', () => {
      const adapter = join(scratch, 'adapters', 'git.ts');
      const before = readFileSync(adapter, 'utf8');
      writeFileSync(adapter, `${before}\nimport '../commands/review.js';\n`);
      try {
        const found = violations(read(scratch)).join('\n');
        expect(found).toMatch(/adapters imports upward into commands/);
        expect(found).toMatch(/folders import each other: .*adapters -> commands|commands -> adapters/);
      } finally {
        writeFileSync(adapter, before);
      }
    });
  });
});
