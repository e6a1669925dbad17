/**
 * Source positions for any field of a YAML definition, so every problem can
 * point at file:line:column (1-based) like graphql-js does for its documents.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourceLocation } from '../util/errors';

export type PathKey = string | number;

export interface LocateOptions {
  /** Point at the key of the last path segment instead of its value (unknown fields). */
  readonly key?: boolean;
  /** Characters into a single-line scalar value (a token inside a derived `expr`). */
  readonly offset?: number;
}

/** Where a field of one definition is; a path that does not exist points at its deepest existing parent. */
export type Locator = (path?: readonly PathKey[], options?: LocateOptions) => SourceLocation;

export interface SourceFile {
  readonly path: string;
  readonly document: Document;
  readonly lineCounter: LineCounter;
}

export function positionAt(file: SourceFile, offset: number): SourceLocation {
  const { line, col } = file.lineCounter.linePos(offset);
  return { file: file.path, line, column: col };
}

export function locatorFor(file: SourceFile, root: unknown): Locator {
  return (path = [], options = {}) => {
    let node = resolve(file, root);
    let keyNode: unknown = null;
    for (const segment of path) {
      const step = child(file, node, segment);
      if (!step) {
        keyNode = null;
        break;
      }
      node = step.value;
      keyNode = step.key;
    }
    const target = options.key && keyNode ? keyNode : node;
    return positionAt(file, startOf(target, options.offset));
  };
}

function child(file: SourceFile, node: unknown, segment: PathKey): { key: unknown; value: unknown } | null {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    // `key:` with nothing after it has no value node; point at the key then.
    return pair ? { key: pair.key, value: resolve(file, pair.value ?? pair.key) } : null;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? null : { key: null, value: resolve(file, item) };
  }
  return null;
}

function resolve(file: SourceFile, node: unknown): unknown {
  return isAlias(node) ? (node.resolve(file.document) ?? node) : node;
}

function startOf(node: unknown, offset: number | undefined): number {
  const range = (node as Node | null)?.range;
  if (!range) return 0;
  if (offset !== undefined && isScalar(node)) {
    // Only plain and quoted one-line scalars map characters 1:1 onto the source.
    if (node.type === 'PLAIN') return range[0] + offset;
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return range[0] + 1 + offset;
  }
  return range[0];
}
