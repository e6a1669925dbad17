import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { DataTest, GenericTest } from '../../catalog/data-test-types';
import type { Catalog } from '../../catalog/types';
import { assertNever } from '../../util/errors';
import { model } from '../sources';
import { compileStatement } from '../statement';

/** Failing rows returned as examples with the count. */
export const SAMPLE_SIZE = 5;

/**
 * (Catalog, data test) -> one statement returning one row: `failures`, the
 * number of failing rows, and `sample`, a JSON list of up to SAMPLE_SIZE of
 * them as objects (ordered, so the same data gives the same sample). Pure.
 * json keeps the columns in their order for display; jsonb, which has an
 * ordering, sorts the rows.
 *
 * Every test is a query for its failing rows, as in dbt: generic tests build
 * it from catalog identifiers with values bound as parameters; a singular
 * test's SQL is trusted text from metrics/ (checked at load), used as is.
 */
export function compileDataTest(catalog: Catalog, test: DataTest): CompiledQuery {
  const failing = test.kind === 'singular' ? sql.raw(test.sql) : failingRows(catalog, test);
  return compileStatement(sql`WITH failing AS (
${failing}
)
SELECT
  (SELECT count(*) FROM failing) AS failures,
  (SELECT coalesce(json_agg(sample.failing_row ORDER BY sample.sort_key), '[]'::json)
   FROM (SELECT to_json(failing) AS failing_row, to_jsonb(failing) AS sort_key FROM failing ORDER BY 2 LIMIT ${SAMPLE_SIZE}) AS sample) AS sample`);
}

/** The rows a generic test fails on: the tested row's primary key and the offending value. */
function failingRows(catalog: Catalog, test: GenericTest): RawBuilder<unknown> {
  const tested = model(catalog, test.model);
  const table = sql`${sql.table(tested.table)} AS ${sql.id(tested.name)}`;
  const column = sql.id(tested.name, test.column);
  const key = sql.id(tested.name, tested.primaryKey);
  // The key and the value, or just one of them when the column is the key.
  const keyAndValue = tested.primaryKey === test.column ? column : sql`${key}, ${column}`;
  switch (test.kind) {
    case 'not_null':
      return sql`SELECT ${key} FROM ${table} WHERE ${column} IS NULL`;
    case 'unique':
      return sql`SELECT ${column}, count(*) AS occurrences FROM ${table} WHERE ${column} IS NOT NULL GROUP BY ${column} HAVING count(*) > 1`;
    case 'accepted_values': {
      // NOT IN leaves nulls out, as dbt does: not_null is the test for those.
      const values = sql.join(test.values.map((value) => sql`${value}`));
      return sql`SELECT ${keyAndValue} FROM ${table} WHERE ${column} NOT IN (${values})`;
    }
    case 'relationships': {
      const to = model(catalog, test.to);
      // Fixed aliases: the test may relate a model to itself (a parent_id column).
      const child = (name: string) => sql.id('child', name);
      const parent = sql.id('parent', test.field);
      const childKeyAndValue = tested.primaryKey === test.column ? child(test.column) : sql`${child(tested.primaryKey)}, ${child(test.column)}`;
      return sql`SELECT ${childKeyAndValue}
  FROM ${sql.table(tested.table)} AS ${sql.id('child')}
  LEFT JOIN ${sql.table(to.table)} AS ${sql.id('parent')} ON ${parent} = ${child(test.column)}
  WHERE ${child(test.column)} IS NOT NULL AND ${parent} IS NULL`;
    }
    default:
      return assertNever(test, 'data test kind');
  }
}
