import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { fakeBinPath, gs, snapshot, withoutGitSession } from './init-support.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** One kind of repository: how to set it up, where to run, what to look at. */
interface Kind {
  name: string;
  setup(r: TempRepo, base: string): void;
  /** Where init runs and where the work tree is (a subfolder or a linked worktree). */
  cwd?(r: TempRepo, base: string): string;
  tree?(r: TempRepo, base: string): string;
  /** Marker files the user's own hooks write on commit. */
  userMarkers?: string[];
  /** Whether git-session's hooks are wired (false for lefthook/pre-commit: config lines only). */
  hooks: boolean;
  expectOut?: RegExp[];
}

function writeExec(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

function commitAll(r: TempRepo, cwd = r.dir): void {
  r.git(['add', '-A'], { cwd });
  r.git(['commit', '-q', '--allow-empty', '-m', 'set-up', '--no-verify'], { cwd });
}

const KINDS: Kind[] = [
  { name: 'plain repository', setup: () => {}, hooks: true, expectOut: [/created +\.git\/hooks\/pre-commit/] },
  {
    name: 'Node project with husky 9',
    setup(r, base) {
      r.write('package.json', '{ "name": "demo", "devDependencies": { "husky": "^9.1.7" } }\n');
      r.write('.husky/pre-commit', `echo husky-user >> '${base}/user-marker'\n`);
      writeExec(join(r.dir, '.husky/_/pre-commit'), '#!/bin/sh\nsh -e .husky/pre-commit "$@"\n');
      writeExec(join(r.dir, '.husky/_/prepare-commit-msg'), '#!/bin/sh\n[ -f .husky/prepare-commit-msg ] || exit 0\nsh -e .husky/prepare-commit-msg "$@"\n');
      r.write('.husky/_/.gitignore', '*\n');
      r.git(['config', 'core.hooksPath', '.husky/_']);
    },
    userMarkers: ['husky-user'],
    hooks: true,
    expectOut: [/updated +\.husky\/pre-commit/, /created +\.husky\/prepare-commit-msg/],
  },
  {
    name: 'existing shell hook that ends in exit 0',
    setup(r, base) {
      writeExec(join(r.dir, '.git/hooks/pre-commit'), `#!/bin/sh\necho shell-hook "$#" >> '${base}/user-marker'\nexit 0\n`);
    },
    userMarkers: ['shell-hook 0'],
    hooks: true,
    expectOut: [/moved +\.git\/hooks\/pre-commit -> \.git\/hooks\/pre-commit\.local/, /chained +\.git\/hooks\/pre-commit/],
  },
  {
    name: 'existing node hook',
    setup(r, base) {
      writeExec(
        join(r.dir, '.git/hooks/prepare-commit-msg'),
        `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(`${base}/user-marker`)}, 'node-hook ' + process.argv.slice(3).join(' ') + '\\n');\n`,
      );
    },
    userMarkers: ['node-hook message'],
    hooks: true,
    expectOut: [/chained +\.git\/hooks\/prepare-commit-msg/],
  },
  {
    name: 'lefthook config',
    setup(r) {
      r.write('lefthook.yml', 'pre-commit:\n  commands:\n    lint:\n      run: echo lint\n');
    },
    hooks: false,
    expectOut: [/lefthook\.yml/, /run: h=node_modules\/git-session\/bin\/git-session-hook\.sh; .*git_session_hook pre-commit;/, /git-session-hook prepare-commit-msg \{1\} \{2\} \{3\}/],
  },
  {
    name: 'pre-commit config',
    setup(r) {
      r.write('.pre-commit-config.yaml', 'repos: []\n');
    },
    hooks: false,
    expectOut: [/repo: local/, /language: system/, /always_run: true/, /pass_filenames: false/, /stages: \[prepare-commit-msg\]/],
  },
  {
    name: 'custom core.hooksPath',
    setup(r) {
      r.git(['config', 'core.hooksPath', 'tools/hooks']);
    },
    hooks: true,
    expectOut: [/created +tools\/hooks\/pre-commit/],
  },
  {
    name: 'subfolder as the working directory',
    setup(r) {
      r.write('src/app/index.txt', 'app\n');
    },
    cwd: (r) => join(r.dir, 'src/app'),
    hooks: true,
  },
  {
    name: 'linked worktree',
    setup(r, base) {
      r.git(['worktree', 'add', '-q', '-b', 'side', join(base, 'wt')]);
    },
    cwd: (_r, base) => join(base, 'wt'),
    tree: (_r, base) => join(base, 'wt'),
    hooks: true,
  },
  {
    name: 'existing CLAUDE.md and AGENTS.md with user content (CRLF)',
    setup(r) {
      r.write('CLAUDE.md', '# House rules\r\n\r\nUse tabs.\r\n');
      r.write('AGENTS.md', '# Agents\n\nNo final newline here.');
    },
    hooks: true,
    expectOut: [/updated +CLAUDE\.md/, /updated +AGENTS\.md/],
  },
];

describe.each(KINDS)('init in a $name', (kind) => {
  it('installs, changes no byte the second time, runs both hooks on commit, and uninstalls to the exact prior state', () => {
    repo = tempRepo();
    const r = repo;
    const base = dirname(r.dir);
    kind.setup(r, base);
    const tree = kind.tree?.(r, base) ?? r.dir;
    const cwd = kind.cwd?.(r, base) ?? tree;
    commitAll(r, tree);
    const hooksDir = r.git(['rev-parse', '--path-format=absolute', '--git-path', 'hooks'], { cwd: tree }).stdout.trim();
    const before = snapshot(tree, hooksDir);

    const dry = gs(r, ['init', '--dry-run'], cwd);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/would create +SESSION\.md/);
    expect(snapshot(tree, hooksDir)).toEqual(before);

    const first = gs(r, ['init'], cwd);
    expect(first.code, first.stderr).toBe(0);
    for (const re of kind.expectOut ?? []) expect(first.stdout).toMatch(re);
    expect(first.stdout).toContain('Next steps');
    for (const f of ['SESSION.md', '.gitsession', '.gitattributes', 'CLAUDE.md', '.claude/settings.json']) expect(existsSync(join(tree, f)), f).toBe(true);
    expect(first.stdout).toMatch(/git add .*\.claude\/settings\.json/);
    expect(readFileSync(join(tree, '.gitattributes'), 'utf8')).toContain('.session/journal/*.md merge=git-session-journal\n/SESSION.md merge=git-session filter=git-session-private\n');
    const installed = snapshot(tree, hooksDir);
    if (!kind.hooks) {
      for (const [k, v] of before) if (k.startsWith(`${hooksDir}:`)) expect(installed.get(k)).toBe(v);
    }

    const second = gs(r, ['init'], cwd);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Everything is up to date');
    expect(snapshot(tree, hooksDir)).toEqual(installed);

    const log = join(base, 'fake-git-session.log');
    const commit = r.git(['commit', '--allow-empty', '-m', 'work'], { cwd: tree, env: { PATH: fakeBinPath(base, log) } });
    expect(commit.code).toBe(0);
    const userMarker = existsSync(join(base, 'user-marker')) ? readFileSync(join(base, 'user-marker'), 'utf8') : '';
    for (const m of kind.userMarkers ?? []) expect(userMarker).toContain(m);
    const calls = existsSync(log) ? readFileSync(log, 'utf8') : '';
    if (kind.hooks) expect(calls).toContain('hook pre-commit');
    else expect(calls).toBe('');

    const un = gs(r, ['uninstall'], cwd);
    expect(un.code, un.stderr).toBe(0);
    expect(snapshot(tree, hooksDir)).toEqual(before);
    expect(r.git(['status', '--porcelain'], { cwd: tree }).stdout).toBe('');
  });
});

describe('init', () => {
  it('lets a commit through with a one-line message when the binary is missing', () => {
    repo = tempRepo();
    expect(gs(repo, ['init']).code).toBe(0);
    const commit = repo.git(['commit', '--allow-empty', '-m', 'work'], { env: { PATH: withoutGitSession() } });
    expect(commit.code).toBe(0);
    const lines = commit.stderr.split('\n').filter((l) => l.includes('git-session'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^git-session: not found.*fix:/);
  });

  it('writes the other assistants\u2019 files only when asked, and refreshes them in place', () => {
    repo = tempRepo();
    const r = gs(repo, ['init', '--agents', 'codex,gemini,copilot,cursor']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.read('CLAUDE.md')).toContain('\n@SESSION.md\n');
    expect(repo.read('AGENTS.md')).not.toContain('@SESSION.md');
    expect(repo.read('GEMINI.md')).toContain('\n@SESSION.md\n');
    expect(repo.read('.github/copilot-instructions.md')).toContain('<!-- git-session:start -->');
    const rule = repo.read('.cursor/rules/git-session.mdc');
    expect(rule).toMatch(/^---\ndescription: .+\nalwaysApply: true\n---\n<!-- git-session:start -->\n/);
    // Once a file exists, a plain init keeps it up to date without --agents.
    repo.write('GEMINI.md', repo.read('GEMINI.md').replace('Keep entries short.', 'stale words'));
    const again = gs(repo, ['init']);
    expect(again.stdout).toMatch(/updated +GEMINI\.md/);
    expect(repo.read('GEMINI.md')).toContain('Keep entries short.');
  });

  it('rejects an unknown assistant with exit 2', () => {
    repo = tempRepo();
    const r = gs(repo, ['init', '--agents', 'clippy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"clippy"');
  });

  it('says the husky hooks wait for `npx husky` in a work tree without .husky/_', () => {
    repo = tempRepo();
    repo.write('package.json', '{ "devDependencies": { "husky": "9.1.7" } }\n');
    repo.write('.husky/pre-commit', 'npm test\n');
    const r = gs(repo, ['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('npx husky');
    expect(repo.read('.husky/pre-commit')).toMatch(/^npm test\n\n# git-session:start\n.*\n# git-session:end\n$/);
  });

  it('refuses to chain a hook when its .local name is taken', () => {
    repo = tempRepo();
    writeExec(join(repo.dir, '.git/hooks/pre-commit'), '#!/bin/sh\nexit 0\n');
    writeExec(join(repo.dir, '.git/hooks/pre-commit.local'), '#!/bin/sh\nexit 0\n');
    const r = gs(repo, ['init']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('pre-commit.local already exists');
  });

  it('exits 3 outside a repository and in a bare one', () => {
    repo = tempRepo({ bare: true });
    expect(gs(repo, ['init']).code).toBe(3);
    const outside = join(dirname(repo.dir), 'home');
    const r = gs(repo, ['init'], outside, { GIT_CEILING_DIRECTORIES: dirname(repo.dir) });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('not inside a git repository');
  });
});
