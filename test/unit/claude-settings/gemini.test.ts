import { describe, expect, it } from 'vitest';
import { GEMINI_HOOKS, mergeGeminiSettings, removeGeminiSettings } from '../../../src/core/claude-settings/index.js';

const USER_SETTINGS = `{
  "theme": "GitHub",
  "hooks": {
    "BeforeTool": [
      { "matcher": "write_file", "hooks": [{ "type": "command", "command": "./lint.sh", "timeout": 3000 }] }
    ]
  }
}
`;

function commands(text: string, event: string): string[] {
  const parsed = JSON.parse(text) as { hooks?: Record<string, { hooks: { command: string }[] }[]> };
  return (parsed.hooks?.[event] ?? []).flatMap((g) => g.hooks.map((h) => h.command));
}

describe('mergeGeminiSettings', () => {
  it('creates SessionStart and PreCompress hooks without a matcher (every source and trigger)', () => {
    const text = mergeGeminiSettings(null);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed.hooks)).toEqual(GEMINI_HOOKS.map((h) => h.event));
    expect(parsed.hooks.SessionStart[0].matcher).toBeUndefined();
    expect(commands(text, 'SessionStart')[0]).toMatch(/"\$gs" hook gemini-session-start$/);
    expect(commands(text, 'PreCompress')[0]).toMatch(/"\$gs" hook gemini-pre-compress$/);
    // Gemini CLI substitutes $GEMINI_PROJECT_DIR-style tokens itself; the command uses only the braced form sh expands.
    expect(commands(text, 'SessionStart')[0]).not.toMatch(/\$(GEMINI_PROJECT_DIR|GEMINI_CWD|CLAUDE_PROJECT_DIR)\b/);
  });

  it('splices into a settings file the person wrote, changes nothing the second time, and removes exactly its own part', () => {
    const merged = mergeGeminiSettings(USER_SETTINGS);
    expect(commands(merged, 'BeforeTool')).toEqual(['./lint.sh']);
    expect(JSON.parse(merged).theme).toBe('GitHub');
    expect(mergeGeminiSettings(merged)).toBe(merged);
    expect(removeGeminiSettings(merged)).toBe(USER_SETTINGS);
    expect(removeGeminiSettings(mergeGeminiSettings(null))).toBeNull();
  });
});
