import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filterCommand } from '../../../src/core/clone/config.js';

// The clean filter's shell fallback, as git runs it where the binary cannot: in a folder
// without node_modules, with a PATH that holds no git-session.
const dir = mkdtempSync(join(tmpdir(), 'git-session-filter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function clean(text: string): { code: number | null; out: string; err: string } {
  const r = spawnSync('sh', ['-c', filterCommand('clean').replace('%f', 'SESSION.md')], { cwd: dir, input: text, encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const HEAD = '# Session\n\n## Goal\nShip.\n\n';

describe('the private filter without the binary', () => {
  it.each([
    ['## PRIVATE\nplan\n'],
    ['### Private notes\nplan\n'],
    ['## 🔒 *Private*\nplan\n'],
    ['## P*riv*ate\nplan\n'],
    ['## Pr&#105;vate\nplan\n'],
    ['Personal\n--------\nplan\n'],
    ['## Privé\nplan\n'],
    ['x <!-- PRIVATE -->plan<!-- /PRIVATE -->\n'],
    ['<!--\nprivate -->\nplan\n<!-- /private -->\n'],
    ['## Notes\r## Private\rplan\r'],
  ])('refuses private text however it is written: %j', (tail) => {
    const r = clean(HEAD + tail);
    expect(r.code).not.toBe(0);
    expect(r.out).not.toContain('plan');
    expect(r.err).toContain('holds private text, so it is not staged');
  });

  it.each([['## Privileges\nadmin only\n'], ['# Session: privacy page\n\ntext\n'], ['### Personalization engine\nrules\n'], ['## Private\n<!-- Notes for this file only. -->\n\n## Key Files\n- a.ts\n']])(
    'stages a file without private text: %j',
    (tail) => {
      const r = clean(HEAD + tail);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe((HEAD + tail).replace('<!-- Notes for this file only. -->\n\n', ''));
    },
  );
});
