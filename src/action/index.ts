// The GitHub Action's entry (action.yml `main`), bundled into action/index.js.
import * as core from '@actions/core';
import { GitSessionError } from '../errors.js';
import { run } from './run.js';

run(process.cwd(), process.env).catch((error: unknown) => {
  core.setFailed(error instanceof GitSessionError ? `git-session: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error));
});
