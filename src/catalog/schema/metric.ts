/**
 * `metrics:` entries: one strict schema per kind, so the required and allowed
 * fields follow the Metric interfaces of types.ts and unknown fields are caught.
 */
import { z } from 'zod';
import type { MetricKind } from '../types';
import { descriptionField, modelRef, snakeName } from './common';
import { FilterSchema } from './filter';

const windowDays = z
  .int({ error: 'must be a positive whole number of days' })
  .positive({ error: 'must be a positive whole number of days' })
  .meta({ description: 'Length of the trailing window in calendar days.' });

const fields = {
  model: modelRef('The model whose rows the metric is computed from.'),
  column: z.string().meta({ description: 'The column aggregated (a number column for sum/avg/min/max/percentile).' }),
  percentile: z
    .number()
    .gt(0, { error: 'must be between 0 and 1 (exclusive)' })
    .lt(1, { error: 'must be between 0 and 1 (exclusive)' })
    .meta({ description: 'Which percentile, between 0 and 1 (0.5 = median).' }),
  window_days: windowDays,
  filter: FilterSchema.optional().meta({ description: 'Only rows matching this dimension filter count.' }),
  numerator: z.string().meta({ description: 'The metric divided.' }),
  denominator: z.string().meta({ description: 'The metric divided by; the ratio is null when it is 0.' }),
  expr: z.string().meta({ description: 'Arithmetic over metric names and numbers: + - * / and parentheses.' }),
  churn_model: modelRef('The model of churn records (needs user_key and time).'),
  activity_model: modelRef('The model of activity (needs user_key and time), e.g. events.'),
};

const KIND_DESCRIPTIONS: Record<MetricKind, string> = {
  count: 'Rows of the model in the bucket.',
  count_distinct: 'Distinct values of column in the bucket.',
  sum: 'Sum of a number column in the bucket.',
  avg: 'Mean of a number column in the bucket.',
  min: 'Smallest value of a number column in the bucket.',
  max: 'Largest value of a number column in the bucket.',
  percentile: 'A percentile of a number column in the bucket.',
  session_count: 'Sessions that start in the bucket (the model needs a sessions config).',
  session_duration: 'Mean duration in seconds of the sessions that start in the bucket (the model needs a sessions config).',
  daily_mean: 'Mean over the days of the bucket of the distinct column values that day (dau).',
  trailing_distinct: 'Distinct column values in the window_days ending at the bucket end (wau, mau).',
  churn_rate: 'Share of users at risk at the bucket start who churn in it.',
  inactive_users: 'Users signed up at least window_days before the bucket end and inactive in those days.',
  ratio: 'numerator / denominator; null when the denominator is 0.',
  derived: 'Arithmetic over other metrics.',
};

function variant<K extends MetricKind, S extends z.ZodRawShape>(kind: K, shape: S) {
  const kindField = z.literal(kind).meta({ description: KIND_DESCRIPTIONS[kind] });
  return z
    .strictObject({
      name: snakeName('The metric name: a GraphQL field of MetricRow.'),
      description: descriptionField,
      kind: kindField,
      ...shape,
    })
    .meta({ id: `${kind}_metric`, description: KIND_DESCRIPTIONS[kind] });
}

const rows = { model: fields.model, filter: fields.filter };
const ofColumn = { ...rows, column: fields.column };

export const metricVariants = {
  count: variant('count', rows),
  count_distinct: variant('count_distinct', ofColumn),
  sum: variant('sum', ofColumn),
  avg: variant('avg', ofColumn),
  min: variant('min', ofColumn),
  max: variant('max', ofColumn),
  percentile: variant('percentile', { ...ofColumn, percentile: fields.percentile }),
  session_count: variant('session_count', rows),
  session_duration: variant('session_duration', rows),
  daily_mean: variant('daily_mean', ofColumn),
  trailing_distinct: variant('trailing_distinct', { ...ofColumn, window_days: fields.window_days }),
  churn_rate: variant('churn_rate', { model: fields.model, churn_model: fields.churn_model }),
  inactive_users: variant('inactive_users', {
    model: fields.model,
    activity_model: fields.activity_model,
    window_days: fields.window_days,
  }),
  ratio: variant('ratio', { numerator: fields.numerator, denominator: fields.denominator }),
  derived: variant('derived', { expr: fields.expr }),
} satisfies Record<MetricKind, z.ZodObject>;

export const METRIC_KINDS = Object.keys(metricVariants) as MetricKind[];

export type MetricSpec = { [K in MetricKind]: z.infer<(typeof metricVariants)[K]> };

/** Every field of every kind, all optional: reports what it can when `kind` is missing or unknown. */
export const AnyMetricSchema = z.strictObject({
  name: snakeName('The metric name.'),
  description: descriptionField,
  kind: z.enum(METRIC_KINDS as [MetricKind, ...MetricKind[]]),
  ...Object.fromEntries(Object.keys(fields).map((key) => [key, z.unknown().optional()])),
});

export const METRIC_FIELDS: ReadonlySet<string> = new Set(Object.keys(AnyMetricSchema.shape));

/** For the JSON Schema only: validation picks the variant by `kind` (see rules/shape.ts). */
export const MetricSchema = z.discriminatedUnion('kind', [
  metricVariants.count,
  metricVariants.count_distinct,
  metricVariants.sum,
  metricVariants.avg,
  metricVariants.min,
  metricVariants.max,
  metricVariants.percentile,
  metricVariants.session_count,
  metricVariants.session_duration,
  metricVariants.daily_mean,
  metricVariants.trailing_distinct,
  metricVariants.churn_rate,
  metricVariants.inactive_users,
  metricVariants.ratio,
  metricVariants.derived,
]);
