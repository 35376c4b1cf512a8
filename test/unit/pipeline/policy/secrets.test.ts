import { describe, expect, it } from 'vitest';
import { secretPolicy } from '../../../../src/core/pipeline/policy/secrets.js';

describe('secretPolicy', () => {
  it.each([
    ['remind', ['aws'], ['aws'], { refuse: ['aws'], warn: [] }],
    ['remind', ['aws'], [], { refuse: [], warn: ['aws'] }],
    ['strict', ['aws'], [], { refuse: ['aws'], warn: [] }],
    ['off', ['aws'], ['aws'], { refuse: [], warn: ['aws'] }],
    ['remind', [], [], { refuse: [], warn: [] }],
  ] as const)('mode=%s kinds=%o new=%o', (mode, kinds, newKinds, expected) => {
    expect(secretPolicy(mode, { kinds, newKinds })).toEqual(expected);
  });
});
