import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { unescapeMarkdown, type SessionEntry } from '../core/pipeline/session-diff.js';

/** What the pipeline reads from one version of the session file (private parts left out). */
export interface SessionSnapshot {
  goal: string | null;
  status: string | null;
  keyFiles: string[];
  decisions: SessionEntry[];
  deadEnds: SessionEntry[];
}

/**
 * Parses a session file's public text. Loads the markdown parser only when called.
 * The accessors already leave private sections and items out; a second parse of the
 * public text is needed only where private markers, or a private subsection, sit inside
 * another section.
 */
export async function snapshotOf(source: string, file: string): Promise<SessionSnapshot> {
  const model = await import('../core/session/index.js');
  const doc = model.parseSession(source, file);
  const nested = doc.sections.some(
    (p) => p.kind === 'private' && doc.sections.some((o) => o.kind !== 'private' && o.start < p.start && p.end <= o.end),
  );
  const open = nested || /<!--\s*private/i.test(source) ? model.parseSession(model.publicText(doc), file) : doc;
  const plain = (text: string | null) => (text === null ? null : unescapeMarkdown(text));
  const entries = (list: { text: string; reason: string | null }[]) =>
    list.map((e) => ({ text: unescapeMarkdown(e.text), reason: plain(e.reason) }));
  return {
    goal: plain(model.getGoal(open)),
    status: plain(model.getStatus(open)),
    keyFiles: model.getKeyFiles(open).map((k) => k.path),
    decisions: entries(model.getDecisions(open)),
    deadEnds: entries(model.getDeadEnds(open)),
  };
}

/** The goal, status and key files of a session file blob, already redacted. */
export interface CachedSummary {
  blob: string;
  goal: string | null;
  status: string | null;
  keyFiles: string[];
}

const CACHE_VERSION = 1;

/**
 * The summary stored for `blob`, if any. A commit that leaves the session file alone
 * then needs neither the markdown parser nor the secret scanner: both cost more to
 * load than the rest of the hook.
 */
export function readCachedSummary(cachePath: string, blob: string): CachedSummary | undefined {
  try {
    const data = JSON.parse(readFileSync(cachePath, 'utf8')) as { version?: number; summary?: CachedSummary };
    if (data.version === CACHE_VERSION && data.summary?.blob === blob && Array.isArray(data.summary.keyFiles)) {
      return data.summary;
    }
  } catch {
    // No cache or an unreadable one: parse again.
  }
  return undefined;
}

/** Stores the summary; a failure only costs speed next time. */
export function writeCachedSummary(cachePath: string, summary: CachedSummary): void {
  try {
    mkdirSync(dirname(cachePath), { recursive: true });
    writeFileSync(cachePath, JSON.stringify({ version: CACHE_VERSION, summary }));
  } catch {
    // Best effort.
  }
}
