#!/usr/bin/env node
// Measures what git-session adds to a commit, side by side in one run (medians of
// BENCH_RUNS runs, default 15), in throwaway repositories. Ratios are against a
// pre-commit hook that only starts node: the floor for any node-based hook.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const base = mkdtempSync(join(tmpdir(), 'git-session-bench-'));
const bin = join(base, 'bin');
const startsLog = join(base, 'node-starts.log');
mkdirSync(bin, { recursive: true });
// A shim that logs every start, so node processes per commit can be counted.
writeFileSync(join(bin, 'git-session'), `#!/bin/sh\necho x >> "${startsLog}"\nexec node "${cli}" "$@"\n`);
chmodSync(join(bin, 'git-session'), 0o755);

const env = {};
for (const [k, v] of Object.entries(process.env)) {
  if (/^(GIT_|CLAUDE|CODEX|GEMINI|CURSOR)/.test(k) || k === 'CI' || k === 'HUSKY') continue;
  env[k] = v;
}
Object.assign(env, {
  HOME: join(base, 'home'),
  PATH: `${bin}:${env.PATH ?? ''}`,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_EDITOR: 'true',
});
mkdirSync(env.HOME, { recursive: true });

function sh(cwd, cmd, args, input) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', input: input ?? '', timeout: 120_000, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function timed(cwd, cmd, args) {
  const t0 = process.hrtime.bigint();
  sh(cwd, cmd, args);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const SESSION = `# Session\n\n## Goal\nMeasure commit overhead.\n\n## Status\nRunning.\n\n## Decisions\n- Start simple — Reason: baseline first\n\n## Dead Ends (Don't Revisit)\n\n## Key Files\n- \`keyfile.js\` — not touched by the benchmark\n`;

// The hook lines init installs, taken from the source so the bench measures what ships.
const hookLines = await (async () => {
  const out = await build({ entryPoints: [join(root, 'src/core/hook-lines.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
})();

function hook(name) {
  return `#!/bin/sh\n${hookLines.hookBlock(name)}\n`;
}

/** A repository set up for one scenario. `big` adds a 10,000-commit history and a 5,000-entry journal. */
function makeRepo(name, kind, big) {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  sh(dir, 'git', ['init', '-q', '-b', 'main']);
  sh(dir, 'git', ['config', 'commit.gpgsign', 'false']);
  sh(dir, 'git', ['config', 'gc.auto', '0']);
  if (big) {
    // fast-import writes 10,000 commits in well under a second; each commit to a branch follows the previous one.
    let stream = '';
    for (let i = 1; i <= 10_000; i++) {
      const content = `line ${i}\n`;
      stream += `commit refs/heads/main\ncommitter Bench <bench@example.com> ${1_600_000_000 + i} +0000\ndata <<EOM\nHistory commit ${i}\nEOM\n`;
      stream += `M 644 inline history/f${i % 200}.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    }
    sh(dir, 'git', ['fast-import', '--quiet'], stream);
    sh(dir, 'git', ['reset', '-q', '--hard', 'main']);
  }
  writeFileSync(join(dir, 'SESSION.md'), SESSION);
  writeFileSync(join(dir, 'code.js'), 'export const n = 0;\n');
  writeFileSync(join(dir, '.gitsession'), '[journal]\n\tpath = .session/journal.md\n');
  mkdirSync(join(dir, '.session'), { recursive: true });
  if (big) {
    let journal = '';
    for (let i = 0; i < 5_000; i++) {
      journal += `### 2024-01-01 10:00 +00:00 · commit · main · Bench <bench@example.com>\n- Goal: Measure commit overhead.\n- Status: Running.\n- Files:\n  - code.js (+1 -1)\n\n`;
    }
    writeFileSync(join(dir, '.session', 'journal.md'), journal);
  }
  sh(dir, 'git', ['add', '-A']);
  sh(dir, 'git', ['commit', '-q', '--no-verify', '-m', 'Setup']);
  const hooks = join(dir, '.git', 'hooks');
  if (kind === 'node') {
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nnode -e 0\n');
    chmodSync(join(hooks, 'pre-commit'), 0o755);
  } else if (kind === 'ours') {
    for (const h of ['pre-commit', 'prepare-commit-msg']) {
      writeFileSync(join(hooks, h), hook(h));
      chmodSync(join(hooks, h), 0o755);
    }
  }
  return dir;
}

/**
 * Times `git commit` only; staging the change happens outside the clock. `decisions`:
 * three added to SESSION.md by hand (the parse cache misses); `decide`: one recorded
 * with `git session decide` (the common assistant flow: the cache is primed).
 */
function benchCommits(dir, { decisions, decide }) {
  const times = [];
  let starts = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    writeFileSync(join(dir, 'code.js'), `export const n = ${i + 1};\n`);
    if (decisions) {
      const text = readFileSync(join(dir, 'SESSION.md'), 'utf8');
      const added = [0, 1, 2].map((k) => `- Choice ${i}-${k} — Reason: measured ${k}`).join('\n');
      writeFileSync(join(dir, 'SESSION.md'), text.replace('\n\n## Dead Ends', `\n${added}\n\n## Dead Ends`));
    }
    if (decide) sh(dir, 'node', [cli, 'decide', `Choice ${i}`, '--because', 'measured']);
    sh(dir, 'git', ['add', '-A']);
    writeFileSync(startsLog, '');
    const ms = timed(dir, 'git', ['commit', '-q', '-m', `Change ${i}`]);
    if (i === 0) continue; // warm-up: first parse fills the cache
    times.push(ms);
    starts += readFileSync(startsLog, 'utf8').split('\n').filter(Boolean).length;
  }
  return { ms: median(times), nodeStarts: starts / RUNS };
}

function benchCmd(cmd, args) {
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const ms = timed(base, cmd, args);
    if (i > 0) times.push(ms);
  }
  return median(times);
}

try {
  console.log(`git-session bench: medians of ${RUNS} runs (BENCH_RUNS to change)\n`);
  const version = benchCmd('node', [cli, '--version']);
  const nodeNoop = benchCmd('node', ['-e', '0']);
  console.log(`git-session --version  ${version.toFixed(1)} ms   node -e 0  ${nodeNoop.toFixed(1)} ms   ratio ${(version / nodeNoop).toFixed(2)}x\n`);

  const rows = [];
  const add = (label, r, target) => rows.push({ label, ...r, target });
  add('git commit, no hooks', benchCommits(makeRepo('plain', 'none', false), { decisions: false }));
  const floor = benchCommits(makeRepo('node', 'node', false), { decisions: false });
  add('pre-commit = node -e 0', floor);
  add('git-session, nothing to record', benchCommits(makeRepo('ours-idle', 'ours', false), { decisions: false }), 1.2);
  add('git-session, 3 decisions + journal', benchCommits(makeRepo('ours-full', 'ours', false), { decisions: true }), 1.5);
  add('git-session, after `decide`', benchCommits(makeRepo('ours-decide', 'ours', false), { decide: true }), 1.5);
  add('  big repo*, nothing to record', benchCommits(makeRepo('big-idle', 'ours', true), { decisions: false }), 1.2);
  add('  big repo*, 3 decisions + journal', benchCommits(makeRepo('big-full', 'ours', true), { decisions: true }), 1.5);

  const pad = (s, n) => String(s).padEnd(n);
  console.log(`${pad('scenario', 38)}${pad('ms', 9)}${pad('vs node -e 0', 14)}${pad('target', 9)}git-session starts/commit`);
  for (const r of rows) {
    const ratio = r.ms / floor.ms;
    const verdict = r.target ? `${r.target}x ${ratio <= r.target ? 'ok' : 'OVER'}` : '';
    console.log(`${pad(r.label, 38)}${pad(r.ms.toFixed(1), 9)}${pad(ratio.toFixed(2) + 'x', 14)}${pad(verdict, 9)}${r.nodeStarts.toFixed(1)}`);
  }
  console.log('\n3 decisions: added to SESSION.md by hand (a cache miss: parser and scanner load).');
  console.log('after `decide`: one decision recorded with git session decide, which primes the cache.');
  console.log('* big repo: 10,000-commit history (git fast-import) and a 5,000-entry journal.');
} finally {
  rmSync(base, { recursive: true, force: true });
}
