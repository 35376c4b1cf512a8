import { formatDuration } from '../journal/entry.js';
import { redactDeep } from '../report/redact-deep.js';
import { readTranscript, type TranscriptFacts } from './transcript.js';
import type { CaptureDraft, UndoneEdit } from './types.js';

/** At most this many items per list in a draft. */
export const MAX_DRAFT_ITEMS = 20;

/** Makes a tool's path repository-relative; undefined for a path outside the repository. */
export function repoRelative(path: string, root: string): string | undefined {
  const r = root.replace(/\/+$/, '');
  if (path.startsWith('/')) return path.startsWith(r + '/') ? path.slice(r.length + 1) : undefined;
  const rel = path.replace(/^(\.\/)+/, '');
  return rel.startsWith('../') || rel === '' ? undefined : rel;
}

/**
 * Drafts SESSION.md updates from transcripts (oldest first): the first request as the
 * goal, edited files as key files, undone edits as dead ends, failed commands.
 * Every string taken from a transcript is redacted (secret-looking spans become
 * `[REDACTED:<kind>]`).
 */
export async function draftFromTranscripts(transcripts: { name: string; text: string }[], root: string): Promise<CaptureDraft> {
  let facts: TranscriptFacts | undefined;
  for (const t of transcripts) facts = readTranscript(t.text, facts);
  const f = facts ?? readTranscript('');
  const keyFiles = [...f.edits]
    .map(([path, edits]) => ({ path: repoRelative(path, root), edits }))
    .filter((k): k is { path: string; edits: number } => k.path !== undefined)
    .slice(0, MAX_DRAFT_ITEMS)
    .map((k) => ({ path: k.path, edits: k.edits }));
  const deadEnds: UndoneEdit[] = f.undone
    .map((u) => ({ path: repoRelative(u.path, root), how: u.how }))
    .filter((u): u is UndoneEdit => u.path !== undefined)
    .slice(0, MAX_DRAFT_ITEMS);
  const span = f.first && f.last ? Date.parse(f.last) - Date.parse(f.first) : NaN;
  const draft: CaptureDraft = {
    version: 1,
    transcripts: transcripts.map((t) => t.name),
    goal: f.goal ? (f.goal.length > 300 ? `${f.goal.slice(0, 299)}…` : f.goal) : null,
    branch: f.branch,
    startedAt: f.first,
    endedAt: f.last,
    duration: Number.isNaN(span) ? null : formatDuration(span),
    keyFiles,
    deadEnds,
    failedCommands: f.failed.slice(-MAX_DRAFT_ITEMS).map((c) => ({ command: c.command, error: c.error })),
    records: f.records,
    skipped: f.skipped,
  };
  // Transcript names are the tool's own (the files it read), not transcript text.
  return redactDeep(draft, ['transcripts']);
}
