import { relative } from 'node:path';
import { CONFIG_FILE } from '../config.js';
import { changesAnything, stepVerb, type Plan, type Step } from './step.js';

function display(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function lines(plan: Plan, root: string, dryRun: boolean): string[] {
  const verbs = plan.steps.map((s) => stepVerb(s, dryRun));
  const config = configLine(plan, dryRun);
  if (config) verbs.push(config.verb);
  const width = Math.max(0, ...verbs.map((v) => v.length));
  const out = plan.steps.map((s, i) => {
    const from = s.action === 'move' ? `${display(root, s.from)} -> ` : '';
    return `${verbs[i]!.padEnd(width)}  ${from}${display(root, s.path)}  (${s.reason})`;
  });
  if (config) out.push(`${config.verb.padEnd(width)}  ${config.text}`);
  return out;
}

/** The line for the clone's git config, which is not a file in the work tree. */
function configLine(plan: Plan, dryRun: boolean): { verb: string; text: string } | undefined {
  const c = plan.config;
  if (!c || c.set.length + c.unset.length === 0) return undefined;
  const drivers = [...new Set([...c.set.map(([k]) => k), ...c.unset].map((k) => k.split('.').slice(0, -1).join('.')))];
  const verb = c.set.length > 0 ? (dryRun ? 'would configure' : 'configured') : dryRun ? 'would unset' : 'unset';
  const why = c.set.length > 0 ? "this clone's merge drivers; git does not clone them: `git session setup` sets them in another clone" : "this clone's merge drivers";
  return { verb, text: `git config --local ${drivers.join(', ')}  (${why})` };
}

function notes(plan: Plan): string[] {
  return plan.notes.flatMap((n) => ['', n]);
}

/**
 * Files a team should commit after init: the ones created or changed inside the work
 * tree, and a chained hook's new `.local` name (in a committed hooks folder, the
 * chained hook without it would lose the team's own checks).
 */
export function filesToCommit(steps: readonly Step[], root: string): string[] {
  return steps
    .filter((s) => s.action === 'create' || s.action === 'update' || s.action === 'move')
    .map((s) => display(root, s.path))
    .filter((p) => !p.startsWith('/') && !p.startsWith('.git/') && p !== '.git');
}

/**
 * The text `init` prints: one line per file, notes, then the next steps. The commands
 * in it go through `commandText` (see `PlanContext.commandText`).
 */
export function renderInitReport(plan: Plan, root: string, sessionFile: string, dryRun: boolean, commandText: (text: string) => string): string {
  return commandText(initReport(plan, root, sessionFile, dryRun));
}

function initReport(plan: Plan, root: string, sessionFile: string, dryRun: boolean): string {
  const out = lines(plan, root, dryRun);
  out.push(...notes(plan));
  if (!changesAnything(plan)) {
    out.push('', 'Everything is up to date; nothing was written.');
    return out.join('\n') + '\n';
  }
  if (dryRun) {
    out.push('', 'Dry run: nothing was written. Run `git session init` to apply.');
    return out.join('\n') + '\n';
  }
  const commit = filesToCommit(plan.steps, root);
  out.push('', 'Next steps:');
  if (commit.length > 0) {
    const quoted = commit.map((p) => (/[\s'"$`\\]/.test(p) ? `'${p.replace(/'/g, `'\\''`)}'` : p));
    out.push(`  1. Commit the files: git add ${quoted.join(' ')} && git commit -m "Start a git-session"`);
  }
  out.push(`  ${commit.length > 0 ? 2 : 1}. Fill in the goal in ${sessionFile}; your assistant keeps the rest up to date.`);
  out.push(`  Settings live in ${CONFIG_FILE}; \`git session uninstall\` removes all of this again.`);
  return out.join('\n') + '\n';
}

/** The text `uninstall` prints; its commands go through `commandText`. */
export function renderUninstallReport(plan: Plan, root: string, dryRun: boolean, commandText: (text: string) => string): string {
  const out = lines(plan, root, dryRun);
  out.push(...notes(plan));
  if (plan.steps.length === 0) out.push('Nothing to remove: git-session is not installed here.');
  else if (!changesAnything(plan)) out.push('', 'Nothing to remove; nothing was written.');
  else if (dryRun) out.push('', 'Dry run: nothing was written. Run `git session uninstall` to apply.');
  while (out[0] === '') out.shift();
  return commandText(out.join('\n') + '\n');
}
