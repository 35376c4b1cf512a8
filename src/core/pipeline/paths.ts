/** Repository-relative path in one canonical form: forward slashes, no `./`, no trailing `/`. */
export function normalisePath(path: string): string {
  let p = path.trim().replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  while (p.startsWith('/')) p = p.slice(1);
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p;
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
