import { ExitCode, GitSessionError } from '../../errors.js';

/**
 * One change to one file, planned purely and applied by `applyPlan`. Paths are
 * absolute. `before` is the text the planner saw (undefined: the file did not exist),
 * `after` the text to write (undefined: delete the file).
 */
export type Step =
  | { action: 'create'; path: string; after: string; mode?: number; verb?: string; reason: string }
  | { action: 'update'; path: string; before: string; after: string; verb?: string; reason: string }
  | { action: 'delete'; path: string; before: string; verb?: string; reason: string }
  /** Renames `from` to `path`: bytes and mode travel with it. */
  | { action: 'move'; from: string; path: string; verb?: string; reason: string }
  /** Nothing to do: the file already is as it should be, or is left alone on purpose. */
  | { action: 'unchanged'; path: string; verb?: string; reason: string };

/** Changes to this clone's git config (`git config --local`), applied after the file steps. */
export interface ConfigChange {
  set: [key: string, value: string][];
  unset: string[];
}

/** Steps in the order they must run, plus advice for the user that changes no file. */
export interface Plan {
  steps: Step[];
  notes: string[];
  config?: ConfigChange;
}

/** What the current state of a file is, as a planner needs it. */
export interface FileState {
  /** The file decoded as UTF-8 (lossy when `utf8` is false). */
  text: string;
  /** Permission bits, e.g. 0o755. */
  mode: number;
  /** False for a binary or non-UTF-8 file, which must never be spliced. */
  utf8: boolean;
  /**
   * The file's real path (symlinks resolved): two paths with the same one are one file,
   * like AGENTS.md linked to CLAUDE.md. Writes go through a link to it.
   */
  real?: string;
  /** When `path` is a symlink to a file in the work tree: that file, relative to the root. */
  linkTarget?: string;
}

/** Reads a file's state by absolute path; undefined when it does not exist. */
export type ReadFile = (path: string) => FileState | undefined;

/** The text of a file the planner is about to splice; refuses a binary or non-UTF-8 one. */
export function spliceable(state: FileState | undefined, file: string): string | undefined {
  if (state === undefined || state.utf8) return state?.text;
  throw new GitSessionError(ExitCode.BadInput, 'is not a UTF-8 text file, so git-session will not edit it.', {
    file,
    fix: 'Convert it to UTF-8 (or move it away) and run the command again.',
  });
}

/** A `create`, `update` or `unchanged` step that leads from `before` to `after`. */
export function writeStep(path: string, before: string | undefined, after: string, reason: string, verb?: string): Step {
  if (before === undefined) return { action: 'create', path, after, reason, ...(verb ? { verb } : {}) };
  if (before === after) return { action: 'unchanged', path, reason: 'already up to date' };
  return { action: 'update', path, before, after, reason, ...(verb ? { verb } : {}) };
}

const PAST: Record<Step['action'], string> = {
  create: 'created',
  update: 'updated',
  delete: 'removed',
  move: 'moved',
  unchanged: 'unchanged',
};

const FUTURE: Record<Step['action'], string> = {
  create: 'would create',
  update: 'would update',
  delete: 'would remove',
  move: 'would move',
  unchanged: 'unchanged',
};

/** The word shown before a step's path: "created", or "would create" on a dry run. */
export function stepVerb(step: Step, dryRun: boolean): string {
  if (step.verb) return dryRun && step.action !== 'unchanged' ? `would be ${step.verb}` : step.verb;
  return (dryRun ? FUTURE : PAST)[step.action];
}

/** Whether applying the plan would change any byte. */
export function changesAnything(plan: Plan): boolean {
  return plan.steps.some((s) => s.action !== 'unchanged') || configChanges(plan);
}

/** Whether the plan changes this clone's git config. */
export function configChanges(plan: Plan): boolean {
  return (plan.config?.set.length ?? 0) + (plan.config?.unset.length ?? 0) > 0;
}
