/**
 * The page builds every node through here: text goes in through textContent only,
 * so text from the repository is never parsed as HTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Appends children (strings become text nodes) and returns the parent. */
export function add<T extends Node>(parent: T, ...children: (Node | string | null | undefined | false)[]): T {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return parent;
}
