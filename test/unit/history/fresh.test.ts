import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshSession } from '../../../src/core/session/fresh.js';

const template = readFileSync(join(__dirname, '../../../templates/SESSION.md'), 'utf8');

describe('freshSession', () => {
  it('starts from the template with the goal, keeping the configured sections as written', () => {
    const old = template
      .replace('## Goal\n<!-- One or two sentences: what this session is building, and what "done" means. -->\n', '$&Old goal\n')
      .replace(/(## Decisions\n<!--[^\n]*-->\n)/, '$1- Old decision — Reason: r\n')
      .replace(/(## Gotchas\n<!--[^\n]*-->\n)/, '$1- *Keep* me\n');
    const text = freshSession(template, old, 'New goal', ['Key Files', 'Gotchas']);
    expect(text).toContain('New goal');
    expect(text).not.toContain('Old goal');
    expect(text).not.toContain('Old decision');
    expect(text).toContain('- *Keep* me');
    expect(freshSession(template, null, 'G', [])).toBe(template.replace(/(## Goal\n<!--[^\n]*-->\n)/, '$1G\n'));
  });
});
