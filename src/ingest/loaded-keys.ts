import { KIND_SPECS, SQL_CASTS, type Kind } from './kinds';
import type { Session } from './session';
import type { StagedValues } from './validate';

/**
 * Which rows of a batch have a key that is already loaded, and whether the
 * loaded row differs from them: row index -> differs. The batch goes up as
 * arrays (one per column) and is compared in SQL, so timestamps, numbers and
 * JSON compare as values, not as text.
 */
export async function loadedKeys(session: Session, kind: Kind, rows: readonly StagedValues[]): Promise<Map<number, boolean>> {
  const { columns, key } = KIND_SPECS[kind];
  const names = columns.map((c) => c.name);
  const cast = (c: (typeof columns)[number]) => `k.${c.name}${SQL_CASTS[c.type] ?? ''}`;
  const on = columns.filter((c) => key.includes(c.name)).map((c) => `t.${c.name} = ${cast(c)}`).join(' AND ');
  const result = await session.query(
    `SELECT k.i, ROW(${names.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM ROW(${columns.map(cast).join(', ')}) AS differs
     FROM unnest($1::int[], ${names.map((_, i) => `$${i + 2}::text[]`).join(', ')}) AS k(i, ${names.join(', ')})
     JOIN ${kind} t ON ${on}`,
    [rows.map((_, i) => i), ...names.map((_, c) => rows.map((r) => r[c] ?? null))],
  );
  return new Map(result.rows.map((r) => [Number(r.i), r.differs === true]));
}
