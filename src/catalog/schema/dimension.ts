/**
 * `dimensions:` entries. A dimension is exactly one of column / calendar / day_bins;
 * each is its own strict schema so unknown fields are reported against the right set.
 */
import { z } from 'zod';
import { descriptionField, modelRef, snakeName } from './common';

const columnRef = (description: string) =>
  z.string().meta({ description: `${description} A column of the dimension's model, or model.column.` });

const base = {
  name: snakeName('The dimension name: a GraphQL field of MetricRow and a DimensionFilter field.'),
  description: descriptionField,
  model: modelRef('The model whose rows the dimension describes.'),
};

const binsSchema = z
  .array(z.int().nonnegative({ error: 'must hold whole numbers of days, 0 or more' }))
  .min(1, { error: 'must list at least one bin' })
  .refine((bins) => bins[0] === 0 && bins.every((b, i) => i === 0 || b > (bins[i - 1] ?? 0)), {
    error: 'must start at 0 and be strictly increasing',
  })
  .meta({ description: 'Lower bounds in days, from 0, increasing: [0, 7, 30] -> "0-6", "7-29", "30+".' });

export const dimensionVariants = {
  column: z
    .strictObject({ ...base, column: z.string().meta({ description: 'A string column of the dimension\'s model.' }) })
    .meta({ id: 'ColumnDimension', description: 'The value of a string column.' }),
  calendar: z
    .strictObject({
      ...base,
      calendar: z.strictObject({
        column: columnRef('The timestamp to label.'),
        part: z.enum(['day', 'month', 'quarter', 'year']).meta({ description: 'day, month, quarter or year.' }),
      }).meta({ description: 'A timestamp as a calendar label in the query\'s timezone ("2026-03").' }),
    })
    .meta({ id: 'CalendarDimension', description: 'A timestamp as a calendar label.' }),
  day_bins: z
    .strictObject({
      ...base,
      day_bins: z.strictObject({
        from: columnRef('The earlier timestamp.'),
        to: columnRef('The later timestamp.'),
        bins: binsSchema,
      }).meta({ description: 'Whole days from one timestamp to another, in bins.' }),
    })
    .meta({ id: 'DayBinsDimension', description: 'Days between two timestamps, bucketed.' }),
};

export type DimensionVariant = keyof typeof dimensionVariants;
export const DIMENSION_VARIANTS = Object.keys(dimensionVariants) as DimensionVariant[];

/** Every field of every variant: used to report other problems when no single variant applies. */
export const AnyDimensionSchema = z.strictObject({
  ...base,
  column: z.unknown().optional(),
  calendar: z.unknown().optional(),
  day_bins: z.unknown().optional(),
});

/** For the JSON Schema only: validation picks the variant by key (see rules/shape.ts). */
export const DimensionSchema = z.union([dimensionVariants.column, dimensionVariants.calendar, dimensionVariants.day_bins]);

export type DimensionSpec = { [K in DimensionVariant]: z.infer<(typeof dimensionVariants)[K]> };
