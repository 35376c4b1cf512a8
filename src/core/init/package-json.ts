import { join } from 'node:path';
import { ensure, parseObject, unensure, type Leaf } from '../claude-settings/edit.js';
import { member } from '../claude-settings/json-tree.js';
import type { PlanContext } from './context.js';
import { spliceable, writeStep, type Plan } from './step.js';

/** What `npm install` runs for the next person: hooks (without husky) and the merge drivers. */
export const SETUP_COMMAND = 'git-session setup';
const SUFFIX = ` && ${SETUP_COMMAND}`;

const PREPARE: Leaf = { kind: 'member', key: 'prepare', value: SETUP_COMMAND, isOurs: (v) => v === SETUP_COMMAND };

/** The `scripts.prepare` string node of a package.json text, if there is one. */
function prepareNode(text: string, file: string) {
  const scripts = member(parseObject(text, file), 'scripts')?.value;
  const prepare = scripts?.kind === 'object' ? member(scripts, 'prepare')?.value : undefined;
  if (!prepare || prepare.kind !== 'scalar' || text[prepare.start] !== '"') return undefined;
  return { node: prepare, value: JSON.parse(text.slice(prepare.start, prepare.end)) as string };
}

function listsGitSession(text: string): boolean {
  try {
    const pkg = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => {
      const deps = pkg[k];
      return deps !== null && typeof deps === 'object' && 'git-session' in deps;
    });
  } catch {
    return false;
  }
}

/**
 * In a Node project, makes `npm install` set up git-session in every clone: npm runs
 * `prepare` after a plain install, with node_modules/.bin on PATH. An existing prepare
 * script (husky's, a build) gets ` && git-session setup` after it, spliced into its
 * string so every other byte of package.json stays; without one, prepare is added.
 */
export function planPackageJsonInstall(ctx: PlanContext): Plan {
  const path = join(ctx.root, 'package.json');
  const before = spliceable(ctx.read(path), 'package.json');
  if (before === undefined) return { steps: [], notes: [] };
  const found = prepareNode(before, 'package.json');
  if (!listsGitSession(before)) {
    // A prepare script naming a binary the next person does not get would fail their npm install.
    const note =
      'package.json does not list git-session, so `npm install` cannot set it up for the next person: ' +
      '`npm i -D git-session`, then run `git session init` again.';
    return { steps: [], notes: found?.value.includes(SETUP_COMMAND) ? [] : [note] };
  }
  let after: string;
  if (!found) after = ensure(before, ['scripts'], PREPARE, 'package.json');
  else if (/(?:^|[;&|]\s*)git-session setup\b/.test(found.value)) after = before;
  else {
    // The suffix needs no JSON escaping: it is spliced just before the closing quote.
    after = before.slice(0, found.node.end - 1) + SUFFIX + before.slice(found.node.end - 1);
  }
  return { steps: [writeStep(path, before, after, '`npm install` sets up the hooks and merge drivers in every clone')], notes: [] };
}

/** Removes exactly what install added to package.json. */
export function planPackageJsonUninstall(ctx: PlanContext): Plan {
  const path = join(ctx.root, 'package.json');
  const before = spliceable(ctx.read(path), 'package.json');
  if (before === undefined) return { steps: [], notes: [] };
  let found;
  try {
    found = prepareNode(before, 'package.json');
  } catch {
    return { steps: [], notes: [] };
  }
  if (!found) return { steps: [], notes: [] };
  let after = before;
  if (found.value === SETUP_COMMAND) after = unensure(before, ['scripts'], PREPARE, 'package.json');
  else if (found.value.endsWith(SUFFIX)) after = before.slice(0, found.node.end - 1 - SUFFIX.length) + before.slice(found.node.end - 1);
  if (after === before) return { steps: [], notes: [] };
  return { steps: [writeStep(path, before, after, 'git-session setup removed from the prepare script')], notes: [] };
}
