/**
 * A JSON parser that keeps where each value starts and ends in the source text, so
 * that settings files a person keeps can be edited by splicing: every byte outside
 * the splice stays as the person wrote it. It trusts its input to be valid JSON
 * (callers check with JSON.parse first, which gives the better error message).
 */
export interface JsonMember {
  key: string;
  /** Offset of the key's opening quote. */
  keyStart: number;
  value: JsonNode;
}

export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: JsonMember[] }
  | { kind: 'array'; start: number; end: number; elements: JsonNode[] }
  | { kind: 'scalar'; start: number; end: number };

const WS = new Set([' ', '\t', '\n', '\r']);

/** Parses `text` (valid JSON, optionally starting with a BOM) into a positioned tree. */
export function parseJsonTree(text: string): JsonNode {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const skip = (): void => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };

  const string = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };

  const value = (): JsonNode => {
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: JsonMember[] = [];
      skip();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', start, end: i, members };
      }
      for (;;) {
        skip();
        const keyStart = i;
        const key = string();
        skip();
        i++; // ':'
        members.push({ key, keyStart, value: value() });
        skip();
        if (text[i++] === '}') return { kind: 'object', start, end: i, members };
      }
    }
    if (c === '[') {
      i++;
      const elements: JsonNode[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', start, end: i, elements };
      }
      for (;;) {
        elements.push(value());
        skip();
        if (text[i++] === ']') return { kind: 'array', start, end: i, elements };
      }
    }
    if (c === '"') {
      string();
      return { kind: 'scalar', start, end: i };
    }
    while (i < text.length && !WS.has(text[i]!) && !',]}'.includes(text[i]!)) i++;
    return { kind: 'scalar', start, end: i };
  };

  return value();
}

/** The member of an object node named `key`, if any. */
export function member(node: JsonNode, key: string): JsonMember | undefined {
  return node.kind === 'object' ? node.members.find((m) => m.key === key) : undefined;
}
