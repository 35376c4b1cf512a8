import type { ContextData, ContextItem } from './types.js';

/** The markdown never grows past this many characters, whatever the history or SESSION.md holds. */
export const MAX_CONTEXT_CHARS = 9_000;

const LIMITS = { text: 400, item: 220, next: 5, decisions: 8, deadEnds: 8, keyFiles: 12, files: 10 } as const;

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

function list<T>(items: readonly T[], max: number, line: (item: T) => string): string[] {
  const out = items.slice(0, max).map(line);
  if (items.length > max) out.push(`- … and ${items.length - max} more`);
  return out;
}

function item(i: ContextItem): string {
  const reason = i.reason ? ` — ${i.reason}` : '';
  const from = i.commit ? ` (${i.commit})` : '';
  return `- ${clip(i.text + reason, LIMITS.item)}${from}`;
}

function staleness(data: ContextData): string[] {
  const s = data.staleness;
  if (!data.sessionExists) return [`- ${data.sessionFile} does not exist: run \`git session init\`.`];
  if (!s.stale) return [`- ${data.sessionFile} is up to date with the code.`];
  const out = [`- ${data.sessionFile} is behind the code: update it before you finish.`];
  if (s.commitsSince > 0) {
    const since = s.sessionCommit ? `since ${s.sessionCommit}` : 'and it was never committed';
    out.push(`- ${s.commitsSince} commit(s) changed ${s.filesSince.length} file(s) ${since}:`);
    out.push(...list(s.filesSince, LIMITS.files, (f) => `  - ${clip(f, LIMITS.item)}`).map((l) => l.replace(/^- /, '  - ')));
  }
  if (s.uncommitted.length > 0) {
    out.push(`- ${s.uncommitted.length} file(s) with uncommitted changes:`);
    out.push(...list(s.uncommitted, LIMITS.files, (f) => `  - ${clip(f, LIMITS.item)}`).map((l) => l.replace(/^- /, '  - ')));
  }
  return out;
}

/**
 * The context as compact markdown for the start of an assistant session: goal,
 * status, next steps, newest decisions and dead ends, key files, staleness. Lists
 * keep the newest items and say how many were left out.
 */
export function renderContextMarkdown(data: ContextData): string {
  const out: string[] = [`# Session context (git-session)`, ''];
  const where = data.branch ? `Branch \`${data.branch}\`; ` : '';
  out.push(`${where}from ${data.sessionFile} and ${data.history.commits} commit(s) (${data.history.range}).`, '');
  out.push(`**Goal:** ${data.goal ? clip(data.goal, LIMITS.text) : '(not set)'}`, '');
  out.push(`**Status:** ${data.status ? clip(data.status, LIMITS.text) : '(not set)'}`, '');
  if (data.nextSteps.length > 0) {
    out.push('## Next steps', ...list(data.nextSteps, LIMITS.next, (s) => `- ${clip(s, LIMITS.item)}`), '');
  }
  if (data.decisions.length > 0) {
    out.push('## Decisions (newest first)', ...list(data.decisions, LIMITS.decisions, item), '');
  }
  if (data.deadEnds.length > 0) {
    out.push("## Dead ends (don't retry)", ...list(data.deadEnds, LIMITS.deadEnds, item), '');
  }
  if (data.keyFiles.length > 0) {
    out.push(
      '## Key files',
      ...list(data.keyFiles, LIMITS.keyFiles, (k) => `- \`${clip(k.path, 120)}\`${k.why ? ` — ${clip(k.why, LIMITS.item)}` : ''}`),
      '',
    );
  }
  out.push('## Freshness', ...staleness(data), '');
  out.push(
    'Record as you go: `git session decide "…" --because "…"`, `git session dead-end "…" --because "…"`, `git session set-status "…"`.',
  );
  const text = out.join('\n') + '\n';
  return text.length <= MAX_CONTEXT_CHARS ? text : `${text.slice(0, MAX_CONTEXT_CHARS - 20).trimEnd()}\n… (truncated)\n`;
}
