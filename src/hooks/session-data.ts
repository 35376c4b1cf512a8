import { git } from '../adapters/git.js';
import { newEntries, type SessionEntry } from '../core/pipeline/session-diff.js';
import { redactText } from './redact.js';
import { readCachedSummary, snapshotOf, writeCachedSummary, type CachedSummary } from './session-snapshot.js';

export interface Where {
  cwd: string;
  env: NodeJS.ProcessEnv;
  sessionFile: string;
  cachePath: string;
}

/** The staged session file's blob id, or undefined when it is not in the index. */
export async function stagedBlob(w: Where): Promise<string | undefined> {
  const out = await git(['ls-files', '-s', '-z', '--', w.sessionFile], { cwd: w.cwd, env: w.env });
  for (const record of out.stdout.split('\0')) {
    const m = /^\d+ ([0-9a-f]+) 0\t/.exec(record);
    if (m) return m[1];
  }
  return undefined;
}

async function redact(text: string | null): Promise<string | null> {
  if (!text) return text;
  return (await redactText(text)).text;
}

async function redactEntries(entries: readonly SessionEntry[]): Promise<SessionEntry[]> {
  const out: SessionEntry[] = [];
  for (const e of entries) out.push({ text: (await redact(e.text)) ?? '', reason: await redact(e.reason) });
  return out;
}

/** Goal, status and key files of a staged blob: from the cache, or parsed, redacted and cached. */
export async function summaryFor(w: Where, blob: string): Promise<CachedSummary> {
  const cached = readCachedSummary(w.cachePath, blob);
  if (cached) return cached;
  const source = (await git(['cat-file', 'blob', blob], { cwd: w.cwd, env: w.env })).stdout;
  const snap = await snapshotOf(source, w.sessionFile);
  const summary = { blob, goal: await redact(snap.goal), status: await redact(snap.status), keyFiles: snap.keyFiles };
  writeCachedSummary(w.cachePath, summary);
  return summary;
}

/** What the commit adds to the session file, ready to leave it (private parts out, secrets redacted). */
export interface SessionDelta {
  summary: CachedSummary;
  decisions: SessionEntry[];
  deadEnds: SessionEntry[];
  /** Kinds of secrets found in the staged file itself. */
  secretKinds: string[];
}

/**
 * Compares the staged session file with the one in `base` (HEAD, or HEAD's parent on
 * an amend): decisions and dead ends whose text is new. A base without the file (a
 * first commit) makes every entry new.
 */
export async function sessionDelta(w: Where, blob: string, base: string): Promise<SessionDelta> {
  const [staged, before] = await Promise.all([
    git(['cat-file', 'blob', blob], { cwd: w.cwd, env: w.env }).then((r) => r.stdout),
    git(['cat-file', 'blob', `${base}:${w.sessionFile}`], { cwd: w.cwd, env: w.env, allowFailure: true }).then((r) =>
      r.code === 0 ? r.stdout : '',
    ),
  ]);
  const after = await snapshotOf(staged, w.sessionFile);
  let previous: Awaited<ReturnType<typeof snapshotOf>> | undefined;
  try {
    previous = before ? await snapshotOf(before, w.sessionFile) : undefined;
  } catch {
    // An unparsable older version: everything in the staged one counts as new.
    previous = undefined;
  }
  const found = await redactText(staged);
  const summary = { blob, goal: await redact(after.goal), status: await redact(after.status), keyFiles: after.keyFiles };
  writeCachedSummary(w.cachePath, summary);
  return {
    summary,
    decisions: await redactEntries(newEntries(previous?.decisions ?? [], after.decisions)),
    deadEnds: await redactEntries(newEntries(previous?.deadEnds ?? [], after.deadEnds)),
    secretKinds: found.findings.map((f) => f.kind),
  };
}
