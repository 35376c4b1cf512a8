import { join } from 'node:path';
import { JOURNAL_DRIVER, SESSION_DRIVER } from '../clone/config.js';
import { CONFIG_FILE, renderDefaultConfig } from '../config.js';
import { PRIVATE_FILTER } from '../session/private-filter.js';
import { SH_MARKERS, isCreatedShape, removeBlock, upsertBlock } from './block.js';
import type { PlanContext } from './context.js';
import { spliceable, writeStep, type Plan, type Step } from './step.js';

/** The `.gitattributes` pattern that matches every journal file `journal.path` can name. */
export function journalGlob(journalPath: string): string {
  const parts = journalPath.replace(/\\/g, '/').replace(/^\.?\//, '').split('/');
  return parts
    .map((part, i) => {
      if (!part.includes('{')) return part;
      if (i < parts.length - 1) return '*';
      const dot = part.lastIndexOf('.');
      return dot > part.lastIndexOf('}') ? `*${part.slice(dot)}` : '*';
    })
    .join('/');
}

/**
 * The body of the `.gitattributes` block: the journal and the session file merge
 * through git-session's drivers (configured per clone; without the config git merges
 * them line by line as before), and the session file goes through the private
 * filter, so its private regions never enter a commit.
 */
export function gitattributesBody(journalPath: string, sessionFile = 'SESSION.md'): string {
  const session = `/${sessionFile.replace(/\\/g, '/').replace(/^\.?\//, '').replace(/\s/g, '[[:space:]]')}`;
  return `${journalGlob(journalPath)} merge=${JOURNAL_DRIVER}\n${session} merge=${SESSION_DRIVER} filter=${PRIVATE_FILTER}`;
}

function keepIfExists(ctx: PlanContext, path: string, make: () => string, reason: string): Step {
  if (ctx.read(path)) return { action: 'unchanged', path, reason: 'exists; left as it is' };
  return { action: 'create', path, after: make(), reason };
}

/** SESSION.md from the template, unless the file exists. */
export function planSessionInstall(ctx: PlanContext): Plan {
  const path = join(ctx.root, ctx.config.sessionFile);
  return { steps: [keepIfExists(ctx, path, () => ctx.template('SESSION.md'), 'the session file your assistant keeps')], notes: [] };
}

/** `.gitsession` with every setting at its default, unless the file exists. */
export function planConfigInstall(ctx: PlanContext): Plan {
  return { steps: [keepIfExists(ctx, join(ctx.root, CONFIG_FILE), renderDefaultConfig, 'settings')], notes: [] };
}

/** The union-merge rule for journal files, spliced into `.gitattributes`. */
export function planGitattributesInstall(ctx: PlanContext): Plan {
  const path = join(ctx.root, '.gitattributes');
  const before = spliceable(ctx.read(path), '.gitattributes');
  const body = gitattributesBody(ctx.config.journal.path, ctx.config.sessionFile);
  const after = before === undefined ? `${SH_MARKERS.start}\n${body}\n${SH_MARKERS.end}\n` : upsertBlock(before, body, SH_MARKERS, 'append', '.gitattributes');
  return { steps: [writeStep(path, before, after, 'the journal and the session file merge without conflicts; private text stays out of commits')], notes: [] };
}

/** Deletes a file init wrote only when it is still byte-identical to what init wrote. */
function removeIfPristine(path: string, display: string, current: string | undefined, pristine: () => string): Step[] {
  if (current === undefined) return [];
  if (current === pristine()) return [{ action: 'delete', path, before: current, reason: 'as init writes it' }];
  return [{ action: 'unchanged', path, verb: 'kept', reason: `${display} is not the one init writes` }];
}

export function planSessionUninstall(ctx: PlanContext): Plan {
  const path = join(ctx.root, ctx.config.sessionFile);
  return { steps: removeIfPristine(path, ctx.config.sessionFile, ctx.read(path)?.text, () => ctx.template('SESSION.md')), notes: [] };
}

export function planConfigUninstall(ctx: PlanContext): Plan {
  const path = join(ctx.root, CONFIG_FILE);
  return { steps: removeIfPristine(path, CONFIG_FILE, ctx.read(path)?.text, renderDefaultConfig), notes: [] };
}

/**
 * Removes a marked block from a file; deletes the file when it holds nothing but
 * what init created (`prefix` then the block).
 */
export function removeBlockStep(ctx: PlanContext, path: string, display: string, markers = SH_MARKERS, prefix = ''): Step[] {
  const text = spliceable(ctx.read(path), display);
  if (text === undefined) return [];
  const removal = removeBlock(text, markers, display);
  if (!removal.found) return [];
  if (isCreatedShape(text, markers, prefix, display)) return [{ action: 'delete', path, before: text, reason: 'created by git-session init' }];
  return [writeStep(path, text, removal.text, 'git-session block removed')];
}

export function planGitattributesUninstall(ctx: PlanContext): Plan {
  return { steps: removeBlockStep(ctx, join(ctx.root, '.gitattributes'), '.gitattributes'), notes: [] };
}
