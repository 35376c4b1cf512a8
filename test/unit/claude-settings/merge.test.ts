import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLAUDE_HOOKS,
  mergeClaudeSettings,
  mergeMcpJson,
  removeClaudeSettings,
  removeMcpJson,
} from '../../../src/core/claude-settings/index.js';

const USER_SETTINGS = `{
    "permissions": {
        "allow": ["Bash(npm test:*)"],
        "deny": []
    },
    "hooks": {
        "PostToolUse": [
            { "matcher": "Edit|Write", "hooks": [{ "type": "command", "command": "npx prettier --write" }] }
        ],
        "Stop": [
            { "hooks": [{ "type": "command", "command": "./scripts/notify.sh" }] }
        ]
    }
}
`;

function commands(text: string, event: string): string[] {
  const parsed = JSON.parse(text) as { hooks?: Record<string, { hooks: { command: string }[] }[]> };
  return (parsed.hooks?.[event] ?? []).flatMap((g) => g.hooks.map((h) => h.command));
}

describe('mergeClaudeSettings', () => {
  it('creates a settings file with the four hooks when there is none', () => {
    const text = mergeClaudeSettings(null);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed.hooks)).toEqual(['SessionStart', 'PreCompact', 'Stop', 'PreToolUse']);
    expect(parsed.hooks.SessionStart[0].matcher).toBe('startup|resume|clear|compact');
    expect(parsed.hooks.PreCompact[0].matcher).toBe('manual|auto');
    expect(parsed.hooks.Stop[0].matcher).toBeUndefined();
    expect(commands(text, 'Stop')[0]).toMatch(/"\$gs" hook claude-stop$/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('keeps user hooks and permissions and appends after them', () => {
    const text = mergeClaudeSettings(USER_SETTINGS);
    const parsed = JSON.parse(text);
    expect(parsed.permissions).toEqual({ allow: ['Bash(npm test:*)'], deny: [] });
    expect(commands(text, 'PostToolUse')).toEqual(['npx prettier --write']);
    expect(commands(text, 'Stop')[0]).toBe('./scripts/notify.sh');
    expect(commands(text, 'Stop')[1]).toContain('hook claude-stop');
    // the user's bytes before the hooks object are untouched
    expect(text.startsWith(USER_SETTINGS.slice(0, USER_SETTINGS.indexOf('"PostToolUse"')))).toBe(true);
    // the new event keys use the file's four-space indentation
    expect(text).toContain('\n        "SessionStart": [\n            {');
  });

  it('is idempotent', () => {
    for (const input of [null, '{}', USER_SETTINGS, '{"a":1}']) {
      const once = mergeClaudeSettings(input);
      expect(mergeClaudeSettings(once)).toBe(once);
    }
  });

  it('does not add a second hook when the user already runs git-session their own way', () => {
    const input = '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"npx git-session hook claude-stop"}]}]}}';
    expect(commands(mergeClaudeSettings(input), 'Stop')).toEqual(['npx git-session hook claude-stop']);
  });

  it('keeps CRLF line endings and a BOM', () => {
    const input = '\uFEFF{\r\n  "model": "opus"\r\n}\r\n';
    const text = mergeClaudeSettings(input);
    expect(text.startsWith('\uFEFF{\r\n  "model": "opus",\r\n  "hooks"')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(removeClaudeSettings(text)).toBe(input);
  });

  it('refuses invalid JSON and wrong shapes with the file name and a fix', () => {
    expect(() => mergeClaudeSettings('{ "a": 1, }')).toThrow(/\.claude\/settings\.json: is not valid JSON.*Fix the JSON/);
    expect(() => mergeClaudeSettings('[]')).toThrow(/does not hold a JSON object/);
    expect(() => mergeClaudeSettings('{"hooks": []}')).toThrow(/"hooks" is not an object/);
    expect(() => mergeClaudeSettings('{"hooks": {"Stop": {}}}')).toThrow(/"hooks.Stop" is not a list/);
  });
});

describe('removeClaudeSettings', () => {
  it('returns null for a file merge created', () => {
    expect(removeClaudeSettings(mergeClaudeSettings(null))).toBeNull();
    expect(removeClaudeSettings(mergeClaudeSettings(''))).toBeNull();
  });

  it.each([
    ['empty object', '{}'],
    ['empty object on lines', '{\n}\n'],
    ['empty hooks', '{\n  "hooks": {}\n}\n'],
    ['empty Stop list', '{\n  "hooks": {\n    "Stop": []\n  }\n}'],
    ['user settings', USER_SETTINGS],
    ['compact', '{"permissions":{"allow":["Read"]},"hooks":{"Stop":[{"hooks":[{"type":"command","command":"x"}]}]}}'],
    ['tabs', '{\n\t"env": {\n\t\t"A": "1"\n\t}\n}\n'],
    ['trailing spaces', '  {"a": [1, 2]}  \n\n'],
  ])('gives back the original bytes: %s', (_name, input) => {
    const merged = mergeClaudeSettings(input);
    expect(merged).not.toBe(input);
    expect(removeClaudeSettings(merged)).toBe(input);
  });

  it('leaves a file without git-session hooks alone', () => {
    expect(removeClaudeSettings(USER_SETTINGS)).toBe(USER_SETTINGS);
  });

  it('removes only its own group when the user added hooks to the same event later', () => {
    const merged = mergeClaudeSettings(null);
    const parsed = JSON.parse(merged);
    parsed.hooks.Stop.push({ hooks: [{ type: 'command', command: 'say done' }] });
    const edited = JSON.stringify(parsed, null, 2);
    const removed = removeClaudeSettings(edited)!;
    expect(JSON.parse(removed)).toEqual({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }] } });
  });

  it('round-trips generated settings printed with any indentation', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true })),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    const hookGroup = fc.record({
      matcher: fc.string(),
      hooks: fc.array(fc.record({ type: fc.constant('command'), command: fc.string() }), { minLength: 1, maxLength: 2 }),
    });
    const settings = fc.record(
      {
        permissions: fc.record({ allow: fc.array(fc.string()), deny: fc.array(fc.string()) }),
        env: fc.dictionary(fc.string(), fc.string()),
        hooks: fc.dictionary(
          fc.constantFrom('PostToolUse', 'PreToolUse', 'Stop', 'SessionStart', 'Notification'),
          fc.array(hookGroup, { minLength: 1, maxLength: 2 }),
        ),
        extra: json,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(settings, fc.constantFrom(0, 1, 2, 4, '\t'), fc.boolean(), (value, indent, newline) => {
        const input = JSON.stringify(value, null, indent) + (newline ? '\n' : '');
        const merged = mergeClaudeSettings(input);
        expect(mergeClaudeSettings(merged)).toBe(merged);
        for (const h of CLAUDE_HOOKS) expect(commands(merged, h.event).some((c) => c.includes(`hook ${h.hook}`))).toBe(true);
        const original = JSON.parse(input);
        const parsedMerged = JSON.parse(merged);
        expect(parsedMerged.permissions).toEqual(original.permissions);
        expect(parsedMerged.extra).toEqual(original.extra);
        expect(removeClaudeSettings(merged)).toBe(input);
      }),
      { numRuns: 300 },
    );
  });
});

describe('mergeMcpJson / removeMcpJson', () => {
  it('creates, keeps other servers, is idempotent and round-trips', () => {
    const created = mergeMcpJson(null);
    expect(JSON.parse(created).mcpServers['git-session'].args.join(' ')).toContain('mcp');
    expect(removeMcpJson(created)).toBeNull();
    const input = '{\n  "mcpServers": {\n    "docs": { "command": "docs-server" }\n  }\n}\n';
    const merged = mergeMcpJson(input);
    expect(Object.keys(JSON.parse(merged).mcpServers)).toEqual(['docs', 'git-session']);
    expect(mergeMcpJson(merged)).toBe(merged);
    expect(removeMcpJson(merged)).toBe(input);
    expect(removeMcpJson(mergeMcpJson('{}'))).toBe('{}');
  });

  it('leaves a server of the same name that is not ours', () => {
    const input = '{"mcpServers":{"git-session":{"command":"other"}}}';
    expect(mergeMcpJson(input)).toBe(input);
    expect(removeMcpJson(input)).toBe(input);
  });
});
