// Public library API: the pure core, usable without the CLI.
export { ExitCode, GitSessionError } from './errors.js';
