import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One module of src/: what it imports and which world-reaching names it references. */
export interface ModuleFacts {
  /** Path relative to src/, with `/`. */
  path: string;
  /** Resolved src-relative paths of relative imports; package names of the others. */
  imports: { spec: string; target: string; line: number }[];
  /** References to the world: `process`, `require`, `getBuiltinModule`, `global`, `module`, `eval`, the clock (`Date.now()`, `new Date()`, `Date()`, `performance`), `import.meta`. */
  world: { what: string; line: number }[];
}

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/**
 * Globals that reach the world: the process and its modules (`global` and `module` reach
 * them too), code built from text (`eval`, `Function`), and the clock (`performance`).
 */
const WORLD_NAMES = new Set(['process', 'require', 'getBuiltinModule', 'globalThis', 'global', 'module', 'Deno', 'Bun', 'eval', 'Function', 'performance']);

/** Reads one module with the TypeScript parser: real import declarations and references, not text patterns. */
export function readModule(srcRoot: string, file: string, text = readFileSync(file, 'utf8')): ModuleFacts {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const path = relative(srcRoot, file).split(sep).join('/');
  const imports: ModuleFacts['imports'] = [];
  const world: ModuleFacts['world'] = [];
  const addImport = (spec: string, node: ts.Node) => {
    const target = spec.startsWith('.')
      ? relative(srcRoot, resolve(dirname(file), spec)).split(sep).join('/').replace(/\.js$/, '.ts')
      : spec;
    imports.push({ spec, target, line: lineOf(sf, node) });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      addImport(node.moduleSpecifier.text, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      // `import x = require('fs')`: an import all the same.
      const spec = node.moduleReference.expression;
      if (ts.isStringLiteralLike(spec)) addImport(spec.text, node);
      else world.push({ what: 'import = require() of a computed name', line: lineOf(sf, node) });
      return;
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const arg = node.arguments[0];
      if (ts.isIdentifier(callee) && callee.text === 'require' && arg && ts.isStringLiteralLike(arg)) {
        // A lazy require of a package is an import of it, judged like one.
        addImport(arg.text, node);
        return;
      }
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        if (arg && ts.isStringLiteralLike(arg)) addImport(arg.text, node);
        else world.push({ what: 'import() of a computed name', line: lineOf(sf, node) });
      } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'now' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Date') {
        world.push({ what: 'Date.now()', line: lineOf(sf, node) });
      } else if (ts.isIdentifier(callee) && callee.text === 'Date') {
        // Date() called without new is the current time as text.
        world.push({ what: 'Date()', line: lineOf(sf, node) });
      }
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' && (node.arguments?.length ?? 0) === 0) {
      world.push({ what: 'new Date()', line: lineOf(sf, node) });
    } else if (ts.isMetaProperty(node)) {
      world.push({ what: 'import.meta', line: lineOf(sf, node) });
    } else if (ts.isIdentifier(node) && WORLD_NAMES.has(node.text)) {
      // A property name (`x.process`) or a declaration of our own is not a reference to the global.
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isPropertySignature(parent) && parent.name === node) ||
        (ts.isMethodDeclaration(parent) && parent.name === node);
      if (!isName) world.push({ what: node.text, line: lineOf(sf, node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { path, imports, world };
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The top folder of a src-relative path (`core`, `adapters`, …), or the file name for a module at the top. */
export function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : path;
}

/** Folders in a cycle, if the folder graph has one: each as `a -> b -> a`. */
export function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const walk = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 'open') cycles.push([...stack.slice(stack.indexOf(m)), m].join(' -> '));
      else if (!state.has(m)) walk(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of edges.keys()) if (!state.has(n)) walk(n);
  return cycles;
}
