import { shownPath } from '../text/shown-path.js';
import { redactShown } from './redact.js';

/**
 * A file name as a line meant for a person or an assistant quotes it: a secret in it
 * redacted (see redactShown), then quoted when it holds a line break, a tab or a quote
 * (see shownPath). A name is any bytes a repository chose, a token included.
 */
export async function redactedPath(path: string): Promise<string> {
  return shownPath(await redactShown(path));
}
