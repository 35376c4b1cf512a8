import { updateCommands } from '../pipeline/messages.js';
import { shownPath } from '../text/shown-path.js';
import type { ContextData, ContextItem } from './types.js';

/** The markdown never grows past this many characters, whatever the history or SESSION.md holds. */
export const MAX_CONTEXT_CHARS = 9_000;

/** How much of each list and field is shown; later levels are tried until the text fits. */
interface Limits {
  text: number;
  item: number;
  next: number;
  decisions: number;
  deadEnds: number;
  keyFiles: number;
  files: number;
}

const LEVELS: readonly Limits[] = [
  { text: 400, item: 220, next: 5, decisions: 8, deadEnds: 8, keyFiles: 12, files: 10 },
  { text: 300, item: 160, next: 4, decisions: 6, deadEnds: 6, keyFiles: 6, files: 5 },
  { text: 200, item: 120, next: 3, decisions: 4, deadEnds: 4, keyFiles: 3, files: 3 },
  { text: 160, item: 100, next: 2, decisions: 3, deadEnds: 3, keyFiles: 0, files: 0 },
];

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

function list<T>(items: readonly T[], max: number, line: (item: T) => string): string[] {
  const out = items.slice(0, max).map(line);
  if (items.length > max) out.push(`- … and ${items.length - max} more`);
  return out;
}

function item(i: ContextItem, max: number): string {
  const reason = i.reason ? ` — ${i.reason}` : '';
  const from = i.commit ? ` (${clip(i.commit, 40)})` : '';
  return `- ${clip(i.text + reason, max)}${from}`;
}

/** What a clone without its merge drivers and private filter risks, as status and context say it. */
export function cloneConfigNote(sessionFile: string): string {
  return `This clone lacks git-session's merge drivers and private filter: git merges ${sessionFile} and the journal line by line, and only the hooks keep its private text out of commits.`;
}

function staleness(data: ContextData, limits: Limits, how: string): string[] {
  const s = data.staleness;
  const problems = (data.problems ?? []).map((p) => `- Could not read: ${clip(p, 600)}`);
  if (!data.sessionExists) return [...problems, `- ${data.sessionFile} does not exist: run \`${how} init\`.`];
  const out = [...problems];
  if (data.hooksInstalled === false) {
    out.push(`- This clone has no git-session hooks: commits get no trailers or journal entries (what SESSION.md records still counts). Fix: \`${how} setup\`.`);
  }
  if (data.cloneConfigured === false) out.push(`- ${cloneConfigNote(data.sessionFile)} Fix: \`${how} setup\`.`);
  if (!s.stale) return [...out, `- ${data.sessionFile} is up to date with the code.`];
  out.push(`- ${data.sessionFile} is behind the code: update it before you finish.`);
  if (s.commitsSince > 0) {
    const since = s.sessionCommit ? `since ${s.sessionCommit}` : 'and it was never committed';
    out.push(`- ${s.commitsSince} commit(s) changed ${s.filesSince.length} file(s) ${since}:`);
    out.push(...list(s.filesSince, limits.files, (f) => `  - ${clip(shownPath(f), limits.item)}`).map((l) => l.replace(/^- /, '  - ')));
  }
  if (s.uncommitted.length > 0) {
    out.push(`- ${s.uncommitted.length} file(s) with uncommitted changes:`);
    out.push(...list(s.uncommitted, limits.files, (f) => `  - ${clip(shownPath(f), limits.item)}`).map((l) => l.replace(/^- /, '  - ')));
  }
  return out;
}

/** The commands to keep the session file current, as every other message gives them. */
function record(how: string): string {
  return ['Record as you go:', ...updateCommands(how)].join('\n');
}

/** The summary part (goal to key files) at one level of detail. */
function body(data: ContextData, l: Limits): string[] {
  const out: string[] = [`# Session context (git-session)`, ''];
  // No branch with commits read is a detached HEAD: what is committed there belongs to no branch.
  const where = data.branch ? `Branch \`${clip(data.branch, 120)}\`; ` : data.history.commits > 0 ? 'Detached HEAD (on no branch); ' : '';
  const from = data.sessionExists ? `from ${clip(data.sessionFile, 120)} and ` : `no ${clip(data.sessionFile, 120)}; from `;
  out.push(`${where}${from}${data.history.commits} commit(s) (${data.history.range}).`, '');
  out.push(`**Goal:** ${data.goal ? clip(data.goal, l.text) : '(not set)'}`, '');
  out.push(`**Status:** ${data.status ? clip(data.status, l.text) : '(not set)'}`, '');
  if (data.nextSteps.length > 0) out.push('## Next steps', ...list(data.nextSteps, l.next, (s) => `- ${clip(s, l.item)}`), '');
  if (data.decisions.length > 0) out.push('## Decisions (newest first)', ...list(data.decisions, l.decisions, (i) => item(i, l.item)), '');
  if (data.deadEnds.length > 0) out.push("## Dead ends (don't retry)", ...list(data.deadEnds, l.deadEnds, (i) => item(i, l.item)), '');
  if (data.keyFiles.length > 0 && l.keyFiles > 0) {
    const line = (k: { path: string; why: string | null }) => `- \`${clip(k.path, 120)}\`${k.why ? ` — ${clip(k.why, l.item)}` : ''}`;
    out.push('## Key files', ...list(data.keyFiles, l.keyFiles, line), '');
  }
  return out;
}

/**
 * The context as compact markdown for the start of an assistant session: goal,
 * status, next steps, newest decisions and dead ends, key files, staleness. Lists
 * keep the newest items and say how many were left out; when the whole is too long,
 * less detail is shown, and the freshness and the commands to record with always stay.
 */
/**
 * `how` is the command prefix that works where git-session is installed (`git session`
 * or `npx git-session`): only our own command lines use it, never the session's text.
 */
export function renderContextMarkdown(data: ContextData, how = 'git session'): string {
  let text = '';
  for (const limits of LEVELS) {
    const tail = ['## Freshness', ...staleness(data, limits, how), '', record(how)].join('\n') + '\n';
    text = body(data, limits).join('\n') + '\n' + tail;
    if (text.length <= MAX_CONTEXT_CHARS) return text;
    const last = limits === LEVELS[LEVELS.length - 1];
    if (last) {
      const room = Math.max(0, MAX_CONTEXT_CHARS - tail.length - 20);
      const head = body(data, limits).join('\n').slice(0, room).trimEnd();
      text = `${head}\n… (truncated)\n\n${tail}`;
    }
  }
  return text.length <= MAX_CONTEXT_CHARS ? text : `${text.slice(0, MAX_CONTEXT_CHARS - 14).trimEnd()}\n… (truncated)\n`;
}
