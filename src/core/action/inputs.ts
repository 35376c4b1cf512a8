import { ExitCode, GitSessionError } from '../../errors.js';

/** The action's inputs (action.yml), read and checked. */
export interface ActionInputs {
  /** Base revision; empty: the pull request's base commit. */
  base: string;
  format: 'md' | 'json';
  summary: boolean;
  description: boolean;
  comment: boolean;
  annotations: boolean;
  maxAnnotations: number;
  token: string;
}

function flag(get: (name: string) => string, name: string, fallback: boolean): boolean {
  const value = get(name).trim().toLowerCase();
  if (value === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  throw new GitSessionError(ExitCode.Usage, `input ${name} is "${get(name)}", not true or false.`, { fix: `Set ${name}: true or ${name}: false.` });
}

/** Reads the inputs through `get` (an input's raw text, empty when unset), applying action.yml's defaults. */
export function readInputs(get: (name: string) => string): ActionInputs {
  const format = get('format').trim() || 'md';
  if (format !== 'md' && format !== 'json') {
    throw new GitSessionError(ExitCode.Usage, `input format is "${format}".`, { fix: 'Set format: md or format: json.' });
  }
  const max = get('max-annotations').trim() || '10';
  if (!/^\d+$/.test(max)) {
    throw new GitSessionError(ExitCode.Usage, `input max-annotations is "${max}", not a whole number.`, { fix: 'Set max-annotations: 10, or 0 for none.' });
  }
  return {
    base: get('base').trim(),
    format,
    summary: flag(get, 'summary', true),
    description: flag(get, 'description', true),
    comment: flag(get, 'comment', false),
    annotations: flag(get, 'annotations', true),
    maxAnnotations: Number(max),
    token: get('token').trim(),
  };
}
