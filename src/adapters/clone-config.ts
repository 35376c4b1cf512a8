import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigChange } from '../core/init/step.js';
import { JOURNAL_DRIVER, perCloneConfig, PRIVATE_FILTER, SESSION_DRIVER } from '../core/clone/config.js';
import { GIT_SETTINGS_PATTERN, parseGitSettings } from '../core/pipeline/preflight.js';
import { git } from './git.js';

function attributesText(root: string): string | undefined {
  try {
    return readFileSync(join(root, '.gitattributes'), 'utf8');
  } catch {
    return undefined;
  }
}

const names = (text: string, name: string): boolean => new RegExp(`(^|\\s)${name}(\\s|$)`, 'm').test(text);

/** Whether the repository's `.gitattributes` names the private filter or a merge driver of ours: only then does their config matter. */
export function namesCloneConfig(root: string): boolean {
  const text = attributesText(root);
  return text !== undefined && [`filter=${PRIVATE_FILTER}`, `merge=${SESSION_DRIVER}`, `merge=${JOURNAL_DRIVER}`].some((name) => names(text, name));
}

/**
 * Whether the private filter is off for the session file `file` although the
 * repository's attributes name it for some path: after `session.file` names another
 * file, `.gitattributes` names the old one until `init` runs again. The line init
 * writes (`/<file> … filter=…`) answers it without git; any other shape asks git.
 */
export async function privateFilterMisses(root: string, file: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  const text = attributesText(root);
  if (text === undefined || !names(text, `filter=${PRIVATE_FILTER}`)) return false;
  const literal = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`^[ \\t]*/?${literal}[ \\t](.*[ \\t])?filter=${PRIVATE_FILTER}([ \\t\\r]|$)`, 'm').test(text)) return false;
  return (await filterNamed(root, file, env)) === false;
}

/** Whether git's attributes give `file` the private filter, by any pattern in any attributes file; undefined when git cannot say. */
async function filterNamed(root: string, file: string, env?: NodeJS.ProcessEnv): Promise<boolean | undefined> {
  const attr = await git(['check-attr', 'filter', '--', file], { cwd: root, env, allowFailure: true });
  return attr.code === 0 ? attr.stdout.trimEnd().endsWith(`: filter: ${PRIVATE_FILTER}`) : undefined;
}

/**
 * Whether git runs the private filter on `file`: its attributes name the filter and
 * this clone configures its clean command. A clone without the filter's settings
 * stores (and blames) the file as it is.
 */
export async function privateFilterRuns(root: string, file: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  const [named, clean] = await Promise.all([
    filterNamed(root, file, env),
    git(['config', '--get', `filter.${PRIVATE_FILTER}.clean`], { cwd: root, env, allowFailure: true }),
  ]);
  return named === true && clean.stdout.trim() !== '';
}

/**
 * The per-clone keys `.gitattributes` relies on that git has no value for in any scope
 * (a clone where `git session setup` never ran): empty when nothing is missing.
 */
export async function lackedCloneConfig(root: string, env?: NodeJS.ProcessEnv): Promise<string[]> {
  if (!namesCloneConfig(root)) return [];
  const out = await git(['config', '--get-regexp', GIT_SETTINGS_PATTERN], { cwd: root, env, allowFailure: true });
  return parseGitSettings(out.stdout).missingCloneConfig;
}

/** The current values of the per-clone keys git-session sets, read from this clone's own config. */
export async function readCloneConfig(root: string, env?: NodeJS.ProcessEnv): Promise<Record<string, string | undefined>> {
  const listed = await git(['config', '--local', '-z', '--list'], { cwd: root, env, allowFailure: true });
  const current = new Map<string, string>();
  for (const record of listed.stdout.split('\0')) {
    const nl = record.indexOf('\n');
    if (nl > 0) current.set(record.slice(0, nl).toLowerCase(), record.slice(nl + 1));
  }
  return Object.fromEntries(Object.keys(perCloneConfig()).map((key) => [key, current.get(key.toLowerCase())]));
}

/**
 * Writes the config change into this clone's config (`git config --local`). A section
 * left empty by an unset is removed, so uninstall leaves no header behind.
 */
export async function applyCloneConfig(root: string, change: ConfigChange | undefined, env?: NodeJS.ProcessEnv): Promise<void> {
  if (!change) return;
  const opts = { cwd: root, env };
  for (const [key, value] of change.set) await git(['config', '--local', key, value], opts);
  for (const key of change.unset) await git(['config', '--local', '--unset-all', key], { ...opts, allowFailure: true });
  const sections = new Set(change.unset.map((key) => key.slice(0, key.lastIndexOf('.'))));
  for (const section of sections) {
    const left = await git(['config', '--local', '--get-regexp', `^${section.replace(/[.\\[\]()*+?^$|{}]/g, '\\$&')}\\.`], { ...opts, allowFailure: true });
    if (left.stdout.trim() === '') await git(['config', '--local', '--remove-section', section], { ...opts, allowFailure: true });
  }
}
