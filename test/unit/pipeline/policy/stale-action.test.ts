import { describe, expect, it } from 'vitest';
import { staleAction, wantsMenu, type Committer } from '../../../../src/core/pipeline/policy/stale-action.js';

const assistant: Committer = { kind: 'assistant', name: 'Claude Code' };
const person: Committer = { kind: 'person' };
const unattended: Committer = { kind: 'unattended' };

describe('staleAction', () => {
  it.each([
    [false, 'strict', assistant, 'none'],
    [true, 'off', assistant, 'none'],
    [true, 'remind', assistant, 'note-for-assistant'],
    [true, 'strict', assistant, 'refuse-with-note-for-assistant'],
    [true, 'remind', person, 'none'],
    [true, 'strict', person, 'refuse'],
    [true, 'remind', unattended, 'remind'],
    [true, 'strict', unattended, 'refuse'],
    [true, 'off', unattended, 'none'],
  ] as const)('stale=%s mode=%s %o -> %s', (stale, mode, who, action) => {
    expect(staleAction(stale, mode, who)).toBe(action);
  });
});

describe('wantsMenu', () => {
  it.each([
    [true, 'remind', person, true, true],
    [true, 'strict', person, true, true],
    [true, 'off', person, true, false],
    [false, 'remind', person, true, false],
    [true, 'remind', person, false, false],
    [true, 'remind', assistant, true, false],
    [true, 'remind', unattended, true, false],
  ] as const)('stale=%s mode=%s %o session=%s -> %s', (stale, mode, who, has, asks) => {
    expect(wantsMenu(stale, mode, who, has)).toBe(asks);
  });
});
