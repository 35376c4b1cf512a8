import { join, relative } from 'node:path';
import { ExitCode, GitSessionError } from '../../errors.js';
import { HOOK_NAMES, hookBlock, type HookName } from '../hook-lines.js';
import { SH_MARKERS, hasBlock, isCreatedShape, removeBlock, upsertBlock } from './block.js';
import type { PlanContext } from './context.js';
import { spliceable, writeStep, type Plan, type Step } from './step.js';
import { hookManagerSnippet } from './hook-snippets.js';

/** What a hook file init creates starts with. */
export const HOOK_PREFIX = '#!/bin/sh\n';

/** Where an existing hook is moved when git-session chains it. */
export function chainedPath(hookPath: string): string {
  return `${hookPath}.local`;
}

/**
 * The head of a hook that chains the user's earlier hook: it runs that hook first,
 * whatever its language, with the same arguments and stdin, and stops the commit if
 * it fails; our block runs after it. A hook that ends in `exit 0` still works.
 */
export function chainHead(name: HookName): string {
  return (
    HOOK_PREFIX +
    `# git-session moved the ${name} hook that was here to ${name}.local; it runs first.\n` +
    `h="$(dirname "$0")/${name}.local"; if [ -x "$h" ]; then "$h" "$@" || exit $?; fi\n`
  );
}

function body(name: HookName): string {
  return hookBlock(name).split('\n').slice(1, -1).join('\n');
}

function show(ctx: PlanContext, path: string): string {
  const rel = relative(ctx.root, path);
  return rel.startsWith('..') ? path : rel;
}

function installOne(ctx: PlanContext, name: HookName, path: string, husky: boolean): Step[] {
  const current = ctx.read(path);
  if (!current) {
    return [{ action: 'create', path, after: HOOK_PREFIX + hookBlock(name) + '\n', mode: 0o755, reason: `runs git-session on ${name}` }];
  }
  if (husky || (current.utf8 && hasBlock(current.text, SH_MARKERS, show(ctx, path)))) {
    // husky runs .husky/<hook> with `sh -e`, so splicing our lines in keeps every other
    // line working. Ours go last: the user's checks (lint-staged may restage files) run
    // first, and a check that fails stops the commit before a journal entry is staged.
    const text = spliceable(current, show(ctx, path))!;
    return [writeStep(path, text, upsertBlock(text, body(name), SH_MARKERS, 'append', show(ctx, path)), `runs git-session on ${name}`)];
  }
  const local = chainedPath(path);
  if (ctx.read(local)) {
    throw new GitSessionError(ExitCode.BadInput, `cannot chain the existing ${name} hook: ${show(ctx, local)} already exists.`, {
      file: show(ctx, path),
      fix: ctx.commandText(`Merge or rename ${show(ctx, local)}, then run \`git session init\` again.`),
    });
  }
  return [
    { action: 'move', from: path, path: local, reason: `your ${name} hook, kept as it was` },
    { action: 'create', path, after: chainHead(name) + hookBlock(name) + '\n', mode: 0o755, verb: 'chained', reason: `runs ${name}.local first, then git-session` },
  ];
}

/** Installs git-session's block in each hook, or explains how to add it to a hook manager's config. */
export function planHooksInstall(ctx: PlanContext): Plan {
  const t = ctx.hooks;
  if (t.kind === 'lefthook' || t.kind === 'pre-commit') {
    return { steps: [], notes: [hookManagerSnippet(t.kind, t.configFile ?? '', t.preCommitStage)] };
  }
  if (t.shared && !ctx.sharedHooks) {
    throw new GitSessionError(ExitCode.Usage, `core.hooksPath is set for every repository of this machine (${t.gitHooksDir}): git-session will not install hooks every repository runs without being asked.`, {
      fix: ctx.commandText(
        'Give this repository hooks of its own (git config --local core.hooksPath .git/hooks), then run `git session init` again; or run `git session init --shared-hooks` (the hooks do nothing in a repository without .gitsession).',
      ),
    });
  }
  const husky = t.kind === 'husky';
  const steps = HOOK_NAMES.flatMap((name) => installOne(ctx, name, join(t.dir, name), husky));
  const notes: string[] = [];
  if (husky && !t.huskyReady) {
    notes.push('The hooks are in .husky/; git runs them once `npx husky` (or `npm install`) has run in this work tree.');
  }
  return { steps, notes };
}

function uninstallOne(ctx: PlanContext, name: HookName, path: string): Step[] {
  const current = ctx.read(path);
  const file = show(ctx, path);
  if (!current || !current.utf8 || !hasBlock(current.text, SH_MARKERS, file)) return [];
  const text = current.text;
  const head = chainHead(name);
  if (text.startsWith(head)) {
    const rest = removeBlock(text, SH_MARKERS, file).text;
    const local = chainedPath(path);
    if (rest === head && ctx.read(local)) {
      return [{ action: 'move', from: local, path, verb: 'restored', reason: `your ${name} hook is back from ${name}.local` }];
    }
    if (rest === head) return [{ action: 'delete', path, before: text, reason: `${name}.local is gone, so nothing is left to run` }];
    return [writeStep(path, text, rest, `git-session lines removed; it was edited after init, so it stays and still runs ${name}.local`)];
  }
  if (isCreatedShape(text, SH_MARKERS, HOOK_PREFIX, file)) {
    return [{ action: 'delete', path, before: text, reason: 'created by git-session init' }];
  }
  return [writeStep(path, text, removeBlock(text, SH_MARKERS, file).text, 'git-session lines removed')];
}

/** Removes git-session from every hook file it may have touched: git's hooks folder and `.husky/`. */
export function planHooksUninstall(ctx: PlanContext): Plan {
  const t = ctx.hooks;
  const husky = join(ctx.root, '.husky');
  const dirs = [husky, t.gitHooksDir].filter((d, i, all) => all.indexOf(d) === i && !d.startsWith(join(husky, '_')));
  const steps = dirs.flatMap((dir) => HOOK_NAMES.flatMap((name) => uninstallOne(ctx, name, join(dir, name))));
  const notes: string[] = [];
  if (t.kind === 'lefthook' || t.kind === 'pre-commit') {
    notes.push(`If you added git-session's lines to ${t.configFile ?? 'the hook manager config'}, remove them there (git-session does not edit that file).`);
  }
  return { steps, notes };
}
