/**
 * INVALID_SHAPE for `data_tests:` entries: an entry with `sql` is a singular
 * test; otherwise `test` picks the generic variant, so messages speak about
 * the fields that test takes. A singular test's SQL gets the cheap checks
 * here (one SELECT or WITH statement); the warehouse judges the rest.
 */
import type { DefinitionProblem } from '../../util/errors';
import type { SourceEntry } from '../source';
import {
  AnyDataTestSchema,
  DATA_TEST_FIELDS,
  GENERIC_TESTS,
  genericTestVariants,
  SingularTestSchema,
  type DataTestSpec,
} from '../schema/data-test';
import { parse } from './shape-messages';

export function shapeDataTest(
  value: Record<string, unknown>,
  entry: SourceEntry,
  thing: string,
  problems: DefinitionProblem[],
): DataTestSpec | null {
  if ('sql' in value) {
    const spec = parse(SingularTestSchema, value, { thing, at: entry.at, schema: SingularTestSchema }, problems);
    if (!spec) return null;
    const problem = sqlProblem(spec.sql);
    if (problem === null) return { ...spec, sql: trimSql(spec.sql) };
    problems.push({ code: 'INVALID_SHAPE', message: `${thing}: field "sql" ${problem}`, location: entry.at(['sql']) });
    return null;
  }
  const test = value.test;
  if (typeof test === 'string' && Object.hasOwn(genericTestVariants, test)) {
    const schema = genericTestVariants[test as keyof typeof genericTestVariants];
    const context = { thing, at: entry.at, schema, otherVariantFields: { fields: DATA_TEST_FIELDS, variant: test } };
    return parse(schema, value, context, problems);
  }
  if (test === undefined) {
    const message = `${thing} needs a field "test" (${GENERIC_TESTS.join(', ')}) or, for a singular test, "sql".`;
    problems.push({ code: 'INVALID_SHAPE', message, location: entry.at() });
  }
  // An unknown test is reported by this schema, along with anything else it can see.
  const schema = test === undefined ? AnyDataTestSchema.omit({ test: true }) : AnyDataTestSchema;
  parse(schema, value, { thing, at: entry.at, schema }, problems);
  return null;
}

/** Without trailing whitespace and one trailing semicolon: the statement is wrapped in a CTE. */
function trimSql(text: string): string {
  return text.trim().replace(/;\s*$/, '').trimEnd();
}

/** Why the text is not one SELECT statement, or null. Comments and string literals are not parsed: trusted text. */
function sqlProblem(text: string): string | null {
  const body = trimSql(text);
  if (body === '') return 'must not be empty.';
  const start = body.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '');
  if (!/^(select|with)\b/i.test(start)) return 'must be one SELECT (or WITH ... SELECT) statement returning the failing rows.';
  if (body.includes(';')) return 'must be a single statement (no ";" inside).';
  return null;
}
