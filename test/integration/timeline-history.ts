import type { TempRepo } from '../helpers/repo.js';

const AUTHORS = ['Ada Tester <ada@example.com>', 'Bo Builder <bo@example.com>', 'Cy Checker <cy@example.com>'];

function blob(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

function isoWeek(ms: number): string {
  const d = new Date(ms);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return `${d.getUTCFullYear()}-W${String(Math.ceil(((d.getTime() - start) / 86_400_000 + 1) / 7)).padStart(2, '0')}`;
}

/**
 * A history of `count` commits on main, written with git fast-import in one process
 * (no hooks, no commit per process): every 10th commit records a decision, every
 * 20th a journal entry, every 100th a new SESSION.md. Dates are fixed, ten minutes
 * apart, so the history is the same on every run.
 */
export function bigHistory(r: TempRepo, count: number): void {
  const parts: string[] = [];
  const start = Date.UTC(2026, 0, 5, 8, 0, 0);
  const weeks = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const ms = start + i * 600_000;
    const seconds = Math.floor(ms / 1000);
    const author = AUTHORS[i % AUTHORS.length]!;
    const trailer = i % 10 === 0 ? `\n\nDecision: Choice number ${i} — reason ${i}\n` : '\n';
    parts.push(`commit refs/heads/main\nmark :${i + 1}\nauthor ${author} ${seconds} +0000\ncommitter ${author} ${seconds} +0000\n`);
    parts.push(blob(`Change ${i} of module ${i % 50}${trailer}`));
    if (i > 0) parts.push(`from :${i}\n`);
    parts.push(`M 100644 inline src/module${i % 50}.ts\n${blob(`export const value = ${i};\n`)}`);
    if (i % 100 === 0) {
      const session = `# Session\n\n## Goal\nShip release ${Math.floor(i / 1000)}\n\n## Status\nStep ${i} done\n\n## Decisions\n- Choice number ${i} — Reason: reason ${i}\n`;
      parts.push(`M 100644 inline SESSION.md\n${blob(session)}`);
    }
    if (i % 20 === 0) {
      const week = isoWeek(ms);
      const time = new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
      const text = `${weeks.get(week) ?? ''}### ${time} +00:00 · commit · main · ${author}\n- Status: step ${i}\n- Since previous entry: 3h 20m\n\n`;
      weeks.set(week, text);
      parts.push(`M 100644 inline .session/journal/${week}.md\n${blob(text)}`);
    }
    parts.push('\n');
  }
  r.git(['fast-import', '--quiet'], { input: parts.join('') });
  r.git(['reset', '-q', '--hard', 'main']);
}
