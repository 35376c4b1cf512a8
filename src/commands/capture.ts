import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CommandContext, CommandResult } from '../cli/context.js';
import { loadConfig } from '../adapters/config.js';
import { readTextFile, writeFileAtomic } from '../adapters/fs.js';
import { git } from '../adapters/git.js';
import { findRepo } from '../adapters/repo.js';
import { openTerminal } from '../adapters/tty.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { draftFromTranscripts } from '../core/capture/draft.js';
import { renderDraft } from '../core/capture/render.js';
import type { CaptureDraft } from '../core/capture/types.js';
import { addDeadEnd, addKeyFile, getKeyFiles, parseSession } from '../core/session/index.js';

/** Transcripts larger than this are skipped rather than read into memory. */
const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;
/** At most this many transcript files are read in one capture. */
const MAX_TRANSCRIPTS = 10;

export interface CaptureArgs {
  apply: boolean;
  transcripts?: string;
  format: 'md' | 'json';
}

/** Claude Code's transcript folder for a project: its path with every non-alphanumeric character as `-`. */
export function claudeProjectDir(home: string, root: string): string {
  return join(home, '.claude', 'projects', root.replace(/[^A-Za-z0-9]/g, '-'));
}

function listTranscripts(dir: string): { path: string; mtime: number; size: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new GitSessionError(ExitCode.BadInput, 'has no transcripts (the folder cannot be read).', {
      file: dir,
      fix: 'Run capture after a Claude Code session in this repository, or point --transcripts (or GIT_SESSION_TRANSCRIPTS) at the folder holding the .jsonl files.',
      cause: error,
    });
  }
  const files = names
    .filter((n) => n.endsWith('.jsonl'))
    .flatMap((n) => {
      try {
        const st = statSync(join(dir, n));
        return st.isFile() ? [{ path: join(dir, n), mtime: st.mtimeMs, size: st.size }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.mtime - b.mtime);
  if (files.length === 0) {
    throw new GitSessionError(ExitCode.BadInput, 'holds no .jsonl transcripts.', {
      file: dir,
      fix: 'Run capture after a Claude Code session in this repository, or point --transcripts at the folder holding them.',
    });
  }
  return files;
}

async function redactDraft(draft: CaptureDraft): Promise<CaptureDraft> {
  const { redactSecrets } = await import('../core/redact/index.js');
  const walk = async (v: unknown): Promise<unknown> => {
    if (typeof v === 'string') return v === '' ? v : (await redactSecrets(v)).text;
    if (Array.isArray(v)) return Promise.all(v.map(walk));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = k === 'transcripts' ? x : await walk(x);
      return out;
    }
    return v;
  };
  return (await walk(draft)) as CaptureDraft;
}

/** Applies the draft: key files without asking; dead ends only when a person confirms each at a terminal. */
async function apply(draft: CaptureDraft, sessionPath: string, display: string, ctx: CommandContext): Promise<string[]> {
  let source = readTextFile(sessionPath, display);
  const notes: string[] = [];
  const known = new Set(getKeyFiles(parseSession(source, display)).map((k) => k.path));
  for (const k of draft.keyFiles) {
    if (known.has(k.path)) continue;
    source = addKeyFile(source, { path: k.path, why: null });
    notes.push(`added key file ${k.path}`);
  }
  const term = draft.deadEnds.length > 0 && ctx.stdoutIsTTY ? openTerminal() : undefined;
  try {
    for (const d of draft.deadEnds) {
      const text = `Changes to ${d.path} (${d.how})`;
      if (!term) {
        notes.push(`not applied (needs confirmation at a terminal): dead end "${text}"; record it with git session dead-end "…" --because "…"`);
        continue;
      }
      term.write(`Record dead end "${text}"? [y/N] `);
      const answer = (await term.line()).trim().toLowerCase();
      if (answer === 'y' || answer === 'yes') {
        source = addDeadEnd(source, { text, reason: null });
        notes.push(`added dead end: ${text}`);
      } else notes.push(`skipped dead end: ${text}`);
    }
  } finally {
    term?.close();
  }
  if (notes.some((n) => n.startsWith('added'))) writeFileAtomic(sessionPath, source);
  return notes.length > 0 ? notes : ['nothing to apply: SESSION.md already lists every edited file'];
}

/**
 * `git session capture`: drafts SESSION.md updates from the assistant's local
 * transcripts (Claude Code's JSONL), with secrets redacted. Reads the transcripts
 * written since SESSION.md last changed in git, or the newest one; never copies a
 * transcript into the repository.
 */
export async function capture(args: CaptureArgs, ctx: CommandContext): Promise<CommandResult> {
  const { root } = await findRepo(ctx.cwd, ctx.env);
  const config = loadConfig(root);
  const home = ctx.env.HOME ?? '';
  const dir = args.transcripts ?? (ctx.env.GIT_SESSION_TRANSCRIPTS || claudeProjectDir(home, root));
  const all = listTranscripts(dir);
  const changed = await git(['log', '-1', '--format=%ct', '--', config.sessionFile], { cwd: root, env: ctx.env, allowFailure: true });
  const since = Number(changed.stdout.trim()) * 1000;
  let chosen = since > 0 ? all.filter((f) => f.mtime > since) : [];
  if (chosen.length === 0) chosen = all.slice(-1);
  chosen = chosen.slice(-MAX_TRANSCRIPTS);
  const skippedLarge = chosen.filter((f) => f.size > MAX_TRANSCRIPT_BYTES).map((f) => basename(f.path));
  const texts = chosen
    .filter((f) => f.size <= MAX_TRANSCRIPT_BYTES)
    .map((f) => ({ name: basename(f.path), text: readFileSync(f.path, 'utf8') }));
  const draft = await redactDraft(draftFromTranscripts(texts, root, (t) => t));
  const warnings = skippedLarge.map((n) => `git-session: skipped ${n}: over ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MB.\n`).join('');

  let applied: string[] | undefined;
  if (args.apply) applied = await apply(draft, join(root, config.sessionFile), config.sessionFile, ctx);
  if (args.format === 'json') {
    return { stdout: JSON.stringify({ draft, applied: applied ?? null }, null, 2) + '\n', stderr: warnings || undefined };
  }
  const tail = applied ? `## Applied to ${config.sessionFile}\n${applied.map((n) => `- ${n}`).join('\n')}\n` : `Run with --apply to add the key files to ${config.sessionFile}.\n`;
  // A blank line keeps the closing note from reading as part of the last list.
  return { stdout: `${renderDraft(draft)}\n${tail}`, stderr: warnings || undefined };
}
