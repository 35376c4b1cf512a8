import { ExitCode, GitSessionError } from '../../errors.js';
import { member, parseJsonTree, type JsonNode } from './json-tree.js';
import { appendItem, detectLayout, itemIndent, removeItem, render, wasRenderedWhole, type Layout } from './splice.js';

/**
 * What to put at the end of a path of object keys: an element appended to an array,
 * or a member added to an object. `isOurs` recognises the item on later runs (to skip
 * it when present and to find it for removal).
 */
export type Leaf =
  | { kind: 'element'; value: unknown; isOurs: (value: unknown) => boolean }
  | { kind: 'member'; key: string; value: unknown; isOurs: (value: unknown) => boolean };

function valueOf(text: string, node: JsonNode): unknown {
  return JSON.parse(text.slice(node.start, node.end));
}

/** Parses a settings text, with a message naming the file and the fix when it is not a JSON object. */
export function parseObject(text: string, file: string): JsonNode {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new GitSessionError(ExitCode.BadInput, `is not valid JSON (${(error as Error).message}).`, {
      file,
      fix: 'Fix the JSON syntax (a trailing comma or a comment is the usual cause) and run the command again.',
      cause: error,
    });
  }
  const tree = parseJsonTree(text);
  if (tree.kind !== 'object') {
    throw new GitSessionError(ExitCode.BadInput, 'does not hold a JSON object.', {
      file,
      fix: 'Make the file a JSON object ({ ... }) or move it away.',
    });
  }
  return tree;
}

function wrongType(file: string, path: string[], expected: string): GitSessionError {
  return new GitSessionError(ExitCode.BadInput, `"${path.join('.')}" is not ${expected}.`, {
    file,
    fix: `Make "${path.join('.')}" ${expected} (or remove it) and run the command again.`,
  });
}

/** Adds `leaf` under `path` unless an item `isOurs` already recognises is there. */
export function ensure(text: string, path: string[], leaf: Leaf, file: string, layout: Layout = detectLayout(text)): string {
  let node = parseObject(text, file);
  for (let i = 0; i <= path.length; i++) {
    const atLeaf = i === path.length;
    if (atLeaf && leaf.kind === 'member') {
      const existing = member(node, leaf.key);
      if (existing) return text;
      const itemText = `${JSON.stringify(leaf.key)}: ${render(leaf.value, itemIndent(text, node, layout), layout)}`;
      return appendItem(text, node, itemText, layout);
    }
    if (atLeaf) {
      if (node.kind !== 'array') throw wrongType(file, path, 'a list');
      if (node.elements.some((e) => leaf.isOurs(valueOf(text, e)))) return text;
      return appendItem(text, node, render(leaf.value, itemIndent(text, node, layout), layout), layout);
    }
    const key = path[i]!;
    const found = member(node, key);
    if (!found) {
      let value: unknown = leaf.kind === 'member' ? { [leaf.key]: leaf.value } : [leaf.value];
      for (let j = path.length - 1; j > i; j--) value = { [path[j]!]: value };
      const itemText = `${JSON.stringify(key)}: ${render(value, itemIndent(text, node, layout), layout)}`;
      return appendItem(text, node, itemText, layout);
    }
    const isLast = i === path.length - 1;
    const wantArray = isLast && leaf.kind === 'element';
    if (wantArray ? found.value.kind !== 'array' : found.value.kind !== 'object') {
      throw wrongType(file, path.slice(0, i + 1), wantArray ? 'a list' : 'an object');
    }
    node = found.value;
  }
  return text;
}

/** The chain of containers from the top object down `path`; undefined when a step is missing. */
function walk(tree: JsonNode, path: string[]): JsonNode[] | undefined {
  const chain = [tree];
  let node = tree;
  for (const key of path) {
    const found = member(node, key);
    if (!found) return undefined;
    node = found.value;
    chain.push(node);
  }
  return chain;
}

function isEmpty(node: JsonNode): boolean {
  return node.kind === 'object' ? node.members.length === 0 : node.kind === 'array' ? node.elements.length === 0 : false;
}

/**
 * Removes what `ensure` added under `path`: the item, then every container on the
 * path that is left empty and that `ensure` rendered whole. Containers the person
 * wrote stay, even when empty.
 */
export function unensure(text: string, path: string[], leaf: Leaf, file: string): string {
  const chain = walk(parseObject(text, file), path);
  const container = chain?.[chain.length - 1];
  if (!container) return text;
  let index = -1;
  if (leaf.kind === 'member' && container.kind === 'object') {
    index = container.members.findIndex((m) => m.key === leaf.key && leaf.isOurs(valueOf(text, m.value)));
  } else if (leaf.kind === 'element' && container.kind === 'array') {
    index = container.elements.findIndex((e) => leaf.isOurs(valueOf(text, e)));
  }
  if (index < 0) return text;
  text = removeItem(text, container, index);
  for (let depth = path.length; depth > 0; depth--) {
    const now = walk(parseJsonTree(text), path.slice(0, depth))!;
    const node = now[depth]!;
    if (!isEmpty(node) || !wasRenderedWhole(text, node)) break;
    const parent = now[depth - 1]!;
    if (parent.kind !== 'object') break;
    text = removeItem(text, parent, parent.members.findIndex((m) => m.key === path[depth - 1]));
  }
  return text;
}

/**
 * Whether removing things turned `before` (a file whose top object was rendered whole,
 * as a created file is) into `after`, an empty object: the file should go.
 */
export function removedEverything(before: string, after: string): boolean {
  if (before === after) return false;
  const top = parseJsonTree(after);
  return isEmpty(top) && wasRenderedWhole(before, parseJsonTree(before));
}
