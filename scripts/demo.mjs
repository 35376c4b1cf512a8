#!/usr/bin/env node
// Shows the whole loop in a throwaway repository: init, a decision and a dead end
// recorded on a branch, a commit with its trailers and journal entry, then what a
// reviewer reads back: the branch's review and the why of one line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchEnv } from './scratch-env.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const base = mkdtempSync(join(tmpdir(), 'git-session-demo-'));
const repo = join(base, 'repo');
const home = join(base, 'home');
const bin = join(base, 'bin');
mkdirSync(repo, { recursive: true });
const env = scratchEnv({ home, bin, cli, name: 'Demo Person', email: 'demo@example.com' });

function run(cmd, args, { show = true } = {}) {
  const r = spawnSync(cmd, args, { cwd: repo, env, encoding: 'utf8', timeout: 20_000, input: '' });
  if (show) {
    console.log(`$ ${[cmd, ...args].map((a) => (/\s|'/.test(a) ? `'${a}'` : a)).join(' ')}`);
    if (r.stdout) process.stdout.write(r.stdout);
    if (r.stderr) process.stdout.write(r.stderr);
  }
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function header(title) {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

try {
  header('1. A repository starts using git-session');
  run('git', ['init', '-q', '-b', 'main'], { show: false });
  run('git', ['config', 'commit.gpgsign', 'false'], { show: false });
  writeFileSync(join(repo, 'README.md'), '# Shop\n');
  run('git', ['add', '-A'], { show: false });
  run('git', ['commit', '-q', '-m', 'Start the shop'], { show: false });
  run('git', ['session', 'init']);
  run('git', ['add', '-A'], { show: false });
  run('git', ['commit', '-q', '-m', 'Start a git-session']);

  header('2. On a branch, the goal is written down and a decision recorded');
  run('git', ['switch', '-q', '-c', 'feature/prices'], { show: false });
  // A person writes the goal by hand, as in any SESSION.md.
  const sessionPath = join(repo, 'SESSION.md');
  const session = readFileSync(sessionPath, 'utf8');
  writeFileSync(sessionPath, session.replace(/(## Goal\n<!--[^\n]*-->\n)/, '$1Store prices without rounding errors.\n'));
  run('git', ['session', 'decide', 'Keep prices in integer cents', '--because', 'floats round 0.1 + 0.2 badly']);
  run('git', ['session', 'dead-end', 'Number.toFixed(2) at every sum', '--because', 'it still rounds half-cents the wrong way']);
  run('git', ['session', 'set-status', 'Cents in place; the checkout page is next']);

  header('3. Commit a small code change');
  mkdirSync(join(repo, 'src'), { recursive: true });
  writeFileSync(join(repo, 'src', 'price.js'), 'export const toCents = (euros) => Math.round(euros * 100);\n');
  run('git', ['add', '-A'], { show: false });
  run('git', ['commit', '-q', '-m', 'Store prices in cents']);

  header('4. The commit message: the decision and the dead end are trailers');
  run('git', ['log', '-1', '--format=%B']);

  header('5. The trailers read back by git itself');
  run('git', ['log', '-1', '--format=%(trailers:key=Decision,key=Dead-End,unfold)']);

  header('6. The journal entry, inside the same commit');
  const journalDir = join(repo, '.session', 'journal');
  for (const f of readdirSync(journalDir)) {
    const text = readFileSync(join(journalDir, f), 'utf8');
    const last = text.lastIndexOf('\n### ');
    console.log(`.session/journal/${f} (last entry):`);
    process.stdout.write(last === -1 ? text : text.slice(last + 1));
  }

  header('7. Nothing left behind (git status --short)');
  const status = run('git', ['status', '--short']);
  console.log(status === '' ? '(clean)' : '(NOT clean)');

  header('8. The reviewer: a PR description for the branch');
  run('git', ['session', 'review']);

  header('9. Why is this line the way it is?');
  run('git', ['session', 'why', 'src/price.js:1']);
} finally {
  rmSync(base, { recursive: true, force: true });
}
