import type { PromptMode } from '../../config.js';

/**
 * A session file with conflict markers is never read as if whole, and committing the
 * markers is refused in remind and strict mode alike: they would reach every reader
 * and every clone. Off mode only says so.
 */
export function conflictPolicy(mode: PromptMode, markerLines: readonly number[]): 'none' | 'warn' | 'refuse' {
  if (markerLines.length === 0) return 'none';
  return mode === 'off' ? 'warn' : 'refuse';
}
