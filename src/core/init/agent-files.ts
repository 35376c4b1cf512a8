import { join } from 'node:path';
import { MD_MARKERS, renderBlock, upsertBlock } from './block.js';
import { AGENT_TARGETS, agentContent } from './agents.js';
import type { PlanContext } from './context.js';
import { removeBlockStep } from './files.js';
import { spliceable, writeStep, type Plan, type Step } from './step.js';

/**
 * Writes the git-session block into each assistant's instruction file: CLAUDE.md
 * always, the others when asked for or when the file already exists. Only the block
 * is ours: the rest of a file is never touched.
 */
export function planAgentsInstall(ctx: PlanContext): Plan {
  const steps: Step[] = [];
  const seen = new Map<string, string>();
  for (const target of AGENT_TARGETS) {
    const path = join(ctx.root, target.path);
    const state = ctx.read(path);
    // AGENTS.md as a symlink to CLAUDE.md (or the other way) is one file: one block.
    const same = state && seen.get(state.real ?? path);
    if (same) {
      // The file a link before it points to: already written, under its own name.
      if (same !== target.path) steps.push({ action: 'unchanged', path, reason: `same file as ${same}, through a symlink` });
      continue;
    }
    // A link to a file in the repository: the step names that file, which is what changes and what to commit.
    const edited = state?.linkTarget ?? target.path;
    if (state) seen.set(state.real ?? path, edited);
    const before = spliceable(state, target.path);
    if (before === undefined && !ctx.agents.has(target.id)) continue;
    const { prefix, body } = agentContent(ctx.template(target.template), ctx.config.sessionFile, ctx.commandText);
    const after =
      before === undefined
        ? prefix + renderBlock(body, MD_MARKERS, '\n') + '\n'
        : upsertBlock(before, body, MD_MARKERS, 'append', target.path);
    const reason = edited === target.path ? `read by ${target.readers}` : `read by ${target.readers}, through the ${target.path} link`;
    steps.push(writeStep(join(ctx.root, edited), before, after, reason));
  }
  return { steps, notes: [] };
}

/** Removes the block from every instruction file; deletes the files that held nothing else. */
export function planAgentsUninstall(ctx: PlanContext): Plan {
  const seen = new Set<string>();
  const steps = AGENT_TARGETS.flatMap((target) => {
    const state = ctx.read(join(ctx.root, target.path));
    const real = state?.real ?? join(ctx.root, target.path);
    if (state && seen.has(real)) return [];
    seen.add(real);
    const { prefix } = agentContent(ctx.template(target.template), ctx.config.sessionFile);
    return removeBlockStep(ctx, join(ctx.root, target.path), target.path, MD_MARKERS, prefix);
  });
  return { steps, notes: [] };
}
