/**
 * `marts:` entries: derived tables Pulse builds and keeps up to date itself
 * (like Cube pre-aggregations, but exact). One strict schema per kind;
 * normalise-mart.ts fills in the defaults shown here.
 */
import { z } from 'zod';
import type { MartKind } from '../types';
import { descriptionField, modelRef, snakeName } from './common';

export const MART_DEFAULTS = { timezones: ['UTC'], week_starts: ['MONDAY'] } as const;

const KIND_DESCRIPTIONS: Record<MartKind, string> = {
  sessions: 'One row per session of the model (SPEC §3): user, start, end, duration and events. Any grain and timezone.',
  user_activity:
    'One row per user and local day (week, month) in each timezone: events, first and last event, sessions started and their seconds.',
  user_totals: 'One row per user: events, first and last event, sessions and their seconds over all time.',
  rollup:
    'Per local bucket of a user_activity mart and combination of user dimensions: distinct users, events, sessions and their seconds.',
  lifecycle: 'Per local bucket of a user_activity mart: active users and how many are new, retained and resurrected (SPEC §6).',
  retention: 'Per signup cohort bucket and later bucket of a user_activity mart: the cohort members active in it (SPEC §5).',
  trailing: 'Per local day of a day user_activity mart and window: the distinct users active in the window ending that day (wau, mau).',
  churn:
    'Per local bucket and combination of user dimensions: the users who signed up in it, whose first churn is in it, and who did both (churn_rate). Its model is the users model.',
};

const timezones = z
  .array(z.string().min(1))
  .min(1, { error: 'must list at least one timezone' })
  .optional()
  .meta({ description: 'The IANA timezones whose local days (weeks, months) the mart keeps. Defaults to [UTC].', default: [...MART_DEFAULTS.timezones] });

const weekStarts = z
  .array(z.enum(['MONDAY', 'SUNDAY']))
  .min(1, { error: 'must list at least one week start' })
  .optional()
  .meta({ description: 'For grain week: the week starts kept. Defaults to [MONDAY].', default: [...MART_DEFAULTS.week_starts] });

function variant<K extends MartKind, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z
    .strictObject({
      name: snakeName('The mart name; its table is mart_<name>.'),
      description: descriptionField,
      kind: z.literal(kind).meta({ description: KIND_DESCRIPTIONS[kind] }),
      model: modelRef('The activity model it is derived from (needs user_key and time), e.g. events.'),
      ...shape,
    })
    .meta({ id: `${kind}_mart`, description: KIND_DESCRIPTIONS[kind] });
}

/** A mart computed from a user_activity mart (its grain, timezones and week starts are the source's). */
function derived<K extends 'lifecycle' | 'retention' | 'trailing', S extends z.ZodRawShape>(kind: K, shape: S) {
  return z
    .strictObject({
      name: snakeName('The mart name; its table is mart_<name>.'),
      description: descriptionField,
      kind: z.literal(kind).meta({ description: KIND_DESCRIPTIONS[kind] }),
      source: z.string().meta({ description: 'The user_activity mart it is computed from: its grain, timezones and week starts are this mart\'s.' }),
      ...shape,
    })
    .meta({ id: `${kind}_mart`, description: KIND_DESCRIPTIONS[kind] });
}

export const martVariants = {
  sessions: variant('sessions', {}),
  user_activity: variant('user_activity', {
    grain: z.enum(['day', 'week', 'month']).meta({ description: 'One row per user and local day, week or month.' }),
    timezones,
    week_starts: weekStarts,
  }),
  user_totals: variant('user_totals', {}),
  rollup: z
    .strictObject({
      name: snakeName('The mart name; its table is mart_<name>.'),
      description: descriptionField,
      kind: z.literal('rollup').meta({ description: KIND_DESCRIPTIONS.rollup }),
      source: z.string().meta({ description: 'The user_activity mart it sums: its grain, timezones and week starts are the rollup\'s.' }),
      dimensions: z
        .array(z.string())
        .meta({ description: 'Dimensions with one value per user (country, plan, ...) it keeps apart; [] for totals per bucket.' }),
    })
    .meta({ id: 'rollup_mart', description: KIND_DESCRIPTIONS.rollup }),
  lifecycle: derived('lifecycle', {}),
  retention: derived('retention', {
    users_model: modelRef('The users model whose time column (signup) places a user in a cohort.'),
  }),
  trailing: derived('trailing', {
    windows: z
      .array(z.int().positive({ error: 'must be a positive whole number of days' }))
      .min(1, { error: 'must list at least one window' })
      .meta({ description: 'Window lengths in days, e.g. [7, 30] for wau and mau.' }),
  }),
  churn: z
    .strictObject({
      name: snakeName('The mart name; its table is mart_<name>.'),
      description: descriptionField,
      kind: z.literal('churn').meta({ description: KIND_DESCRIPTIONS.churn }),
      model: modelRef('The users model (primary key and signup time), e.g. users.'),
      churn_model: modelRef('The churn records model (user_key and time), e.g. churn.'),
      grain: z.enum(['day', 'week', 'month']).meta({ description: 'One row per local day, week or month (and group).' }),
      timezones,
      week_starts: weekStarts,
      dimensions: z
        .array(z.string())
        .meta({ description: 'Dimensions with one value per user (country, plan, ...) it keeps apart; [] for totals per bucket.' }),
    })
    .meta({ id: 'churn_mart', description: KIND_DESCRIPTIONS.churn }),
} satisfies Record<MartKind, z.ZodObject>;

export const MART_KINDS = Object.keys(martVariants) as MartKind[];

export type MartSpec = { [K in MartKind]: z.infer<(typeof martVariants)[K]> };

const variantFields = Object.values(martVariants).flatMap((schema) => Object.keys(schema.shape));

/** Every field of every kind: reports what it can when `kind` is missing or unknown. */
export const AnyMartSchema = z.strictObject({
  name: snakeName('The mart name.'),
  description: descriptionField,
  kind: z.enum(MART_KINDS as [MartKind, ...MartKind[]]),
  ...Object.fromEntries(variantFields.filter((key) => !['name', 'description', 'kind'].includes(key)).map((key) => [key, z.unknown().optional()])),
});

export const MART_FIELDS: ReadonlySet<string> = new Set(Object.keys(AnyMartSchema.shape));

/** For the JSON Schema only: validation picks the variant by `kind` (see rules/shape.ts). */
export const MartSchema = z.discriminatedUnion('kind', [
  martVariants.sessions,
  martVariants.user_activity,
  martVariants.user_totals,
  martVariants.rollup,
  martVariants.lifecycle,
  martVariants.retention,
  martVariants.trailing,
  martVariants.churn,
]);
