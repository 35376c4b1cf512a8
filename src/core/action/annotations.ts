import type { Reasoned } from '../report/types.js';
import { inline, reasonedLine, statusNote } from '../report/commits.js';

/** What a commit that last changed some lines recorded, as `why --format json` lists it. */
export interface LineCommit {
  short: string;
  decisions: readonly Reasoned[];
  deadEnds: readonly Reasoned[];
}

/** A notice on lines start..end of a file (path from the repository root). */
export interface Annotation {
  path: string;
  start: number;
  end: number;
  title: string;
  message: string;
}

/** Whether every commit behind some lines recorded something, none did, or only some. */
export function recorded(commits: readonly LineCommit[]): 'all' | 'none' | 'some' {
  const count = commits.filter((c) => c.decisions.length + c.deadEnds.length > 0).length;
  return count === 0 ? 'none' : count === commits.length ? 'all' : 'some';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The notice for lines whose last changes are `commits`, or undefined when they recorded
 * nothing. An item no longer in force says what became of it, as the review does: a
 * reviewer must not take a superseded decision for the rule these lines follow.
 */
export function annotationFor(path: string, lines: { start: number; end: number }, commits: readonly LineCommit[]): Annotation | undefined {
  const items: string[] = [];
  let decisions = 0;
  let deadEnds = 0;
  let retired = 0;
  for (const c of commits) {
    for (const d of c.decisions) items.push(`Decision: ${inline(reasonedLine(d))} (${c.short})${statusNote(d)}`);
    for (const d of c.deadEnds) items.push(`Dead end: ${inline(reasonedLine(d))} (${c.short})${statusNote(d)}`);
    decisions += c.decisions.length;
    deadEnds += c.deadEnds.length;
    // A note may also say an item was put back in force by a revert: only a status retires it.
    retired += [...c.decisions, ...c.deadEnds].filter((d) => d.status !== undefined && d.status !== 'active').length;
  }
  if (items.length === 0) return undefined;
  const title = [decisions > 0 && plural(decisions, 'decision', 'decisions'), deadEnds > 0 && plural(deadEnds, 'dead end', 'dead ends')]
    .filter(Boolean)
    .join(' and ');
  const inForce = retired === 0 ? '' : retired === items.length ? ' (none in force)' : ` (${retired} no longer in force)`;
  return { path, start: lines.start, end: lines.end, title: `${title} behind these lines${inForce}`, message: items.join('\n') };
}

/** Joins notices on touching ranges of one file that say the same thing. */
export function mergeAdjacent(annotations: readonly Annotation[]): Annotation[] {
  const out: Annotation[] = [];
  for (const a of annotations) {
    const last = out[out.length - 1];
    if (last && last.path === a.path && last.end + 1 === a.start && last.message === a.message) last.end = a.end;
    else out.push({ ...a });
  }
  return out;
}

/** Escapes a workflow command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as a message, plus the `:` and `,` that end it. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::notice file=…,line=…,endLine=…,title=…::message`, as GitHub Actions reads it from stdout. */
export function workflowCommand(a: Annotation): string {
  return `::notice file=${escapeProperty(a.path)},line=${a.start},endLine=${a.end},title=${escapeProperty(a.title)}::${escapeData(a.message)}`;
}

/** One workflow command a line, each ending with a newline; empty for none. */
export function renderWorkflowCommands(annotations: readonly Annotation[]): string {
  return annotations.map((a) => `${workflowCommand(a)}\n`).join('');
}
