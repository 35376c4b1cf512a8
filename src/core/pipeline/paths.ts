import { isAbsolute, relative, sep } from 'node:path';

/** Repository-relative path in one canonical form: forward slashes, no `./`, no trailing `/`. */
export function normalisePath(path: string): string {
  let p = path.trim().replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  while (p.startsWith('/')) p = p.slice(1);
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** The parts of `node:path` that {@link withinRoot} uses: the platform's, or `path.win32` in a test. */
export type PathFlavour = { relative: (from: string, to: string) => string; isAbsolute: (path: string) => boolean; sep: string };

/**
 * `target` as a path from `root` with `/` separators, or undefined when it is `root`
 * itself or lies outside it: a leading `..` segment, or another drive on Windows
 * (where `relative` answers with an absolute path). A name that only starts with two
 * dots (`..notes.md`) is inside. Both paths absolute and with their links already resolved.
 */
export function withinRoot(root: string, target: string, path: PathFlavour = { relative, isAbsolute, sep }): string | undefined {
  const rel = path.relative(root, target);
  if (rel === '' || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts[0] === '..' ? undefined : parts.join('/');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a path is one of the journal files the template can produce (any week). */
export function journalMatcher(template: string): (path: string) => boolean {
  const pattern = escape(normalisePath(template))
    .replace(/\\\{year\\\}/g, '\\d{4}')
    .replace(/\\\{week\\\}/g, '\\d{2}');
  const re = new RegExp(`^${pattern}$`);
  return (path) => re.test(normalisePath(path));
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += escape(c);
  }
  return new RegExp(`^${out}(?:/.*)?$`);
}

/**
 * The key files a commit touches. A key file entry may name a file, a folder
 * (everything under it counts) or a glob (`src/**\/*.ts`).
 */
export function touchedKeyFiles(paths: readonly string[], keyFiles: readonly string[]): string[] {
  const touched: string[] = [];
  for (const raw of keyFiles) {
    const key = normalisePath(raw.replace(/^`|`$/g, ''));
    if (!key) continue;
    const re = globToRegExp(key);
    if (paths.some((p) => re.test(normalisePath(p)))) touched.push(key);
  }
  return touched;
}
