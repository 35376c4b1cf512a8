import { describe, expect, it } from 'vitest';
import { deriveStatus, itemKey, supersededText, type SessionCommit, type SessionItem } from '../../../src/core/history/status.js';

const d = (text: string, reason: string | null = null): SessionItem => ({ kind: 'decision', text, reason });
const e = (text: string, reason: string | null = null): SessionItem => ({ kind: 'deadEnd', text, reason });

function commit(hash: string, c: Partial<Omit<SessionCommit, 'hash' | 'short'>> = {}): SessionCommit {
  return { hash, short: hash.slice(0, 4), added: [], removed: [], trailers: { decisions: [], deadEnds: [] }, reverts: null, closes: false, cutOff: false, ...c };
}

function states(commits: SessionCommit[]): Record<string, string> {
  return Object.fromEntries(deriveStatus(commits).map((i) => [`${i.text}@${i.short}`, `${i.status}${i.changedByShort ? ` by ${i.changedByShort}` : ''}${i.closedBy ? ' closed' : ''}`]));
}

describe('deriveStatus', () => {
  it('counts an item found in the tree and in a trailer once, the tree reason kept', () => {
    const items = deriveStatus([commit('aaaa1', { added: [d('Use X', 'tree reason')], trailers: { decisions: ['use  x — trailer reason', 'Only trailer — r'], deadEnds: [] } })]);
    expect(items.map((i) => [i.text, i.reason])).toEqual([
      ['Use X', 'tree reason'],
      ['Only trailer', 'r'],
    ]);
  });

  it.each([
    ['a revert retires what the reverted commit added, trailer-only items too', [
      commit('aaaa1', { added: [d('A')], trailers: { decisions: ['T — why'], deadEnds: [] } }),
      commit('bbbb2', { removed: [d('A')], reverts: 'aaaa1' }),
    ], { 'A@aaaa': 'reverted by bbbb', 'T@aaaa': 'reverted by bbbb' }],
    ['a supersedes marker retires the old decision, not as withdrawn', [
      commit('aaaa1', { added: [d('Old')] }),
      commit('bbbb2', { added: [d('New (supersedes: old)')], removed: [d('Old')] }),
    ], { 'Old@aaaa': 'superseded by bbbb', 'New (supersedes: old)@bbbb': 'active' }],
    ['a removal while the session goes on withdraws', [
      commit('aaaa1', { added: [d('A'), e('E')] }),
      commit('bbbb2', { removed: [e('E')] }),
    ], { 'A@aaaa': 'active', 'E@aaaa': 'withdrawn by bbbb' }],
    ['the removals of a closing commit stay active', [
      commit('aaaa1', { added: [d('A')] }),
      commit('bbbb2', { removed: [d('A')], closes: true }),
    ], { 'A@aaaa': 'active closed' }],
    ['reverting a closing commit puts its items back as they were, with the commits that recorded them', [
      commit('aaaa1', { added: [d('A')] }),
      commit('bbbb2', { removed: [d('A')], closes: true }),
      commit('cccc3', { added: [d('A')], reverts: 'bbbb2' }),
    ], { 'A@aaaa': 'active' }],
    ['closing again after that revert closes them again', [
      commit('aaaa1', { added: [d('A')] }),
      commit('bbbb2', { removed: [d('A')], closes: true }),
      commit('cccc3', { added: [d('A')], reverts: 'bbbb2' }),
      commit('dddd4', { removed: [d('A')], closes: true }),
    ], { 'A@aaaa': 'active closed' }],
    ['reverting a withdrawal puts the item back in force', [
      commit('aaaa1', { added: [d('A')] }),
      commit('bbbb2', { removed: [d('A')] }),
      commit('cccc3', { added: [d('A')], reverts: 'bbbb2' }),
    ], { 'A@aaaa': 'active' }],
    ['reverting a supersede retires the new one and restores the old, as the commit that recorded it', [
      commit('aaaa1', { added: [d('Old')] }),
      commit('bbbb2', { added: [d('New (supersedes: Old)')], removed: [d('Old')] }),
      commit('cccc3', { added: [d('Old')], removed: [d('New (supersedes: Old)')], reverts: 'bbbb2' }),
    ], { 'Old@aaaa': 'active', 'New (supersedes: Old)@bbbb': 'reverted by cccc' }],
    ['recorded again after a withdrawal: the first keeps its story, the second is in force', [
      commit('aaaa1', { added: [d('A')] }),
      commit('bbbb2', { removed: [d('A')] }),
      commit('cccc3', { added: [d('A')] }),
    ], { 'A@aaaa': 'withdrawn by bbbb', 'A@cccc': 'active' }],
    ['a revert of a revert puts the item back; reverting that one retires it again', [
      commit('aaaa1', { added: [d('A')] }),
      commit('bbbb2', { removed: [d('A')], reverts: 'aaaa1' }),
      commit('cccc3', { added: [d('A')], reverts: 'bbbb2' }),
      commit('dddd4', { removed: [d('A')], reverts: 'cccc3' }),
    ], { 'A@aaaa': 'reverted by dddd' }],
    ['a revert does not put back what a later commit recorded anew', [
      commit('aaaa1', { added: [d('A')] }),
      commit('bbbb2', { removed: [d('A')] }),
      commit('cccc3', { added: [d('A')] }),
      commit('dddd4', { reverts: 'bbbb2' }),
    ], { 'A@aaaa': 'withdrawn by bbbb', 'A@cccc': 'active' }],
    ['a revert of a merge reverts what the merged commits recorded; reverting it puts them back', [
      commit('aaaa1', { added: [d('A')] }),
      commit('mmmm2'),
      commit('rrrr3', { removed: [d('A')], reverts: 'mmmm2' }),
    ], { 'A@aaaa': 'reverted by rrrr' }],
    ['the same item recorded twice while in force: the newest stands for it', [
      commit('aaaa1', { added: [d('A')] }),
      commit('bbbb2', { added: [d('A')] }),
    ], { 'A@bbbb': 'active' }],
    ['a trailer naming an item in force that its commit did not add mentions it: the commit that recorded it keeps it', [
      commit('aaaa1', { added: [d('A', 'why')] }),
      commit('bbbb2', { trailers: { decisions: ['A — why'], deadEnds: ['E — r'] } }),
      commit('cccc3', { trailers: { decisions: [], deadEnds: ['E — r'] } }),
      commit('dddd4', { removed: [d('A')] }),
    ], { 'A@aaaa': 'withdrawn by dddd', 'E@cccc': 'active' }],
    ['a decision recorded by trailer alone, recorded again by trailer: the newest stands, and a revert of the first leaves it', [
      commit('aaaa1', { trailers: { decisions: ['T — r'], deadEnds: [] } }),
      commit('bbbb2', { trailers: { decisions: ['T — r'], deadEnds: [] } }),
      commit('cccc3', { reverts: 'aaaa1' }),
    ], { 'T@bbbb': 'active' }],
    ['a decision closed with its session, named again by a trailer, is recorded again', [
      commit('aaaa1', { added: [d('A')] }),
      commit('bbbb2', { removed: [d('A')], closes: true }),
      commit('cccc3', { trailers: { decisions: ['A'], deadEnds: [] } }),
    ], { 'A@cccc': 'active' }],
    ['where a shallow clone is cut off, a revert retires only what it removes and what the cut-off commit names', [
      commit('aaaa1', { added: [d('Older'), d('Mine'), d('Named')], trailers: { decisions: ['Named — n'], deadEnds: [] }, cutOff: true }),
      commit('bbbb2', { removed: [d('Mine')], reverts: 'aaaa1' }),
    ], { 'Mine@aaaa': 'reverted by bbbb', 'Named@aaaa': 'reverted by bbbb' }],
    ['a cut-off commit nobody reverts is credited only with what its trailers name', [
      commit('aaaa1', { added: [d('Older'), d('Named')], trailers: { decisions: ['Named — n'], deadEnds: [] }, cutOff: true }),
      commit('bbbb2', { removed: [d('Older')] }),
    ], { 'Named@aaaa': 'active' }],
  ] as const)('%s', (_name, commits, expected) => {
    expect(states([...commits])).toEqual(expected);
  });

  it('the revert of a merge\'s revert puts what the merged commits recorded back in force', () => {
    const commits = [
      commit('aaaa1', { added: [d('A')] }),
      commit('mmmm2'),
      commit('rrrr3', { removed: [d('A')], reverts: 'mmmm2' }),
      commit('ssss4', { added: [d('A')], reverts: 'rrrr3' }),
    ];
    expect(states(commits)).toEqual({ 'A@aaaa': 'active' });
  });

  it('keys ignore case, spacing and the supersedes marker', () => {
    expect(itemKey('decision', ' Use   X (supersedes: Y) ')).toBe(itemKey('decision', 'use x'));
    expect(itemKey('decision', 'x')).not.toBe(itemKey('deadEnd', 'x'));
    expect(supersededText('New (supersedes:  Old thing )')).toBe('Old thing');
    expect(supersededText('No marker')).toBeNull();
  });
});
