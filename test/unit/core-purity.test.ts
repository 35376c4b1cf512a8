import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The core must stay pure: text in, data out. Time, cwd and environment arrive as
// arguments, so nothing under src/core may reach the world.
const FORBIDDEN = [
  /from\s+['"](node:)?(fs|fs\/promises|child_process|os|net|http|https|tty|worker_threads|process)['"]/,
  /import\(\s*['"](node:)?(fs|fs\/promises|child_process|os|process)['"]\s*\)/,
  /\bprocess\.(env|cwd|argv|exit|stdout|stderr|stdin|chdir)\b/,
  /\bnew Date\(\s*\)/,
  /\bDate\.now\(\)/,
  // Any depth: a module in src/core/session reaches the adapters as '../../adapters/…'.
  /(?:from\s+|import\(\s*)['"](?:\.\.\/)+(adapters|commands|cli|hooks)\//,
  /from\s+['"]simple-git['"]/,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('src/core is pure', () => {
  const core = files(join(__dirname, '../../src/core'));

  it('has modules to check', () => {
    expect(core.length).toBeGreaterThan(0);
  });

  it.each(core)('%s imports no I/O and reads no clock or environment', (path) => {
    const text = readFileSync(path, 'utf8');
    for (const pattern of FORBIDDEN) expect(text, `${path} matches ${pattern}`).not.toMatch(pattern);
  });

  it('the check itself catches an I/O import', () => {
    const sample = "import { readFileSync } from 'node:fs';";
    expect(FORBIDDEN.some((p) => p.test(sample))).toBe(true);
  });

  it.each([
    "import { git } from '../adapters/git.js';",
    "import { git } from '../../adapters/git.js';",
    "import type { CommandContext } from '../../../cli/context.js';",
    "const m = await import('../../hooks/pre-commit.js');",
  ])('the check itself catches a shell import: %s', (sample) => {
    expect(FORBIDDEN.some((p) => p.test(sample))).toBe(true);
  });

  it('the check itself lets core modules import each other', () => {
    const sample = "import { parseSession } from '../session/index.js';\nimport { ExitCode } from '../../errors.js';";
    expect(FORBIDDEN.some((p) => p.test(sample))).toBe(false);
  });
});
