import { sql, type RawBuilder } from 'kysely';
import { PLAN_KEYS, type PlanKey, type Weighted } from './catalog';

/**
 * Small builders for the generator's SQL. Randomness comes from
 * hashint8extended(value, seed): PostgreSQL's integer hash, computed with
 * integer arithmetic only, so PGlite (wasm32) and any PostgreSQL server give
 * the same bits; random()/setseed would not. One 64-bit hash yields four
 * independent 16-bit draws.
 */

export type Fragment = RawBuilder<unknown>;

/** A column name or expression written in this module (never user input). */
export function raw(text: string): Fragment {
  return sql.raw(text);
}

/** Bits [16k, 16k+16) of the 64-bit hash in `hash`: a uniform draw in 0..65535. */
export function draw(hash: string, k: 0 | 1 | 2 | 3): Fragment {
  return sql.raw(k === 0 ? `(${hash} & 65535)` : `((${hash} >> ${16 * k}) & 65535)`);
}

/** The low 32 bits of `hash` as a float8 in [0, 1). */
export function unit32(hash: string): Fragment {
  return sql.raw(`((${hash} & 4294967295)::float8 / 4294967296)`);
}

/** A constant: strings quoted, numbers as float8 when fractional, null as NULL. */
export function lit(value: string | number | null): Fragment {
  if (value === null) return sql`NULL`;
  if (typeof value === 'number' && !Number.isInteger(value)) return sql.raw(`${value}::float8`);
  return sql.lit(value);
}

/** 16-bit threshold below which a draw has probability `p`. */
export function chance(p: number): Fragment {
  return sql.lit(Math.round(Math.min(1, Math.max(0, p)) * 65536));
}

/**
 * A weighted choice: CASE over a 16-bit draw with integer thresholds, so
 * choosing never depends on floating point.
 */
export function pick<T extends string | number | null>(drawn: Fragment, choices: Weighted<T>): Fragment {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  const last = choices[choices.length - 1];
  if (!last || total <= 0) throw new Error('pick needs at least one positive weight');
  let cumulative = 0;
  const whens = choices.slice(0, -1).map(([value, weight]) => {
    cumulative += weight;
    return sql`WHEN ${drawn} < ${sql.lit(Math.round((cumulative / total) * 65536))} THEN ${lit(value)}`;
  });
  return whens.length === 0 ? lit(last[0]) : sql`(CASE ${sql.join(whens, sql` `)} ELSE ${lit(last[0])} END)`;
}

/** CASE over the staging column plan_key ('none' for no plan), one branch per plan. */
export function byPlan(make: (key: PlanKey) => Fragment, column = 'plan_key'): Fragment {
  const [fallback, ...rest] = PLAN_KEYS.map((key) => [key, make(key)] as const);
  const whens = rest.map(([key, fragment]) => sql`WHEN ${sql.lit(key)} THEN ${fragment}`);
  return sql`(CASE ${sql.raw(column)} ${sql.join(whens, sql` `)} ELSE ${fallback?.[1] ?? sql`NULL`} END)`;
}

/** Seconds as an interval: absolute time, unaffected by the session's TimeZone. */
export function seconds(expr: Fragment): Fragment {
  return sql`((${expr}) * interval '1 second')`;
}

/**
 * 'u00042'-style ids: `numberExpr` zero-padded to `widthExpr` digits. Callers
 * pass a width that fits every id, so ids share one length and sort as text.
 */
export function paddedId(prefix: string, numberExpr: string, widthExpr: string): Fragment {
  // greatest() keeps lpad from truncating should a number ever outgrow the width.
  return sql.raw(`'${prefix}' || lpad((${numberExpr})::text, greatest(${widthExpr}, length((${numberExpr})::text)), '0')`);
}
