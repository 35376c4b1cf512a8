#!/usr/bin/env node
// Benchmarks the history commands against the plain git commands they build on, side
// by side in one run, on a generated history of 100,000 commits. The history is made
// with `git fast-import` once and cached under the OS temp folder, keyed by VERSION.
//
//   node scripts/bench-history.mjs [--runs 5] [--commits 100000] [--only log] [--compare old/dist/cli.js]
//
// --only log|review|why|start measures that group alone (plus the start-up floor). The log
// and why rows are sampled in turn, one run of each per round, so load on a shared
// machine hits them alike; --compare adds another build's rows to the same rounds.
//
// Prints medians in ms and the ratios to the targets, and the ratio once node's own
// start-up (which no git command pays) is taken out; for `log`, also the peak memory
// (VmHWM, Linux) of the node process itself, not of the git it runs, against 150 MB,
// over the measured runs: with what the readers keep under the git dir, and with
// nothing kept yet (a fresh clone, another build). Build first (npm run build).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const VERSION = 'v3';
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const RUNS = opt('runs', 5);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
// --compare <path to another build's cli.js> adds its `log` rows, measured in the same rounds.
const COMPARE = args.includes('--compare') ? resolve(args[args.indexOf('--compare') + 1]) : undefined;
const COMMITS = opt('commits', 100_000);
const BIG_LINES = 2_000;
// Lines after this one never change: blame must walk back to the root commit for them.
const STABLE_FROM = 1_900;
const BIN = resolve(import.meta.dirname, '../dist/cli.js');
const REPO = join(tmpdir(), `git-session-bench-history-${VERSION}-${COMMITS}`);

const env = {};
// Without machine settings that change what every node start costs (NODE_EXTRA_CA_CERTS
// makes Node 20 read a certificate bundle at start-up): they would flatter the rows
// measured against node's own start.
for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && k !== 'NODE_OPTIONS' && k !== 'NODE_EXTRA_CA_CERTS') env[k] = v;
Object.assign(env, { GIT_CONFIG_NOSYSTEM: '1', GIT_PAGER: 'cat', TZ: 'UTC', LANG: 'C.UTF-8' });

function run(cmd, argv, input) {
  const r = spawnSync(cmd, argv, { cwd: REPO, env, input, encoding: 'utf8', maxBuffer: 2 ** 30, timeout: 600_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function bigFile(version) {
  const lines = [];
  for (let i = 1; i <= BIG_LINES; i++) lines.push(`line ${i} of the big file, revision ${i <= STABLE_FROM && i % 97 === version % 97 ? version : 0}`);
  return lines.join('\n') + '\n';
}

function message(i) {
  const parts = [`Change ${i}: adjust module ${i % 50}`, `Explains change ${i} in a sentence of prose.`];
  const trailers = [];
  if (i % 7 === 0) trailers.push(`Decision: use strategy ${i % 13} for module ${i % 50} — it keeps the module small`);
  if (i % 11 === 0) trailers.push(`Dead-End: caching module ${i % 50} — invalidation cost more than it saved`);
  if (i % 2 === 0) trailers.push(`Signed-off-by: Bench Author <bench@example.com>`);
  if (i % 5 === 0) trailers.push(`Co-authored-by: Second Author <second@example.com>`);
  if (i % 13 === 0 && trailers.length === 0) parts.push(`Note: this paragraph only looks like a trailer`);
  if (trailers.length > 0) parts.push(trailers.join('\n'));
  return parts.join('\n\n') + '\n';
}

/** SESSION.md as a session that records a decision every 100 commits would leave it: the last 20 kept. */
function sessionFile(i) {
  const bullets = [];
  for (let k = Math.max(100, i - 1900); k <= i; k += 100) bullets.push(`- Use strategy ${k % 13} for module ${k % 50} at change ${k} — Reason: it keeps module ${k % 50} small`);
  return `# Session\n\n## Goal\nKeep the bench modules small.\n\n## Status\nChange ${i} done.\n\n## Decisions\n${bullets.join('\n')}\n\n## Dead Ends\n\n## Key Files\n- \`big.txt\` — the file blame reads\n`;
}

function generate() {
  rmSync(REPO, { recursive: true, force: true });
  mkdirSync(REPO, { recursive: true });
  run('git', ['init', '-q', '-b', 'main']);
  const chunks = [];
  const journal = new Map();
  const start = Date.UTC(2020, 0, 1) / 1000;
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let i = 1; i <= COMMITS; i++) {
    const when = start + i * 600;
    const out = [`commit refs/heads/main`, `mark :${i}`];
    out.push(`author Bench Author <bench@example.com> ${when} +0000`, `committer Bench Author <bench@example.com> ${when} +0000`);
    out.push(data(message(i)).trimEnd());
    if (i > 1) out.push(`from :${i - 1}`);
    out.push(`M 644 inline src/module-${i % 50}.txt`, data(`module ${i % 50} at change ${i}\n`).trimEnd());
    if (i === 1 || i % 100 === 0) out.push('M 644 inline big.txt', data(bigFile(i)).trimEnd());
    if (i === 1 || i % 100 === 0) out.push('M 644 inline SESSION.md', data(sessionFile(i)).trimEnd());
    if (i % 20 === 0) {
      const file = `.session/journal/2020-W${String(Math.floor(i / 1000) % 53 + 1).padStart(2, '0')}.md`;
      const d = new Date(when * 1000).toISOString();
      const entry = `### ${d.slice(0, 10)} ${d.slice(11, 16)} +00:00 · commit · main · Bench Author <bench@example.com>\n- Status: change ${i} done\n\n`;
      journal.set(file, (journal.get(file) ?? '') + entry);
      out.push(`M 644 inline ${file}`, data(journal.get(file)).trimEnd());
    }
    chunks.push(out.join('\n') + '\n\n');
  }
  const stream = join(REPO, '.git', 'bench.fi');
  writeFileSync(stream, chunks.join(''));
  const r = spawnSync('sh', ['-c', `git fast-import --quiet < "${stream}"`], { cwd: REPO, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fast-import failed: ${r.stderr}`);
  rmSync(stream);
  run('git', ['reset', '-q', '--hard', 'main']);
  writeFileSync(join(REPO, '.git', `bench-${VERSION}-ready`), '');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(cmd, argv) {
  run(cmd, argv); // warm the page cache
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run(cmd, argv);
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first.`);
if (!existsSync(join(REPO, '.git', `bench-${VERSION}-ready`))) {
  const t0 = performance.now();
  process.stdout.write(`generating ${COMMITS} commits in ${REPO} ... `);
  generate();
  process.stdout.write(`${Math.round(performance.now() - t0)} ms\n`);
}

const line = Math.floor(BIG_LINES / 2);
const nodeStart = time('node', [BIN, '--version']);
// The git call a warm `log` makes: the commits with their trailers. The journal
// entries of each commit are kept under the git dir; the walk that finds them (of the
// commits that touched the journal) runs only when nothing is kept yet.
const TRAILERS = '%(trailers:key=Decision,key=Dead-End,key=Ruled-out,key=Rejected,unfold,separator=%x1e)';
const FLAGS = ['--no-color', '--no-show-signature', '--no-relative', '--no-ext-diff', '--no-textconv'];
const FORMAT = `--format=%x02%H%x1f%h%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f${TRAILERS}`;
const JOURNAL = ':(top,literal).session/journal/';
const commitsGit = ['log', ...FLAGS, '-z', FORMAT, '--end-of-options', 'HEAD', '--'];
const journalGit = [
  'log', ...FLAGS, '-p', '--unified=0', '--src-prefix=a/', '--dst-prefix=b/', '--no-renames', '--format=%x02%H',
  '--full-history', '--no-follow', '--end-of-options', 'HEAD', '--', JOURNAL,
];

/** `why`'s kept answers (the commits blame named, read once for HEAD): the first `why` about a commit at a HEAD has none. */
function forgetBlamed() {
  rmSync(join(REPO, '.git', 'git-session', 'blamed.json'), { force: true });
}

/** Forgets what the readers keep for HEAD under the git dir, as a fresh clone has nothing kept. */
function forgetKept() {
  for (const f of ['record.json', 'record-items.json', 'journal.json', 'items.json']) rmSync(join(REPO, '.git', 'git-session', f), { force: true });
}

/**
 * A job of the compared build, run with its own state dir: what each build keeps is
 * keyed by the build, so sharing one would make every run of either a first run. The
 * state is only what the readers keep, so a swap left half done is simply cleared.
 */
const STATE = join(REPO, '.git', 'git-session');
const ASIDE = `${STATE}.other-build`;
let swapped = false;
function swapState() {
  const tmp = `${STATE}.swap`;
  rmSync(tmp, { recursive: true, force: true });
  if (existsSync(STATE)) renameSync(STATE, tmp);
  if (existsSync(ASIDE)) renameSync(ASIDE, STATE);
  if (existsSync(tmp)) renameSync(tmp, ASIDE);
  swapped = !swapped;
}
// A run that fails leaves the state dirs as they were before it.
process.on('exit', () => swapped && swapState());

function comparedJob(job) {
  return Object.assign(job, { swap: swapState });
}

// Loaded into a measured node process (`node -r`): on exit it writes its own peak
// resident memory to fd 3, so the figure is node's alone, whatever its git children take.
const PEAK = join(tmpdir(), `git-session-bench-peak-${process.pid}.cjs`);
writeFileSync(
  PEAK,
  `process.on('exit', () => { try { const m = /VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8')); if (m) require('fs').writeSync(3, m[1] + '\\n'); } catch {} });\n`,
);
process.on('exit', () => rmSync(PEAK, { force: true }));
/** Peak memory in kB by row, largest seen. */
const peaks = {};

function spawnDone(cmd, argv, peakOf) {
  return new Promise((done, fail) => {
    const measured = peakOf !== undefined && cmd === 'node';
    const child = spawn(cmd, measured ? ['-r', PEAK, ...argv] : argv, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe', ...(measured ? ['pipe'] : [])] });
    let peak = '';
    child.stdout.resume();
    child.stderr.resume();
    if (measured) child.stdio[3].on('data', (b) => (peak += b));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`${cmd} ${argv.join(' ')} failed (${code})`));
      if (measured && peak.trim() !== '') peaks[peakOf] = Math.max(peaks[peakOf] ?? 0, Number(peak));
      done();
    });
  });
}

function exec(job, name) {
  // A job is one command, several started together (as `log` starts its git calls),
  // or several run one after the other ({ seq: [...] }: node's start, then git).
  if (job.seq) return job.seq.reduce((p, [cmd, argv]) => p.then(() => spawnDone(cmd, argv)), Promise.resolve());
  return Array.isArray(job[0]) ? Promise.all(job.map(([cmd, argv]) => spawnDone(cmd, argv))) : spawnDone(job[0], job[1], name);
}

/**
 * Medians of the jobs, sampled in turn (one run of each per round), so a change in
 * the machine's load hits every row alike and the ratios stay honest.
 */
/** Each sampled row's fastest and slowest run, to show how loaded the machine was. */
const spread = [];

async function timeInTurn(jobs) {
  // Warm the page cache (and what the binary keeps under the git dir): no peak is taken.
  for (const job of Object.values(jobs)) {
    job.swap?.();
    try {
      await exec(job);
    } finally {
      job.swap?.();
    }
  }
  const samples = Object.fromEntries(Object.keys(jobs).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [k, job] of Object.entries(jobs)) {
      job.before?.();
      job.swap?.();
      try {
        const t0 = performance.now();
        await exec(job, k);
        samples[k].push(performance.now() - t0);
      } finally {
        job.swap?.();
      }
    }
  }
  spread.push(...Object.entries(samples).map(([k, xs]) => `${k} ${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))}`));
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
}

async function logRows() {
  const jobs = {
    // A git log printing the fields the JSON holds: hashes, parents, author, date, subject, trailers.
    same: ['git', commitsGit],
    base: ['git', ['log', '--format=%(trailers:key=Decision,valueonly,unfold)']],
    json: ['node', [BIN, 'log', '--format', 'json']],
    md: ['node', [BIN, 'log']],
    // The first log at a HEAD with nothing kept under the git dir (a fresh clone, another build).
    cold: Object.assign(['node', [BIN, 'log', '--format', 'json']], { before: forgetKept }),
    ...(COMPARE === undefined
      ? {}
      : { oldJson: comparedJob(['node', [COMPARE, 'log', '--format', 'json']]), oldMd: comparedJob(['node', [COMPARE, 'log']]) }),
    journal: ['git', journalGit],
  };
  const t = await timeInTurn(jobs);
  const vs = { base: t.same, baseName: 'git log, the same fields (-z)' };
  const mb = (k) => (peaks[k] === undefined ? undefined : peaks[k] / 1024);
  return [
    { name: `log --format json (all ${COMMITS})`, ours: t.json, ...vs, target: 1.5, peak: mb('json') },
    { name: `log (markdown, all ${COMMITS})`, ours: t.md, ...vs, target: 1.5, peak: mb('md') },
    { name: `log --format json, nothing kept yet`, ours: t.cold, ...vs, peak: mb('cold') },
    ...(COMPARE === undefined
      ? []
      : [
          { name: '  compared build: log --format json', ours: t.oldJson, ...vs, peak: mb('oldJson') },
          { name: '  compared build: log (markdown)', ours: t.oldMd, ...vs, peak: mb('oldMd') },
        ]),
    { name: '  (git log --format=%(trailers:...) alone)', ours: t.base, ...vs, viaNode: false },
    { name: '  journal patch walk (a log with nothing kept)', ours: t.journal, ...vs, viaNode: false },
  ];
}

// Each group is measured only when asked for (see --only); `group` is the word --only matches.
const rowMakers = [
  { group: 'log', make: logRows },
  { group: 'review', make: () => ({ name: 'review HEAD~1000..HEAD', ours: time('node', [BIN, 'review', 'HEAD~1000..HEAD']) }) },
  ...[line, STABLE_FROM + 50].map((n) => ({
    group: 'why',
    // Against what the same answer costs by hand: a node start and git blame, one after the other.
    make: async () => {
      const t = await timeInTurn({
        ours: ['node', [BIN, 'why', `big.txt:${n}`]],
        first: Object.assign(['node', [BIN, 'why', `big.txt:${n}`]], { before: forgetBlamed }),
        ...(COMPARE === undefined ? {} : { old: comparedJob(['node', [COMPARE, 'why', `big.txt:${n}`]]) }),
        base: { seq: [['node', ['-e', '0']], ['git', ['blame', `-L${n},${n}`, 'big.txt']]] },
        blame: ['git', ['blame', `-L${n},${n}`, 'big.txt']],
      });
      const vs = { base: t.base, baseName: `node -e 0 + git blame -L${n},${n}`, viaNode: false };
      return [
        { name: `why big.txt:${n}${n > STABLE_FROM ? ' (line from the root)' : ''}`, ours: t.ours, ...vs, target: 1.3 },
        { name: '  its commits not kept yet', ours: t.first, ...vs },
        ...(COMPARE === undefined ? [] : [{ name: '  compared build', ours: t.old, ...vs }]),
        { name: '  git blame alone', ours: t.blame, ...vs },
      ];
    },
  })),
  {
    group: 'why',
    make: () => ({
      name: `why big.txt:${line} --history`,
      ours: time('node', [BIN, 'why', `big.txt:${line}`, '--history']),
      base: time('git', ['log', '-s', '--format=%H', `-L${line},${line}:big.txt`]),
      baseName: `git log -s -L${line},${line}:big.txt`,
      target: 1.5,
    }),
  },
  {
    // What an assistant's session start and a morning's standup cost on this history:
    // no git command prints the same, so they stand against the start-up floor alone.
    // The history has no base branch, so context reads the last 50 commits; the
    // standup's period is the history's last day.
    group: 'start',
    make: async () => {
      const lastDay = run('git', ['log', '-1', '--format=%cd', '--date=format:%Y-%m-%d']).trim();
      const standup = ['standup', '--since', lastDay, '--author', 'bench@example.com'];
      const t = await timeInTurn({
        context: ['node', [BIN, 'context']],
        standup: ['node', [BIN, ...standup]],
        ...(COMPARE === undefined ? {} : { oldContext: comparedJob(['node', [COMPARE, 'context']]), oldStandup: comparedJob(['node', [COMPARE, ...standup]]) }),
      });
      return [
        { name: 'context (the SessionStart hook)', ours: t.context },
        ...(COMPARE === undefined ? [] : [{ name: '  compared build', ours: t.oldContext }]),
        { name: `standup --since ${lastDay}`, ours: t.standup },
        ...(COMPARE === undefined ? [] : [{ name: '  compared build', ours: t.oldStandup }]),
      ];
    },
  },
];
const rows = [{ name: 'node dist/cli.js --version (start-up floor)', ours: nodeStart }];
for (const maker of rowMakers) if (ONLY === undefined || maker.group === ONLY) rows.push(...[await maker.make()].flat());

const pad = (s, n) => String(s).padEnd(n);
console.log(`\nmedians of ${RUNS} runs, ${COMMITS} commits\n`);
console.log(`${pad('command', 46)}${pad('ms', 8)}${pad('baseline', 36)}${pad('ms', 8)}${pad('ratio', 8)}${pad('target', 15)}${pad('minus start-up', 22)}peak RSS`);
for (const r of rows) {
  const ratio = r.base ? (r.ours / r.base).toFixed(2) : '';
  const verdict = r.target ? `≤ ${r.target}x ${Number(ratio) <= r.target ? 'ok' : 'MISSED'}` : '';
  // Every `node` row pays node's start-up, which no git command does: shown apart so the work itself can be judged.
  const extra = r.ours - nodeStart;
  const net = !r.base || r.viaNode === false ? '' : extra > 0 ? (extra / r.base).toFixed(2) : 'within start-up noise';
  console.log(
    `${pad(r.name, 46)}${pad(Math.round(r.ours), 8)}${pad(r.baseName ?? '', 36)}${pad(r.base ? Math.round(r.base) : '', 8)}${pad(ratio, 8)}${pad(verdict, 15)}${pad(net, 22)}${
      r.peak === undefined ? '' : `${Math.round(r.peak)} MB${r.target ? ` (≤ 150 MB ${r.peak <= 150 ? 'ok' : 'MISSED'})` : ''}`
    }`,
  );
}
if (spread.length > 0) console.log(`\nfastest-slowest run of each sampled row (ms): ${spread.join(', ')}`);
console.log(`load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
