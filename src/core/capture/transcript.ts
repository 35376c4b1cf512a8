import type { FailedCommand, UndoneEdit } from './types.js';

/** Tools whose `input.file_path` (or `notebook_path`) names a file they change. */
export const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

/** What one transcript (or several, in order) says about a session, before redaction. */
export interface TranscriptFacts {
  goal: string | null;
  branch: string | null;
  first: string | null;
  last: string | null;
  /** Absolute or relative paths as the tools got them, with their edit counts, in first-edit order. */
  edits: Map<string, number>;
  undone: UndoneEdit[];
  failed: FailedCommand[];
  records: number;
  skipped: number;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Requests that are not the person's own words: slash-command wrappers, caveats, hook output. */
function isMetaText(text: string): boolean {
  return /^\s*<(command-|local-command|system-reminder|user-prompt-submit-hook)/.test(text) || /^\s*Caveat:/.test(text);
}

function userText(message: Obj): string | undefined {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.filter((c) => isObj(c) && c.type === 'text').map((c) => str((c as Obj).text) ?? '');
  return texts.length > 0 ? texts.join('\n') : undefined;
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c) => (isObj(c) ? (str(c.text) ?? '') : '')).join('\n');
  return '';
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '' && !/^Exit code \d+$/.test(l.trim())) ?? text).trim().slice(0, 200);
}

/** Paths a `git checkout -- …`, `git checkout <file>` or `git restore …` command names. */
function restoredPaths(command: string): string[] {
  const m = /\bgit\s+(?:checkout|restore)\s+(.*)$/m.exec(command);
  if (!m) return [];
  return m[1]!
    .split(/\s+/)
    .map((w) => w.replace(/^['"]|['"]$/g, ''))
    .filter((w) => w !== '' && w !== '--' && !w.startsWith('-') && !/^[;&|]/.test(w));
}

function new_(): TranscriptFacts {
  return { goal: null, branch: null, first: null, last: null, edits: new Map(), undone: [], failed: [], records: 0, skipped: 0 };
}

/**
 * Reads Claude Code transcript lines (one JSON record a line). The format is internal
 * and changes between versions, so anything not understood is skipped and counted,
 * never thrown on: truncated lines, unknown record types, missing fields.
 */
export function readTranscript(text: string, facts: TranscriptFacts = new_()): TranscriptFacts {
  const commands = new Map<string, string>();
  const lastEdit = new Map<string, { old: string; new: string }[]>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    facts.records++;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      facts.skipped++;
      continue;
    }
    if (!isObj(record) || !isObj(record.message) || (record.type !== 'user' && record.type !== 'assistant')) {
      facts.skipped++;
      continue;
    }
    const time = str(record.timestamp);
    if (time && !Number.isNaN(Date.parse(time))) {
      facts.first ??= time;
      facts.last = time;
    }
    facts.branch = str(record.gitBranch) || facts.branch;
    const message = record.message;
    if (record.type === 'user' && facts.goal === null && record.isMeta !== true) {
      const t = userText(message);
      if (t && t.trim() !== '' && !isMetaText(t)) facts.goal = t.replace(/\s+/g, ' ').trim();
    }
    if (!Array.isArray(message.content)) continue;
    for (const item of message.content) {
      if (!isObj(item)) continue;
      if (item.type === 'tool_use' && isObj(item.input)) {
        const name = str(item.name) ?? '';
        const input = item.input;
        if (EDIT_TOOLS.has(name)) {
          const path = str(input.file_path) ?? str(input.notebook_path);
          if (!path) continue;
          facts.edits.set(path, (facts.edits.get(path) ?? 0) + 1);
          const oldS = str(input.old_string);
          const newS = str(input.new_string);
          if (name === 'Edit' && oldS !== undefined && newS !== undefined) {
            const history = lastEdit.get(path) ?? [];
            if (history.some((h) => h.old === newS && h.new === oldS) && !facts.undone.some((u) => u.path === path)) {
              facts.undone.push({ path, how: 'a later edit put the earlier text back' });
            }
            history.push({ old: oldS, new: newS });
            lastEdit.set(path, history);
          }
        } else if (name === 'Bash') {
          const command = str(input.command);
          if (!command) continue;
          const id = str(item.id);
          if (id) commands.set(id, command);
          for (const p of restoredPaths(command)) {
            const edited = [...facts.edits.keys()].find((e) => e === p || e.endsWith('/' + p.replace(/^\.\//, '')));
            if (edited && !facts.undone.some((u) => u.path === edited)) facts.undone.push({ path: edited, how: `restored with \`${command.trim().slice(0, 120)}\`` });
          }
        }
      } else if (item.type === 'tool_result') {
        const command = commands.get(str(item.tool_use_id) ?? '');
        if (!command) continue;
        const text = resultText(item.content);
        const exit = /^Exit code (\d+)/m.exec(text);
        if (item.is_error === true || (exit && exit[1] !== '0')) {
          facts.failed.push({ command: command.trim().slice(0, 200), error: firstLine(text) });
        }
      }
    }
  }
  return facts;
}
