// `npm run bench:context`: how well the decisions that are still in force reach an
// assistant about to touch a file, side by side for four ways of telling it, all cut
// to the same budget (800 tokens = 3,200 characters by default):
//
//   - the edit-time hook (`git-session hook claude-pre-tool-use`, as .claude/settings.json runs it)
//   - `git session why <path>`
//   - `git session context`
//   - `git log -- <path>` (subjects and bodies, following renames)
//
// It builds a history with known decisions through the real hooks of the built binary:
// several hundred commits over a few dozen files, decisions and dead ends recorded with
// `decide`/`dead-end`, some reverted, some superseded, some withdrawn by hand, renames,
// commits that touch several files. For every (file, active decision) pair it checks
// whether each output for that file contains the decision, and counts the retired ones
// each serves. Then it times the hook (fast path, index built) against `node -e 0`.
//
// `--repo <path>` (or `--self` for this repository) measures an existing history
// instead; its truth is the record as `why` reads it (the same tree-and-trailers
// reading), so there the figure measures selection and budget, not the reading.
// Options: --commits <n> (default 300), --budget <tokens> (800), --runs <n> (21).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
// --bin <path>: measure another build of the binary (a copy, while this one is rebuilt).
const BIN = resolve(opt('--bin', join(root, 'dist', 'cli.js')));
const COMMITS = Number(opt('--commits', '300'));
const BUDGET = Number(opt('--budget', '800'));
const RUNS = Number(opt('--runs', '21'));
const CHARS = BUDGET * 4;
const repoArg = args.includes('--self') ? root : opt('--repo', undefined);
// --keep <dir>: build the generated history there and keep it (its truth in .git/bench-truth.json);
// --reuse <dir>: measure such a kept history again without rebuilding it.
const keepDir = opt('--keep', undefined);
const reuseDir = opt('--reuse', undefined);

if (!existsSync(BIN)) {
  console.error('dist/cli.js is missing: run npm run build first.');
  process.exit(1);
}

// A deterministic generator: the same history on every run.
let seed = 0x9e3779b9;
function random() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const base = mkdtempSync(join(tmpdir(), 'git-session-bench-context-'));
const home = join(base, 'home');
const shimDir = join(base, 'bin');
mkdirSync(home, { recursive: true });
mkdirSync(shimDir, { recursive: true });
writeFileSync(join(shimDir, 'git-session'), `#!/bin/sh\nexec node "${BIN}" "$@"\n`, { mode: 0o755 });
// The installed hooks run the package's hook script, found beside the binary: without
// it every commit of the history would pass with no hook at all.
symlinkSync(resolve(dirname(BIN), '..', 'bin', 'git-session-hook'), join(shimDir, 'git-session-hook'));

const env = {};
for (const [k, v] of Object.entries(process.env)) {
  if (k.startsWith('GIT_') || k.startsWith('CLAUDE') || k === 'CI' || k === 'HUSKY') continue;
  env[k] = v;
}
Object.assign(env, {
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  PATH: `${shimDir}:${(env.PATH ?? '').split(':').filter((d) => d && !existsSync(join(d, 'git-session'))).join(':')}`,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_EDITOR: 'true',
  TZ: 'UTC',
});

function run(cmd, argv, cwd, input) {
  const r = spawnSync(cmd, argv, { cwd, env, input: input ?? '', encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
const git = (dir, ...argv) => run('git', argv, dir);
const gs = (dir, ...argv) => run('node', [BIN, ...argv], dir);

/** Builds the generated history; returns the truth: every decision with its files (current names) and fate. */
function generate(dir) {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'gc.auto', '0');
  const areas = ['api', 'core', 'db', 'ui', 'auth', 'jobs'];
  let files = [];
  for (const area of areas) for (let i = 0; i < 6; i++) files.push(`src/${area}/${area}-${i}.ts`);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), `// ${f}\n`);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Initial tree');
  gs(dir, 'init');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Set up git-session');
  const decisions = [];
  let n = 0;
  const touch = (f, i) => writeFileSync(join(dir, f), `${readFileSync(join(dir, f), 'utf8')}line ${i}\n`);
  for (let i = 0; i < COMMITS; i++) {
    const roll = random();
    if (roll < 0.03 && i > 10) {
      // A rename, alone in its commit.
      const from = pick(files);
      const to = from.replace(/\.ts$/, `-r${i}.ts`);
      git(dir, 'mv', from, to);
      git(dir, 'commit', '-q', '-m', `Rename ${from}`);
      files = files.map((f) => (f === from ? to : f));
      for (const d of decisions) d.files = d.files.map((f) => (f === from ? to : f));
      continue;
    }
    const width = random() < 0.25 ? 2 + Math.floor(random() * 3) : 1;
    const touched = [...new Set(Array.from({ length: width }, () => pick(files)))];
    for (const f of touched) touch(f, i);
    let recorded;
    if (roll < 0.4) {
      const kind = random() < 0.7 ? 'decision' : 'deadEnd';
      const text = `${kind === 'decision' ? 'Choose' : 'Tried'} approach ${++n} for ${touched[0].split('/')[1]}`;
      const why = `measured in run ${n}: ${'x'.repeat(Math.floor(random() * 60))}`;
      const live = decisions.filter((d) => d.kind === 'decision' && d.status === 'active' && d.files.some((f) => touched.includes(f)));
      if (kind === 'decision' && live.length > 0 && random() < 0.15) {
        const old = pick(live);
        gs(dir, 'decide', text, '--because', why, '--supersedes', old.text);
        old.status = 'superseded';
        // decide writes the old decision's what without its own marker.
        recorded = { kind, text: `${text} (supersedes: ${old.text.replace(/ \(supersedes: .+\)$/, '')})`, files: touched, status: 'active' };
      } else {
        gs(dir, kind === 'decision' ? 'decide' : 'dead-end', text, '--because', why);
        recorded = { kind, text, files: touched, status: 'active' };
      }
      decisions.push(recorded);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `Change ${touched.join(', ')} (${i})`);
    if (recorded && random() < 0.1) {
      git(dir, 'revert', '--no-edit', 'HEAD');
      recorded.status = 'reverted';
      // A revert restores the superseded decision's bullet: it is active again.
      const m = / \(supersedes: (.+)\)$/.exec(recorded.text);
      if (m) {
        const back = decisions.find((d) => d.text.replace(/ \(supersedes: .+\)$/, '') === m[1] && d.status === 'superseded');
        if (back) back.status = 'active';
      }
    } else if (recorded && random() < 0.05) {
      // Withdrawn by hand: the bullet deleted while the session goes on.
      const session = readFileSync(join(dir, 'SESSION.md'), 'utf8');
      const lines = session.split('\n');
      const at = lines.findIndex((l) => l.startsWith(`- ${recorded.text} — `));
      if (at >= 0) {
        lines.splice(at, 1);
        writeFileSync(join(dir, 'SESSION.md'), lines.join('\n'));
        touch(touched[0], `w${i}`);
        git(dir, 'add', '-A');
        git(dir, 'commit', '-q', '-m', `Withdraw ${recorded.text}`);
        recorded.status = 'withdrawn';
      }
    }
  }
  return decisions;
}

/** The truth of an existing repository, as `why` reads it: per file, active and retired texts. */
function truthFromWhy(dir, paths) {
  const byFile = new Map();
  // The tool's own files (the session file holds every decision; the journal logs them) are not what an assistant edits.
  const own = (p) => p === 'SESSION.md' || p === '.gitsession' || p.startsWith('.session/');
  for (const path of paths.filter((p) => !own(p))) {
    let report;
    try {
      report = JSON.parse(gs(dir, 'why', path, '--format', 'json'));
    } catch {
      continue;
    }
    const items = [...report.decisions, ...report.deadEnds];
    const active = [...new Set(items.filter((i) => i.status === 'active').map((i) => i.text))];
    const retired = [...new Set(items.filter((i) => i.status && i.status !== 'active').map((i) => i.text))];
    if (active.length > 0 || retired.length > 0) byFile.set(path, { active, retired });
  }
  return byFile;
}

function truthFromGenerated(decisions) {
  const byFile = new Map();
  for (const d of decisions) {
    for (const f of d.files) {
      const entry = byFile.get(f) ?? { active: [], retired: [] };
      (d.status === 'active' ? entry.active : entry.retired).push(d.text);
      byFile.set(f, entry);
    }
  }
  return byFile;
}

function hookInput(dir, path, session) {
  return JSON.stringify({
    session_id: session,
    transcript_path: join(home, 'transcript.jsonl'),
    cwd: dir,
    hook_event_name: 'PreToolUse',
    tool_name: 'Read',
    tool_input: { file_path: join(dir, path) },
  });
}

/** The command .claude/settings.json runs, or the binary's own when the repository has no such hook yet. */
function hookCommand(dir) {
  const direct = `node "${BIN}" hook claude-pre-tool-use`;
  if (opt('--bin', undefined) || !existsSync(join(dir, '.claude', 'settings.json'))) return direct;
  const settings = JSON.parse(readFileSync(join(dir, '.claude', 'settings.json'), 'utf8'));
  const group = (settings.hooks?.PreToolUse ?? []).find((g) => /claude-pre-tool-use/.test(g.hooks?.[0]?.command ?? ''));
  return group ? group.hooks[0].command : direct;
}

function hookOutput(dir, command, path, session) {
  const r = spawnSync('sh', ['-c', command], { cwd: dir, env: { ...env, CLAUDE_PROJECT_DIR: dir }, input: hookInput(dir, path, session), encoding: 'utf8' });
  if (r.stdout.trim() === '') return '';
  return JSON.parse(r.stdout).hookSpecificOutput.additionalContext;
}

// Texts are compared as written, whitespace collapsed (a line-wrapped log body still
// counts), as a whole item: what follows is its reason, its commit or the line's end,
// so an old decision named inside a newer one's `(supersedes: …)` is not counted.
const norm = (s) => s.replace(/\s+/g, ' ').toLowerCase();
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const contains = (output, text) => new RegExp(`(?:^|[\\s:])${escape(norm(text))}(?= —| \\(|$| -)`, 'm').test(norm(output).replace(/ (?=\n)/g, ''));

function measure(dir, byFile) {
  const command = hookCommand(dir);
  const context = gs(dir, 'context').slice(0, CHARS);
  const rows = { hook: [], why: [], context: [], gitLog: [] };
  let i = 0;
  for (const [path, truth] of byFile) {
    if (!existsSync(join(dir, path))) continue;
    const outputs = {
      hook: hookOutput(dir, command, path, `bench-${i++}`).slice(0, CHARS),
      why: gs(dir, 'why', path).slice(0, CHARS),
      context,
      gitLog: git(dir, 'log', '--follow', '--format=%s%n%b', '--', path).slice(0, CHARS),
    };
    if (args.includes('--misses')) {
      for (const t of truth.active) if (!contains(outputs.hook, t)) console.log(`missed by the hook: ${path}: ${t}`);
      for (const t of truth.retired) if (contains(outputs.hook, t)) console.log(`retired served by the hook: ${path}: ${t}`);
    }
    for (const [name, out] of Object.entries(outputs)) {
      rows[name].push({
        active: truth.active.length,
        found: truth.active.filter((t) => contains(out, t)).length,
        retired: truth.retired.filter((t) => contains(out, t)).length,
        chars: out.length,
      });
    }
  }
  return rows;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function timing(dir, byFile) {
  const command = hookCommand(dir);
  const paths = [...byFile.keys()].filter((p) => existsSync(join(dir, p)));
  hookOutput(dir, command, paths[0], 'warm');
  const hook = [];
  const floor = [];
  // Round-robin, so that the machine's drift hits both alike.
  for (let r = 0; r < RUNS; r++) {
    const path = paths[r % paths.length];
    const input = hookInput(dir, path, `timing-${r}`);
    floor.push(time(() => spawnSync('sh', ['-c', 'node -e 0'], { cwd: dir, env, input, encoding: 'utf8' })));
    hook.push(time(() => spawnSync('sh', ['-c', command], { cwd: dir, env: { ...env, CLAUDE_PROJECT_DIR: dir }, input, encoding: 'utf8' })));
  }
  return { hook: median(hook), floor: median(floor) };
}

function report(title, rows, times) {
  console.log(`\n${title}`);
  console.log(`budget ${BUDGET} tokens (${CHARS} characters) per file\n`);
  console.log('| delivery | recall of active (file, decision) pairs | retired served | tokens used (mean) |');
  console.log('| --- | ---: | ---: | ---: |');
  const names = { hook: 'edit-time hook', why: '`why <path>`', context: '`context`', gitLog: '`git log -- <path>`' };
  for (const [key, list] of Object.entries(rows)) {
    const active = list.reduce((s, r) => s + r.active, 0);
    const found = list.reduce((s, r) => s + r.found, 0);
    const retired = list.reduce((s, r) => s + r.retired, 0);
    const tokens = list.reduce((s, r) => s + r.chars, 0) / Math.max(1, list.length) / 4;
    console.log(`| ${names[key]} | ${found}/${active} = ${((100 * found) / Math.max(1, active)).toFixed(1)}% | ${retired} | ${tokens.toFixed(0)} |`);
  }
  if (times) {
    console.log(`\nhook median ${times.hook.toFixed(1)} ms, node -e 0 median ${times.floor.toFixed(1)} ms: ${(times.hook / times.floor).toFixed(2)}x (${RUNS} runs each, round-robin)`);
  }
}

try {
  if (repoArg) {
    const dir = resolve(repoArg);
    const paths = git(dir, 'ls-files', '-z').split('\0').filter(Boolean);
    const byFile = truthFromWhy(dir, paths);
    const pairs = [...byFile.values()].reduce((s, v) => s + v.active.length, 0);
    report(`${dir}: ${git(dir, 'rev-list', '--count', 'HEAD').trim()} commits, ${byFile.size} files with recorded items, ${pairs} active pairs`, measure(dir, byFile), timing(dir, byFile));
  } else {
    const dir = reuseDir ? resolve(reuseDir) : keepDir ? resolve(keepDir) : join(base, 'repo');
    const started = Date.now();
    const truthFile = join(dir, '.git', 'bench-truth.json');
    const decisions = reuseDir ? JSON.parse(readFileSync(truthFile, 'utf8')) : generate(dir);
    if (keepDir) writeFileSync(truthFile, JSON.stringify(decisions));
    const byFile = truthFromGenerated(decisions);
    // The history is meant to be recorded through the hooks: their trailers prove it.
    const woven = git(dir, 'log', '--format=%(trailers:key=Decision,valueonly)').trim();
    if (woven === '') throw new Error('no commit of the generated history carries a Decision trailer: the hooks did not run');
    const count = (s) => decisions.filter((d) => d.status === s).length;
    const title =
      `generated history: ${git(dir, 'rev-list', '--count', 'HEAD').trim()} commits, ${git(dir, 'ls-files').split('\n').filter((f) => f.startsWith('src/')).length} files, ` +
      `${decisions.length} items (${count('active')} active, ${count('reverted')} reverted, ${count('superseded')} superseded, ${count('withdrawn')} withdrawn), ` +
      `built in ${((Date.now() - started) / 1000).toFixed(0)} s`;
    report(title, measure(dir, byFile), timing(dir, byFile));
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
