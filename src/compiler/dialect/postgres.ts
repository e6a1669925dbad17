import { sql } from 'kysely';
import type { Dialect, Sql } from './dialect';
import { bucketOrdinal, bucketStart, calendar, calendarLabel, instant, local, step } from './postgres-time';

/** PostgreSQL (and PGlite, which is PostgreSQL compiled to WebAssembly). */
export const postgres: Dialect = {
  name: 'postgres',
  instant,
  local,
  date: (at) => sql<string>`(${at})::date`,
  midnight: (date) => sql<Date>`(${date}::date)::timestamp`,
  dateValue: (date) => sql<string>`${date}::date`,
  startOfDay: (date) => sql<Date>`(${date})::timestamp`,
  daysBetween: (from, to) => sql<number>`((${to})::date - (${from})::date)`,
  bucketStart,
  step,
  days: (count) => sql`make_interval(days => ${typeof count === 'number' ? sql`${count}::int` : count})`,
  minutes: (count) => sql`make_interval(mins => ${count}::int)`,
  hours: (count) => sql`make_interval(hours => ${count}::int)`,
  seconds: (interval) => sql<number>`extract(epoch FROM ${interval})`,
  bucketOrdinal,
  calendarLabel,
  calendar,
  integers: (count, name) => sql`generate_series(0, ${count} - 1) AS ${sql.id(name)}(${sql.id(name)})`,

  filtered: (aggregate, condition) => sql`${aggregate} FILTER (WHERE ${condition})`,
  percentile: (fraction, value) => sql`percentile_cont(${fraction}::float8) WITHIN GROUP (ORDER BY ${value})`,
  firstBy: (value, order) => sql`(array_agg(${value} ORDER BY ${order}))[1]`,
  collect: (value) => sql`array_agg(${value})`,
  unnestJoin: (list, alias, column) => sql`CROSS JOIN LATERAL unnest(${list}) AS ${sql.id(alias)}(${sql.id(column)})`,
  distinctOn: (keys) => sql`DISTINCT ON (${sql.join(keys)})`,
  lateralJoin: (subquery: Sql, alias, outer) =>
    outer ? sql`LEFT JOIN LATERAL (${subquery}) AS ${sql.id(alias)} ON TRUE` : sql`CROSS JOIN LATERAL (${subquery}) AS ${sql.id(alias)}`,
  recursive: sql`RECURSIVE `,
  inlined: sql`NOT MATERIALIZED `,
  containsIgnoringCase: (value, pattern) => sql`${value} ILIKE ${pattern}::text`,

  toJsonRows: (relation, order, limit) =>
    sql`(SELECT coalesce(json_agg(sample.failing_row ORDER BY sample.sort_key), '[]'::json)
   FROM (SELECT to_json(${sql.id(relation)}) AS failing_row, to_jsonb(${sql.id(relation)}) AS sort_key FROM ${sql.id(relation)} ORDER BY ${order} LIMIT ${limit}) AS sample)`,

  text: (value) => sql`${value}::text`,
  int: (value) => sql`${value}::int`,
  float: (value) => sql`${value}::float8`,
  timestamp: (iso) => sql<Date>`${iso}::timestamptz`,
};
