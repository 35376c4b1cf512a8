import { describe, expect, it } from 'vitest';
import { pullRequestOf } from '../../../src/core/action/event.js';
import { readInputs } from '../../../src/core/action/inputs.js';
import { renderSummary } from '../../../src/core/action/summary.js';

const from = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readInputs', () => {
  it('applies the defaults of action.yml', () => {
    expect(readInputs(from({}))).toEqual({
      base: '',
      format: 'md',
      summary: true,
      description: true,
      comment: false,
      annotations: true,
      maxAnnotations: 10,
      token: '',
    });
  });

  it('reads on/off and numbers', () => {
    const inputs = readInputs(from({ summary: 'False', comment: 'yes', 'max-annotations': '0', format: 'json', base: ' main ' }));
    expect(inputs).toMatchObject({ summary: false, comment: true, maxAnnotations: 0, format: 'json', base: 'main' });
  });

  it.each([
    [{ summary: 'maybe' }, /input summary is "maybe"/],
    [{ format: 'html' }, /input format is "html"/],
    [{ 'max-annotations': '-1' }, /not a whole number/],
  ])('refuses %j', (values, message) => {
    expect(() => readInputs(from(values))).toThrow(message);
  });
});

describe('pullRequestOf', () => {
  const event = {
    action: 'opened',
    number: 7,
    pull_request: { number: 7, base: { sha: 'b'.repeat(40) }, head: { sha: 'h'.repeat(40) } },
    repository: { name: 'converter', owner: { login: 'octo' } },
  };
  it('reads the repository, number and commits', () => {
    expect(pullRequestOf(event)).toEqual({ owner: 'octo', repo: 'converter', number: 7, baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40) });
  });
  it('is undefined for another event, and refuses a pull request without commits', () => {
    expect(pullRequestOf({ ref: 'refs/heads/main', commits: [] })).toBeUndefined();
    expect(() => pullRequestOf({ ...event, pull_request: { number: 7 } })).toThrow(/lacks/);
  });
});

describe('renderSummary', () => {
  const a = { path: 'src/a.ts', start: 3, end: 4, title: '1 decision behind these lines', message: 'm' };
  it('lists the changed lines with decisions and says how many the cap left out', () => {
    expect(renderSummary('# Review\n', [a, { ...a, start: 9, end: 9 }], 1)).toBe(
      '# Review\n\n## Changed lines with decisions\n\n- `src/a.ts:3-4`: 1 decision behind these lines\n- `src/a.ts:9`: 1 decision behind these lines\n\n' +
        '1 of these is not shown as notices (max-annotations is 1).\n',
    );
    expect(renderSummary('# Review\n', [], 10)).toBe('# Review\n');
  });
});
