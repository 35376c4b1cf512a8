/**
 * Lines (1-based) that are git conflict markers: `<<<<<<< `, `|||||||`, `=======` and
 * `>>>>>>> ` at the start of a line, outside fenced code blocks (where a person may
 * quote them). A file that has them is mid-conflict and must not be read as if whole.
 */
export function conflictMarkers(text: string): number[] {
  const lines = text.split('\n');
  const found: number[] = [];
  let fence: string | undefined;
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === undefined) fence = f[1]![0]!.repeat(f[1]!.length);
      else if (line.trim().startsWith(fence)) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    if (/^(<{7} |<{7}$|\|{7}( |$)|={7}$|>{7} |>{7}$)/.test(line)) found.push(i + 1);
  });
  // One `=======` alone is a setext heading underline or a rule, not a conflict.
  const opens = found.some((n) => lines[n - 1]!.startsWith('<<<<<<<'));
  return opens ? found : [];
}
