import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type Config } from '../core/config.js';

/** Loads `.gitsession` from the repository root; the defaults when there is none. */
export function loadConfig(root: string): Config {
  let text: string;
  try {
    text = readFileSync(join(root, CONFIG_FILE), 'utf8');
  } catch {
    return structuredClone(DEFAULT_CONFIG) as Config;
  }
  return parseConfig(text, CONFIG_FILE);
}
