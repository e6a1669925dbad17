/**
 * YAML text -> one SourceEntry per list item, each with a Locator. Syntax
 * errors and a wrong top level are reported here; a broken file is skipped
 * so the other files are still checked.
 */
import { isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { DefinitionProblem } from '../util/errors';
import { didYouMean } from '../util/did-you-mean';
import { locatorFor, positionAt, type Locator, type SourceFile } from './locate';
import { SECTIONS, type Section } from './schema/file';

export interface SourceEntry {
  readonly section: Section;
  /** 0-based position in its list, for naming an entry that has no usable name. */
  readonly index: number;
  /** The entry as plain data (aliases resolved). */
  readonly value: unknown;
  /** Its `name` when that is a string, even if the rest is broken (for duplicates and follow-up errors). */
  readonly name: string | null;
  readonly at: Locator;
}

export function readSources(
  files: ReadonlyArray<{ path: string; text: string }>,
  problems: DefinitionProblem[],
): SourceEntry[] {
  return files.flatMap((file) => readFile(file.path, file.text, problems));
}

function readFile(path: string, text: string, problems: DefinitionProblem[]): SourceEntry[] {
  const lineCounter = new LineCounter();
  // prettyErrors off: we want the plain message and compute line:column ourselves.
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const file: SourceFile = { path, document, lineCounter };
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      problems.push({ code: 'YAML_SYNTAX', message: error.message, location: positionAt(file, error.pos[0]) });
    }
    return [];
  }
  const data = toData(file, problems);
  const root = document.contents;
  if (root === null || data === undefined) return [];
  if (!isMap(root) || !isRecord(data)) {
    problems.push({
      code: 'INVALID_SHAPE',
      message: `A definitions file must be a map with any of the keys ${listOf(SECTIONS, 'and')}.`,
      location: positionAt(file, root.range?.[0] ?? 0),
    });
    return [];
  }
  const entries: SourceEntry[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyAt = locatorFor(file, pair.key)();
    if (!isSection(key)) {
      const message = `Unknown top-level key "${key}": expected ${listOf(SECTIONS, 'or')}.${didYouMean(key, SECTIONS)}`;
      problems.push({ code: 'INVALID_SHAPE', message, location: keyAt });
      continue;
    }
    const list = data[key];
    if (list === null) continue; // `metrics:` with nothing under it yet.
    const node = locatorFor(file, pair.value);
    if (!Array.isArray(list)) {
      problems.push({ code: 'INVALID_SHAPE', message: `"${key}" must be a list.`, location: node() });
      continue;
    }
    list.forEach((value: unknown, index) => {
      const name = isRecord(value) && typeof value.name === 'string' ? value.name : null;
      entries.push({ section: key, index, value, name, at: (path = [], options) => node([index, ...path], options) });
    });
  }
  return entries;
}

function toData(file: SourceFile, problems: DefinitionProblem[]): unknown {
  try {
    return file.document.toJS();
  } catch (error) {
    // e.g. an alias to an anchor that does not exist: the parser accepts it, toJS does not.
    const message = error instanceof Error ? error.message : String(error);
    let offset = 0;
    visit(file.document, {
      Alias(_, alias) {
        if (alias.resolve(file.document)) return undefined;
        offset = alias.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    problems.push({ code: 'YAML_SYNTAX', message, location: positionAt(file, offset) });
    return undefined;
  }
}

/** models, dimensions, metrics, analyses or data_tests */
function listOf(items: readonly string[], last: 'and' | 'or'): string {
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1) ?? ''}`;
}

function isSection(key: string): key is Section {
  return (SECTIONS as readonly string[]).includes(key);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
