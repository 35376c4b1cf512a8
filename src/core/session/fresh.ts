import { classifyHeading } from './headings.js';
import { parseSession } from './parse.js';
import type { SectionKind } from './types.js';
import { inlineText } from './edits.js';

/**
 * The session file that starts a new session: the template, with `goal` under its
 * Goal heading and, for every kind named in `keep` (headings such as `Key Files`),
 * the body of the old file's section of that kind exactly as it was written.
 */
export function freshSession(template: string, old: string | null, goal: string, keep: readonly string[]): string {
  const eol = old !== null && /\r\n/.test(old) ? '\r\n' : '\n';
  const keepKinds = new Set<SectionKind>(keep.map(classifyHeading).filter((k) => k !== 'unknown'));
  const doc = old === null ? null : parseSession(old);
  const text = template.replace(/\r\n/g, '\n');
  // The template is ours: one `## ` heading a section, each with a guidance comment under it.
  const parts = text.split(/^(?=## )/m);
  const out = parts.map((part) => {
    const heading = /^## (.*)$/m.exec(part);
    if (!heading) return part;
    const kind = classifyHeading(heading[1]!);
    if (kind === 'goal') return part.replace(/(-->\n)/, `$1${inlineText(goal, 'goal')}\n`);
    if (!doc || !keepKinds.has(kind)) return part;
    const section = doc.sections.find((s) => s.kind === kind && s.depth === 2) ?? doc.sections.find((s) => s.kind === kind);
    if (!section) return part;
    const body = doc.source.slice(section.bodyStart, section.end).replace(/\r\n/g, '\n').replace(/^\n/, '');
    return `${part.slice(0, heading.index + heading[0].length)}\n${body.replace(/\n*$/, '\n\n')}`;
  });
  const joined = out.join('').replace(/\n+$/, '\n');
  return eol === '\r\n' ? joined.replace(/\n/g, '\r\n') : joined;
}
