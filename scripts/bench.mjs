#!/usr/bin/env node
// Measures what git-session adds to a commit, side by side in one run (medians of
// BENCH_RUNS runs, default 15), in throwaway repositories. Ratios are against a
// pre-commit hook that only starts node: the floor for any node-based hook.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchEnv } from './scratch-env.mjs';
import { build } from 'esbuild';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_CLI measures another build (a copy of an earlier dist/) against the same scenarios.
const cli = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : join(root, 'dist', 'cli.js');
const base = mkdtempSync(join(tmpdir(), 'git-session-bench-'));
const bin = join(base, 'bin');
const env = scratchEnv({ home: join(base, 'home'), bin, cli, name: 'Bench', email: 'bench@example.com' });

// Node processes per commit are counted in one more commit per scenario after the
// timed ones, through a `node` on PATH that logs each start of the binary: a wrapper in
// the timed commits would cost every start an exec.
const startsLog = join(base, 'node-starts.log');
const countingBin = join(base, 'counting-bin');
mkdirSync(countingBin);
const realNode = process.execPath;
writeFileSync(join(countingBin, 'node'), `#!/bin/sh\ncase "$*" in *cli.js*) echo x >> "${startsLog}" ;; esac\nexec "${realNode}" "$@"\n`);
chmodSync(join(countingBin, 'node'), 0o755);
const countingEnv = { ...env, PATH: `${countingBin}:${env.PATH}` };

function sh(cwd, cmd, args, input, runEnv = env) {
  const r = spawnSync(cmd, args, { cwd, env: runEnv, encoding: 'utf8', input: input ?? '', timeout: 120_000, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * Runs a command under bash and returns its wall time and the CPU time (user + sys) of
 * it and everything it started, from bash's `times`: on a busy machine wall times
 * wander, CPU times much less.
 */
function timed(cwd, cmd, args, runEnv = env) {
  const t0 = process.hrtime.bigint();
  const out = sh(cwd, 'bash', ['-c', '"$@" >/dev/null; s=$?; times; exit $s', 'bash', cmd, ...args], undefined, runEnv);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const seconds = (t) => {
    const m = /(\d+)m([\d.]+)s/.exec(t ?? '');
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };
  const [user, sys] = (out.trim().split('\n').at(-1) ?? '').split(/\s+/);
  return { ms, cpu: (seconds(user) + seconds(sys)) * 1000 };
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

const ENTRY = `### 2024-01-01 10:00 +00:00 · commit · main · Bench <bench@example.com>\n- Goal: Measure commit overhead.\n- Status: Running.\n- Files:\n  - code.js (+1 -1)\n\n`;

/**
 * git-session as `npm install --save-dev git-session` lays it out: the package (the
 * measured build's) in node_modules/git-session, its bins linked into node_modules/.bin,
 * node_modules ignored. The installed hooks source the package's hook functions there.
 */
function installAsDevDependency(dir) {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(resolve(dirname(cli), '..'), join(dir, 'node_modules', 'git-session'));
  symlinkSync('../git-session/dist/cli.js', join(dir, 'node_modules', '.bin', 'git-session'));
  symlinkSync('../git-session/bin/git-session-hook', join(dir, 'node_modules', '.bin', 'git-session-hook'));
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
}

/**
 * A repository set up for one scenario. `big` adds a 10,000-commit history and a
 * 5,000-entry journal: by default in the weekly files of the default layout (100 past
 * weeks of 50 entries); with `oneFile`, all in one file (journal.path without {week}),
 * which `git add` must hash and compress whole on every commit.
 */
function makeRepo(name, kind, big, oneFile = false) {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  sh(dir, 'git', ['init', '-q', '-b', 'main']);
  if (kind === 'ours' || kind === 'init') installAsDevDependency(dir);
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
  writeFileSync(join(dir, 'code.js'), 'export const n = 0;\n');
  if (kind === 'init') {
    // As a user has it: init's template (with its Private section), hooks, merge drivers and private filter.
    sh(dir, 'node', [cli, 'init']);
    sh(dir, 'git', ['add', '-A']);
    sh(dir, 'git', ['commit', '-q', '--no-verify', '-m', 'Setup']);
    return dir;
  }
  writeFileSync(join(dir, 'SESSION.md'), SESSION);
  mkdirSync(join(dir, '.session', 'journal'), { recursive: true });
  // init writes the settings file; without one the hooks stay out of a repository.
  writeFileSync(join(dir, '.gitsession'), '');
  if (oneFile) {
    writeFileSync(join(dir, '.gitsession'), '[journal]\n\tpath = .session/journal.md\n');
    writeFileSync(join(dir, '.session', 'journal.md'), ENTRY.repeat(5_000));
  } else if (big) {
    for (let w = 0; w < 100; w++) {
      const name = `${2022 + Math.floor(w / 50)}-W${String((w % 50) + 1).padStart(2, '0')}.md`;
      writeFileSync(join(dir, '.session', 'journal', name), ENTRY.repeat(50));
    }
  }
  sh(dir, 'git', ['add', '-A']);
  sh(dir, 'git', ['commit', '-q', '--no-verify', '-m', 'Setup']);
  const hooks = join(dir, '.git', 'hooks');
  if (kind === 'node') {
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nnode -e 0\n');
    chmodSync(join(hooks, 'pre-commit'), 0o755);
  } else if (kind === 'stage') {
    // What git itself charges any hook that journals into the commit: the floor's node,
    // a line appended and staged from sh, and the two later hooks doing nothing.
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nnode -e 0\necho entry >> .session/journal.md && git add .session/journal.md\n');
    for (const h of ['prepare-commit-msg', 'commit-msg']) writeFileSync(join(hooks, h), '#!/bin/sh\n:\n');
    for (const h of ['pre-commit', 'prepare-commit-msg', 'commit-msg']) chmodSync(join(hooks, h), 0o755);
  } else if (kind === 'ours') {
    for (const h of hookLines.HOOK_NAMES) {
      writeFileSync(join(hooks, h), hook(h));
      chmodSync(join(hooks, h), 0o755);
    }
  }
  return dir;
}

/**
 * One scenario: `step(i)` stages run i's change and times `git commit` only (staging
 * happens outside the clock). `decisions`: three bullets typed into SESSION.md by hand;
 * `decide`: one recorded with `git session decide` (the common assistant flow).
 */
function scenario(dir, { decisions, decide, addSession = true }) {
  const times = [];
  const cpus = [];
  let starts = 0;
  const step = (i, counting = false) => {
    writeFileSync(join(dir, 'code.js'), `export const n = ${i + 1};\n`);
    if (decisions) {
      const text = readFileSync(join(dir, 'SESSION.md'), 'utf8');
      const added = [0, 1, 2].map((k) => `- Choice ${i}-${k} — Reason: measured ${k}`).join('\n');
      writeFileSync(join(dir, 'SESSION.md'), text.replace('\n\n## Dead Ends', `\n${added}\n\n## Dead Ends`));
    }
    if (decide) sh(dir, 'node', [cli, 'decide', `Choice ${i}`, '--because', 'measured']);
    // Without addSession the session file is left to the hook, as an assistant that
    // stages only its code leaves it: pre-commit stages the lines the command wrote.
    sh(dir, 'git', addSession ? ['add', '-A'] : ['add', 'code.js']);
    writeFileSync(startsLog, '');
    const { ms, cpu } = timed(dir, 'git', ['commit', '-q', '-m', `Change ${i}`], counting ? countingEnv : env);
    if (counting) starts = readFileSync(startsLog, 'utf8').split('\n').filter(Boolean).length;
    else if (i > 0) {
      // Run 0 is a warm-up: the first commit fills the caches.
      times.push(ms);
      cpus.push(cpu);
    }
  };
  const result = () => ({ ms: median(times), cpu: median(cpus), nodeStarts: starts });
  return { step, result };
}

/**
 * Runs the scenarios round-robin, one commit each per round, so that a slow moment
 * of a shared machine hits every scenario alike and the ratios stay comparable.
 */
function interleave(scenarios) {
  for (let i = 0; i < RUNS + 1; i++) for (const s of scenarios) s.step(i);
  for (const s of scenarios) s.step(RUNS + 1, true);
  return scenarios.map((s) => s.result());
}

function benchCmd(cmd, args) {
  const runs = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const r = timed(base, cmd, args);
    if (i > 0) runs.push(r);
  }
  return { ms: median(runs.map((r) => r.ms)), cpu: median(runs.map((r) => r.cpu)) };
}

// BENCH_ONLY=<regex> runs only the scenarios whose label matches (the floor always runs).
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

try {
  console.log(`git-session bench on Node ${process.version}: ${cli}, medians of ${RUNS} runs (BENCH_RUNS to change)\n`);
  const version = benchCmd('node', [cli, '--version']);
  const nodeNoop = benchCmd('node', ['-e', '0']);
  const x = (a, b) => `${(a / b).toFixed(2)}x`;
  console.log(
    `git-session --version  ${version.ms.toFixed(1)} ms (cpu ${version.cpu.toFixed(0)})   ` +
      `node -e 0  ${nodeNoop.ms.toFixed(1)} ms (cpu ${nodeNoop.cpu.toFixed(0)})   ratio ${x(version.ms, nodeNoop.ms)} (cpu ${x(version.cpu, nodeNoop.cpu)})\n`,
  );

  const plan = [
    ['git commit, no hooks', () => scenario(makeRepo('plain', 'none', false), { decisions: false })],
    ['git-session, nothing to record', () => scenario(makeRepo('ours-idle', 'ours', false), { decisions: false }), 1.3],
    ['git-session, 3 bullets typed by hand', () => scenario(makeRepo('ours-full', 'ours', false), { decisions: true }), 1.5],
    ['node -e 0 + sh stages a line, 3 hooks', () => scenario(makeRepo('stage', 'stage', false), { decisions: false })],
    ['git-session, after `decide`', () => scenario(makeRepo('ours-decide', 'ours', false), { decide: true }), 1.4],
    ['  the same, SESSION.md left to hook', () => scenario(makeRepo('ours-decide-owned', 'ours', false), { decide: true, addSession: false })],
    ['  the same, a repo set up by init***', () => scenario(makeRepo('init-decide-owned', 'init', false), { decide: true, addSession: false })],
    ['  big repo*, nothing to record', () => scenario(makeRepo('big-idle', 'ours', true), { decisions: false }), 1.3],
    ['  big repo*, 3 bullets typed by hand', () => scenario(makeRepo('big-full', 'ours', true), { decisions: true }), 1.5],
    ['  big repo, one journal file**', () => scenario(makeRepo('big-onefile', 'ours', true, true), { decisions: false })],
  ].filter(([label]) => !only || only.test(label));
  const chosen = [['pre-commit = node -e 0', () => scenario(makeRepo('node', 'node', false), { decisions: false })], ...plan];
  const results = interleave(chosen.map(([, make]) => make()));
  const floor = results[0];
  const rows = chosen.map(([label, , target], k) => ({ label, ...results[k], target }));

  const pad = (s, n) => String(s).padEnd(n);
  console.log(`${pad('scenario', 38)}${pad('ms', 9)}${pad('vs node -e 0', 14)}${pad('target', 11)}${pad('cpu ms', 9)}${pad('cpu vs', 9)}binary starts`);
  for (const r of rows) {
    const ratio = r.ms / floor.ms;
    const verdict = r.target ? `${r.target}x ${ratio <= r.target ? 'ok' : 'OVER'}` : '';
    console.log(
      `${pad(r.label, 38)}${pad(r.ms.toFixed(1), 9)}${pad(x(r.ms, floor.ms), 14)}${pad(verdict, 11)}` +
        `${pad(r.cpu.toFixed(0), 9)}${pad(x(r.cpu, floor.cpu), 9)}${r.nodeStarts}`,
    );
  }
  console.log('\nScenarios run round-robin, one commit each per round, so drift hits them alike.');
  console.log('3 bullets typed by hand: plain bullets appended under Decisions (read without the parser).');
  console.log('after `decide`: one decision recorded with git session decide, which primes the cache; then git add -A.');
  console.log('SESSION.md left to the hook: git add code.js only, so pre-commit stages the lines decide wrote.');
  console.log('sh stages a line: what git charges any hook that journals into the commit (git add, two more hooks).');
  console.log('* big repo: 10,000-commit history (git fast-import) and a 5,000-entry journal in 100 weekly files.');
  console.log('** the same 5,000 entries in one file (journal.path without {week}): git add hashes and compresses it whole.');
  console.log('*** init\'s template and private filter: git runs the filter (a node start) when it finds the session file changed.');
  console.log('cpu: user + sys of git and every hook process, steadier than wall time on a busy machine.');
  console.log('binary starts: node processes running git-session in one more commit, counted after the timed ones.');
} finally {
  rmSync(base, { recursive: true, force: true });
}
