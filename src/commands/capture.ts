import type { CommandContext, CommandResult } from '../context.js';
import { invocation, withInvocation } from '../adapters/invocation.js';
import { locateSessionFile, readSessionFile, updateSessionFile, type SessionFile } from '../adapters/session-file.js';
import { lastChange } from '../adapters/git-facts.js';
import { listTranscripts, MAX_TRANSCRIPT_BYTES, readTranscripts, transcriptDir } from '../adapters/transcripts.js';
import { openTerminal } from '../adapters/tty.js';
import { draftFromTranscripts } from '../core/capture/draft.js';
import { renderDraft } from '../core/capture/render.js';
import type { CaptureDraft } from '../core/capture/types.js';
import { addDeadEnd, addKeyFile, getKeyFiles, parseSession } from '../core/session/index.js';

/** At most this many transcript files are read in one capture. */
const MAX_TRANSCRIPTS = 10;

export interface CaptureArgs {
  apply: boolean;
  transcripts?: string;
  format: 'md' | 'json';
}

/** Applies the draft: key files without asking; dead ends only when a person confirms each at a terminal. */
async function apply(draft: CaptureDraft, file: SessionFile, ctx: CommandContext): Promise<string[]> {
  const known = new Set(getKeyFiles(parseSession(readSessionFile(file), file.display)).map((k) => k.path));
  const keyFiles = draft.keyFiles.filter((k) => !known.has(k.path)).map((k) => k.path);
  const notes = keyFiles.map((path) => `added key file ${path}`);
  const deadEnds: string[] = [];
  const term = draft.deadEnds.length > 0 && ctx.stdoutIsTTY ? openTerminal() : undefined;
  try {
    for (const d of draft.deadEnds) {
      const text = `Changes to ${d.path} (${d.how})`;
      if (!term) {
        notes.push(`not applied (needs confirmation at a terminal): dead end "${text}"; record it with git session dead-end '…' --because '…'`);
        continue;
      }
      term.write(`Record dead end "${text}"? [y/N] `);
      const answer = (await term.line()).trim().toLowerCase();
      if (answer === 'y' || answer === 'yes') {
        deadEnds.push(text);
        notes.push(`added dead end: ${text}`);
      } else notes.push(`skipped dead end: ${text}`);
    }
  } finally {
    term?.close();
  }
  if (keyFiles.length > 0 || deadEnds.length > 0) {
    updateSessionFile(file, (source) => {
      let next = source;
      for (const path of keyFiles) next = addKeyFile(next, { path, why: null });
      for (const text of deadEnds) next = addDeadEnd(next, { text, reason: null });
      return next;
    });
  }
  return notes.length > 0 ? notes : [`nothing to apply: ${file.display} already lists every edited file`];
}

/**
 * `git session capture`: drafts SESSION.md updates from the assistant's local
 * transcripts (Claude Code's JSONL), with secrets redacted. Reads the transcripts
 * written since SESSION.md last changed in git, or the newest one; never copies a
 * transcript into the repository.
 */
export async function capture(args: CaptureArgs, ctx: CommandContext): Promise<CommandResult> {
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  const { root } = file.repo;
  const all = listTranscripts(transcriptDir(args.transcripts, ctx.cwd, root, ctx.env));
  const since = ((await lastChange(file.display, { cwd: root, env: ctx.env }))?.time ?? 0) * 1000;
  let chosen = since > 0 ? all.filter((f) => f.mtime > since) : [];
  if (chosen.length === 0) chosen = all.slice(-1);
  const { texts, skipped } = readTranscripts(chosen.slice(-MAX_TRANSCRIPTS));
  const draft = await draftFromTranscripts(texts, root);
  const warnings = skipped.map((n) => `git-session: skipped ${n}: over ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MB.\n`).join('');

  const applied = args.apply ? await apply(draft, file, ctx) : undefined;
  const how = invocation(ctx.env);
  if (args.format === 'json') {
    const notes = applied?.map((n) => withInvocation(n, how)) ?? null;
    return { stdout: JSON.stringify({ draft, applied: notes }, null, 2) + '\n', stderr: warnings || undefined };
  }
  const tail = applied
    ? `## Applied to ${file.display}\n${applied.map((n) => `- ${withInvocation(n, how)}`).join('\n')}\n`
    : `Run with --apply to add the key files to ${file.display}.\n`;
  // A blank line keeps the closing note from reading as part of the last list.
  return { stdout: `${renderDraft(draft)}\n${tail}`, stderr: warnings || undefined };
}
