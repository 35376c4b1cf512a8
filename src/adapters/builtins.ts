/**
 * Node built-ins that cost milliseconds to load, loaded on first use instead of at
 * start-up: a commit whose hook line already asked git everything starts no process
 * and hashes nothing, and every commit pays for what its hook loads (child_process
 * ≈3 ms, crypto ≈2 ms on a small machine).
 */
export const childProcess = (): typeof import('node:child_process') => process.getBuiltinModule('node:child_process');

export const tty = (): typeof import('node:tty') => process.getBuiltinModule('node:tty');

export const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');

export const os = (): typeof import('node:os') => process.getBuiltinModule('node:os');
