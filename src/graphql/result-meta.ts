import { Field, ObjectType } from 'type-graphql';
import type { AnswerMeta } from '../execution';
import { formatInstant } from '../util/time-format';
import { DateTimeScalar } from './scalars';

@ObjectType({ simpleResolvers: true, description: 'Where an answer came from (SPEC §10).' })
export class ResultMeta {
  @Field(() => Boolean, { description: 'True when the answer came from the result cache.' })
  cached!: boolean;

  @Field(() => String, { description: '`raw`, or the derived tables (marts) that served the answer, comma-separated.' })
  source!: string;

  @Field(() => String, { description: 'The data version the answer was computed for.' })
  dataVersion!: string;

  @Field(() => DateTimeScalar, { description: 'When the SQL ran; for a cached answer, the original run.' })
  computedAt!: string;
}

// A cached answer is one object for every hit, so its meta is written once per timezone asked.
const written = new WeakMap<AnswerMeta, { readonly timezone: string; readonly meta: ResultMeta }>();

/** The GraphQL ResultMeta of an answer, its instant written in the query timezone like every DateTime output. */
export function resultMeta(meta: AnswerMeta, timezone: string): ResultMeta {
  const known = written.get(meta);
  if (known?.timezone === timezone) return known.meta;
  const out = { cached: meta.cached, source: meta.source, dataVersion: meta.dataVersion, computedAt: formatInstant(meta.computedAt, timezone) };
  written.set(meta, { timezone, meta: out });
  return out;
}
