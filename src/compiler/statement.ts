import { type CompiledQuery, type RawBuilder } from 'kysely';
import type { Catalog, FilterNode } from '../catalog/types';
import { QueryError } from '../util/errors';
import { didYouMean } from '../util/did-you-mean';
import { camelCase } from '../util/names';
import { coldKysely } from './cold-kysely';
import { filterDimensions } from './dimension-sql';

/** Compile an analysis statement with the cold Kysely; values stay bound parameters. */
export function compileStatement(statement: RawBuilder<unknown>): CompiledQuery {
  const raw = statement.compile(coldKysely);
  // Optional clauses (joins, WHERE) leave blank lines; values are bound, so no literal spans lines.
  return { ...raw, sql: raw.sql.replace(/\n[ \t]*(?=\n)/g, '') };
}

/** Every dimension a filter names must exist: the error names `argument` and suggests a close name. */
export function checkFilterDimensions(catalog: Catalog, where: FilterNode | null, argument: string): void {
  if (!where) return;
  for (const name of filterDimensions(where)) {
    if (!catalog.dimensions.has(name)) {
      throw new QueryError(argument, `unknown dimension "${camelCase(name)}".${didYouMean(name, catalog.dimensions.keys())}`);
    }
  }
}
