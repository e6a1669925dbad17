/**
 * metrics/ (every .yml and .yaml below it) -> Catalog: read (YAML, locations), shape (zod), normalise,
 * run every rule, then either throw one DefinitionError with every problem
 * or return the frozen catalog.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DefinitionError, type DefinitionProblem, type SourceLocation } from '../util/errors';
import { emptyDraft, type Draft } from './draft';
import { finishCatalog } from './finish';
import { addToDraft } from './normalise';
import { RULES } from './rules';
import { checkShape } from './rules/shape';
import type { Section } from './schema/file';
import { readSources } from './source';
import type { Catalog } from './types';

/** Pure: the files' paths appear in problem locations as given. */
export function parseCatalog(files: ReadonlyArray<{ path: string; text: string }>): Catalog {
  const problems: DefinitionProblem[] = [];
  const draft = emptyDraft();
  for (const entry of readSources(files, problems)) {
    const name = entry.name;
    // Data test names are checked with their defaults filled in (rules/data-tests.ts).
    if (name !== null && entry.section !== 'data_tests') draft.entries.push({ section: entry.section, name, at: entry.at });
    const shaped = checkShape(entry, problems);
    if (shaped) addToDraft(shaped, draft, problems);
    else if (name !== null) brokenNames(draft, entry.section)?.add(name);
  }
  for (const rule of RULES) rule(draft, problems);
  if (problems.length > 0) throw new DefinitionError(sortByLocation(problems, files.map((file) => file.path)));
  return finishCatalog(draft);
}

/** Where a broken definition's name goes, so references to it are not reported again (none refer to analyses, data tests or marts). */
function brokenNames(draft: Draft, section: Section): Set<string> | null {
  switch (section) {
    case 'models':
      return draft.brokenModels;
    case 'dimensions':
    case 'metrics':
      return draft.brokenFields;
    case 'analyses':
    case 'data_tests':
    case 'marts':
      return null;
  }
}

/** Reads every .yml / .yaml file under `dir` (recursively, sorted by path) and parses them together. */
export async function loadCatalog(dir: string): Promise<Catalog> {
  const names = await fs.readdir(dir, { recursive: true });
  const paths = names
    .filter((name) => /\.ya?ml$/.test(name) && !name.split(path.sep).some((part) => part.startsWith('.')))
    .map((name) => displayPath(path.join(dir, name)))
    .sort();
  const files = await Promise.all(paths.map(async (file) => ({ path: file, text: await fs.readFile(file, 'utf8') })));
  return parseCatalog(files);
}

/** Paths inside the working directory read best relative to it (metrics/engagement.yml:12:5). */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Input file order, then line and column; problems at one position keep their rule order (sort is stable). */
function sortByLocation(problems: readonly DefinitionProblem[], files: readonly string[]): DefinitionProblem[] {
  const key = (loc: SourceLocation | undefined): [number, number, number] =>
    loc ? [files.indexOf(loc.file), loc.line, loc.column] : [files.length, 0, 0];
  return [...problems].sort((a, b) => {
    const [fa, la, ca] = key(a.location);
    const [fb, lb, cb] = key(b.location);
    return fa - fb || la - lb || ca - cb;
  });
}
