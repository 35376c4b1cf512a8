import type Matter from 'gray-matter';
import { ExitCode, GitSessionError } from '../../errors.js';

let matter: typeof Matter | undefined;

/**
 * gray-matter brings js-yaml (which goes looking for esprima): tens of milliseconds on a
 * commit that parses SESSION.md, for the few files that have front matter. It is loaded
 * on the first of those. A `require` of a bundled module stays a lazy call in the build.
 */
function loadMatter(): typeof Matter {
  matter ??= require('gray-matter') as typeof Matter;
  return matter;
}

const FIX_JS = 'Rewrite the front matter as YAML (`---` on its own line), or remove it.';

function refuseCode(): never {
  throw new GitSessionError(ExitCode.BadInput, 'has JavaScript front matter, which is never evaluated.', {
    fix: FIX_JS,
  });
}

// gray-matter would eval `---js` front matter (CVE-2022-25863): both engines refuse instead.
const ENGINES = { js: refuseCode, javascript: refuseCode, coffee: refuseCode, coffeescript: refuseCode };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/**
 * Throws BadInput when the source opens with front matter in a programming language
 * (`---js`): remark does not see front matter there, but gray-matter would run it.
 */
export function refuseCodeFrontMatter(body: string, file: string | undefined): void {
  const first = /^[^\n]*/.exec(body)?.[0] ?? '';
  const m = /^---[ \t]*([A-Za-z]+)[ \t]*\r?$/.exec(first);
  if (m && /^(js|javascript|coffee|coffeescript)$/i.test(m[1]!)) {
    throw new GitSessionError(ExitCode.BadInput, `has \`---${m[1]}\` front matter, which is never evaluated.`, {
      file,
      fix: FIX_JS,
    });
  }
}

/**
 * Parses a YAML front matter block (fences included) into a frozen copy of its data.
 * Malformed YAML is a BadInput error naming the file.
 */
export function parseYamlFrontMatter(block: string, file: string | undefined): Readonly<Record<string, unknown>> {
  let data: unknown;
  try {
    // Options are passed on purpose: gray-matter caches (and shares) results only without them.
    data = loadMatter()(block.replace(/\r\n/g, '\n'), { engines: ENGINES }).data;
  } catch (error) {
    if (error instanceof GitSessionError) {
      throw new GitSessionError(error.exitCode, 'has front matter that is never evaluated.', { file, fix: FIX_JS, cause: error });
    }
    const reason = ((error as Error).message?.split('\n')[0] ?? String(error)).replace(/[\s:]+$/, '');
    throw new GitSessionError(ExitCode.BadInput, `has malformed YAML front matter (${reason}).`, {
      file,
      fix: 'Fix the YAML between the `---` lines at the top of the file, or remove the block.',
      cause: error,
    });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return Object.freeze({});
  return deepFreeze(structuredClone(data) as Record<string, unknown>);
}
