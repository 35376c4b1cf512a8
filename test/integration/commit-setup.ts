import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOOK_NAMES, hookBlock } from '../../src/core/hook-lines.js';
import { TIMEOUT_MS, tempRepo, type Run, type TempRepo } from '../helpers/repo.js';

/** A session file in the shape `init` writes, with our own made-up content. */
export const SESSION = `# Session

## Goal
Build a small unit converter for the command line.

## Status
Length units convert; temperature is next.

## Decisions
- Store every length in millimetres — Reason: one base unit keeps rounding simple

## Dead Ends (Don't Revisit)

## Key Files
- \`src/convert.js\` — the conversion table

## Private
- remember to ask Kim about the holiday rota
`;

/**
 * Installs the hooks the way `init` does: the marked one-line blocks, and the settings
 * file (without it the hooks stay out of the repository).
 */
export function installHooks(repo: TempRepo, hooksDir = join(repo.dir, '.git', 'hooks')): void {
  if (!existsSync(join(repo.dir, '.gitsession'))) repo.write('.gitsession', '');
  for (const name of HOOK_NAMES) {
    const path = join(hooksDir, name);
    writeFileSync(path, `#!/bin/sh\n${hookBlock(name)}\n`);
    chmodSync(path, 0o755);
  }
}

/** A repo with hooks installed, the journal union-merged, and SESSION.md committed (that first commit has its own journal entry). */
export function sessionRepo(options: { config?: string; session?: string } = {}): TempRepo {
  const repo = tempRepo();
  installHooks(repo);
  repo.write('SESSION.md', options.session ?? SESSION);
  if (options.config) repo.write('.gitsession', options.config);
  // As init writes it: journals from two branches merge by keeping both sides' entries.
  repo.write('.gitattributes', '.session/journal/*.md merge=union\n');
  repo.write('src/convert.js', 'export const table = {};\n');
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'Start the converter']);
  return repo;
}

/** Adds a line to the Decisions list of the working SESSION.md. */
export function addDecisionLine(repo: TempRepo, line: string): void {
  const text = repo.read('SESSION.md');
  repo.write('SESSION.md', text.replace('\n## Dead Ends', `${line}\n\n## Dead Ends`).replace('\n\n\n## Dead Ends', '\n\n## Dead Ends'));
}

/** `n` lines of code, enough to count as a substantial change. */
export function code(n: number, seed = 'x'): string {
  return Array.from({ length: n }, (_, i) => `export const ${seed}${i} = ${i};`).join('\n') + '\n';
}

/**
 * Runs git with no controlling terminal (a new session via setsid), as in a GUI, an
 * IDE or CI: opening /dev/tty fails there, so nothing may wait for input.
 */
export function gitNoTty(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}, cwd = repo.dir, wrap: string[] = []): Run {
  const r = spawnSync('setsid', ['-w', ...wrap, 'git', ...args], {
    cwd,
    env: { ...repo.env, ...env },
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    input: '',
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

/** Values of one trailer key in a commit, unfolded. */
export function trailerValues(repo: TempRepo, key: string, rev = 'HEAD', cwd = repo.dir): string[] {
  const out = repo.git(['log', '-1', '-z', `--format=%(trailers:key=${key},valueonly,unfold,separator=%x1e)`, rev], { cwd }).stdout;
  return out.replace(/\0$/, '').split('\x1e').map((v) => v.trim()).filter((v) => v !== '');
}

/** Every trailer of a commit as git parses it, `Key: value` unfolded. */
export function allTrailers(repo: TempRepo, rev = 'HEAD', cwd = repo.dir): string[] {
  const out = repo.git(['log', '-1', '--format=%(trailers:unfold)', rev], { cwd }).stdout;
  return out.split('\n').filter((l) => l.trim() !== '');
}

/** Lines of `git status --porcelain`: must be empty after every commit. */
export function residue(repo: TempRepo, cwd = repo.dir): string {
  return repo.git(['status', '--porcelain'], { cwd }).stdout;
}

/** The journal files a commit changed, from `git show --stat`. */
export function journalFilesIn(repo: TempRepo, rev = 'HEAD', cwd = repo.dir): string[] {
  const out = repo.git(['show', '--name-only', '--format=', rev], { cwd }).stdout;
  return out.split('\n').filter((p) => p.startsWith('.session/journal/'));
}

/** Journal entry headings in the file at a revision (or the work tree when rev is undefined). */
export function journalHeadings(repo: TempRepo, rev?: string): string[] {
  const files = repo.git(['ls-files', '.session/journal']).stdout.split('\n').filter(Boolean);
  const text = files
    .map((f) => (rev ? repo.git(['show', `${rev}:${f}`], { allowFail: true }).stdout : repo.read(f)))
    .join('');
  return text.split('\n').filter((l) => l.startsWith('### '));
}
