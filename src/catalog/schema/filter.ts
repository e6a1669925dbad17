/** `filter:` of a metric: the GraphQL DimensionFilter, written snake_case. */
import { z } from 'zod';

export const StringFilterSchema = z
  .strictObject({
    eq: z.string().optional().meta({ description: 'Equal to this value.' }),
    neq: z.string().optional().meta({ description: 'Not equal to this value.' }),
    in: z.array(z.string()).min(1, { error: 'must list at least one value' }).optional()
      .meta({ description: 'One of these values.' }),
    not_in: z.array(z.string()).min(1, { error: 'must list at least one value' }).optional()
      .meta({ description: 'None of these values.' }),
    contains: z.string().optional().meta({ description: 'Contains this text.' }),
    is_null: z.boolean().optional().meta({ description: 'true: the value is missing; false: it is present.' }),
  })
  .meta({ id: 'StringFilter', description: 'Conditions on one dimension; all given conditions must hold.' });

export type StringFilterSpec = z.infer<typeof StringFilterSchema>;

export interface FilterSpec {
  and?: FilterSpec[];
  or?: FilterSpec[];
  [dimension: string]: StringFilterSpec | FilterSpec[] | undefined;
}

// z.lazy because the filter contains itself; the annotation gives TypeScript the recursive type.
// The id sits on the lazy wrapper so the JSON Schema names it instead of emitting "__schema0".
export const FilterSchema: z.ZodType<FilterSpec> = z
  .lazy(() =>
    z
      .object({
        and: z.array(FilterSchema).optional().meta({ description: 'Every one of these filters must hold.' }),
        or: z.array(FilterSchema).optional().meta({ description: 'At least one of these filters must hold.' }),
      })
      .catchall(StringFilterSchema),
  )
  .meta({
    id: 'Filter',
    description: 'Rows the metric counts: dimension name -> conditions, plus optional and/or lists.',
  });
