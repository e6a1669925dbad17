/**
 * `data_tests:` entries (dbt-style): a generic test (`test:` not_null, unique,
 * accepted_values or relationships on a model's column) or a singular test
 * (`sql:` a SELECT returning the failing rows). One strict schema per variant,
 * picked by `sql` / `test` in rules/shape-data-test.ts.
 */
import { z } from 'zod';
import type { GenericTestKind } from '../data-test-types';
import { descriptionField, modelRef, snakeName } from './common';

const severity = z
  .enum(['error', 'warn'])
  .optional()
  .meta({ description: 'error (default): a failure fails `pulse check`; warn: reported, does not fail it.', default: 'error' });

const TEST_DESCRIPTIONS: Record<GenericTestKind, string> = {
  not_null: 'Fails for each row whose column is null.',
  unique: 'Fails for each non-null value that appears in more than one row.',
  accepted_values: 'Fails for each row whose (non-null) column is not one of `values`.',
  relationships: 'Fails for each row whose (non-null) column has no matching `field` in model `to`.',
};

function generic<K extends GenericTestKind, S extends z.ZodRawShape>(test: K, shape: S) {
  return z
    .strictObject({
      name: snakeName('The test name; defaults to <test>_<model>_<column>.').optional(),
      description: descriptionField,
      severity,
      test: z.literal(test).meta({ description: TEST_DESCRIPTIONS[test] }),
      model: modelRef('The model whose rows are tested.'),
      column: z.string().meta({ description: 'The column of the model tested.' }),
      ...shape,
    })
    .meta({ id: `${test}_test`, description: TEST_DESCRIPTIONS[test] });
}

export const genericTestVariants = {
  not_null: generic('not_null', {}),
  unique: generic('unique', {}),
  accepted_values: generic('accepted_values', {
    values: z
      .array(z.union([z.string(), z.number()]))
      .min(1, { error: 'must list at least one value' })
      .meta({ description: 'The values the column may take (bound as parameters).' }),
  }),
  relationships: generic('relationships', {
    to: modelRef('The model referred to.'),
    field: z.string().optional().meta({ description: 'The column of `to` referred to. Defaults to its primary_key.' }),
  }),
} satisfies Record<GenericTestKind, z.ZodObject>;

export const GENERIC_TESTS = Object.keys(genericTestVariants) as GenericTestKind[];

export const SingularTestSchema = z
  .strictObject({
    name: snakeName('The test name, used by `pulse check --only` and dataQuality.'),
    description: descriptionField,
    severity,
    sql: z
      .string()
      .meta({ description: 'One SELECT (or WITH ... SELECT) returning the failing rows: no rows means the test passes.' }),
  })
  .meta({ id: 'singular_test', description: 'A SQL business rule: the statement returns the rows that break it.' });

export type GenericTestSpec = { [K in GenericTestKind]: z.infer<(typeof genericTestVariants)[K]> };
export type SingularTestSpec = z.infer<typeof SingularTestSchema>;
export type DataTestSpec = GenericTestSpec[GenericTestKind] | SingularTestSpec;

/** Every field of every generic test: reports what it can when `test` is missing or unknown. */
export const AnyDataTestSchema = z.strictObject({
  name: snakeName('The test name.').optional(),
  description: descriptionField,
  severity,
  test: z.enum(GENERIC_TESTS as [GenericTestKind, ...GenericTestKind[]]),
  model: z.string(),
  column: z.string(),
  values: z.unknown().optional(),
  to: z.unknown().optional(),
  field: z.unknown().optional(),
});

export const DATA_TEST_FIELDS: ReadonlySet<string> = new Set([...Object.keys(AnyDataTestSchema.shape), 'sql']);

/** For the JSON Schema only: validation picks the variant by `sql` / `test` (see rules/shape-data-test.ts). */
export const DataTestSchema = z.union([
  genericTestVariants.not_null,
  genericTestVariants.unique,
  genericTestVariants.accepted_values,
  genericTestVariants.relationships,
  SingularTestSchema,
]);
