/**
 * `analyses:` entries: one strict schema per kind, like metrics. Each analysis
 * becomes a GraphQL Query field (camelCase of its name); its kind sets the
 * arguments and result shape (SPEC §5-§8). Optional fields get their defaults
 * in normalise-analysis.ts, from ANALYSIS_DEFAULTS, which the JSON Schema shows too.
 */
import { z } from 'zod';
import type { AnalysisKind } from '../types';
import { descriptionField, modelRef, snakeName } from './common';

export const ANALYSIS_DEFAULTS = {
  default_periods: 8,
  step_dimension: 'event_type',
  default_window_days: 7,
  goal_dimension: 'event_type',
  default_inactive_after_days: 30,
} as const;

const positive = (unit: string, description: string, fallback: number) =>
  z
    .int({ error: `must be a positive whole number of ${unit}` })
    .positive({ error: `must be a positive whole number of ${unit}` })
    .optional()
    .meta({ description: `${description} Defaults to ${fallback}.`, default: fallback });

const dimensionRef = (description: string, fallback?: string) =>
  z
    .string()
    .optional()
    .meta({
      description: fallback === undefined ? description : `${description} Defaults to ${fallback}.`,
      ...(fallback !== undefined && { default: fallback }),
    });

const D = ANALYSIS_DEFAULTS;

const KIND_DESCRIPTIONS: Record<AnalysisKind, string> = {
  retention: 'Cohort retention: per signup (or first-activity) cohort, the members active k buckets later.',
  lifecycle: 'Per bucket, users by state: new, retained, resurrected, dormant, churned.',
  funnel: 'Ordered funnels of steps within a conversion window.',
  conversion: 'Conversion to a goal event by signup cohort: size, converted, median days and sessions before it.',
  user_list: 'A paged list of users with activity totals and an ACTIVE / INACTIVE / NEVER_ACTIVE status.',
};

function variant<K extends AnalysisKind, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z
    .strictObject({
      name: snakeName('The analysis name: its GraphQL Query field is the camelCase of it.'),
      description: descriptionField,
      kind: z.literal(kind).meta({ description: KIND_DESCRIPTIONS[kind] }),
      users_model: modelRef('The users model: its primary key is the user and its time column the signup.'),
      activity_model: modelRef('The model of activity (needs user_key and time, and joins to users_model), e.g. events.'),
      ...shape,
    })
    .meta({ id: `${kind}_analysis`, description: KIND_DESCRIPTIONS[kind] });
}

export const analysisVariants = {
  retention: variant('retention', {
    default_periods: positive('periods', 'Offsets returned when the request gives no `periods`.', D.default_periods),
  }),
  lifecycle: variant('lifecycle', {}),
  funnel: variant('funnel', {
    step_dimension: dimensionRef('The dimension a step\'s eventType matches; reachable from activity_model.', D.step_dimension),
    default_window_days: positive('days', 'Conversion window when the request gives no `windowDays`.', D.default_window_days),
  }),
  conversion: variant('conversion', {
    goal_dimension: dimensionRef('The dimension the goal matches; reachable from activity_model.', D.goal_dimension),
    default_goal: z.string().min(1, { error: 'must not be empty' }).meta({ description: 'The goal when the request names none, e.g. purchase.' }),
  }),
  user_list: variant('user_list', {
    plan_dimension: dimensionRef('The dimension that names a user\'s plan; reachable from users_model. Omit for no plan field.'),
    default_inactive_after_days: positive(
      'days',
      'Users not active for this many days are INACTIVE when the request gives no `inactiveAfterDays`.',
      D.default_inactive_after_days,
    ),
  }),
} satisfies Record<AnalysisKind, z.ZodObject>;

export const ANALYSIS_KINDS = Object.keys(analysisVariants) as AnalysisKind[];

export type AnalysisSpec = { [K in AnalysisKind]: z.infer<(typeof analysisVariants)[K]> };

const variantFields = Object.values(analysisVariants).flatMap((schema) => Object.keys(schema.shape));

/** Every field of every kind: reports what it can when `kind` is missing or unknown. */
export const AnyAnalysisSchema = z.strictObject({
  name: snakeName('The analysis name.'),
  description: descriptionField,
  kind: z.enum(ANALYSIS_KINDS as [AnalysisKind, ...AnalysisKind[]]),
  ...Object.fromEntries(
    variantFields.filter((key) => !['name', 'description', 'kind'].includes(key)).map((key) => [key, z.unknown().optional()]),
  ),
});

export const ANALYSIS_FIELDS: ReadonlySet<string> = new Set(Object.keys(AnyAnalysisSchema.shape));

/** For the JSON Schema only: validation picks the variant by `kind` (see rules/shape.ts). */
export const AnalysisSchema = z.discriminatedUnion('kind', [
  analysisVariants.retention,
  analysisVariants.lifecycle,
  analysisVariants.funnel,
  analysisVariants.conversion,
  analysisVariants.user_list,
]);
