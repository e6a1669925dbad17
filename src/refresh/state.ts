import type { MartStatus } from '../compiler';
import { rawQuery, type SqlRunner } from './runner';

/** pulse_marts (migrations/0005_marts.ts), by mart name. */
export async function readMartStatuses(runner: SqlRunner): Promise<Map<string, MartStatus>> {
  const { rows } = await runner.run(rawQuery('SELECT name, hash, data_version, rows, max_time FROM pulse_marts'));
  return new Map(rows.map((row) => [String(row.name), toStatus(row)]));
}

export function toStatus(row: Record<string, unknown>): MartStatus {
  const maxTime = row.max_time;
  return {
    hash: String(row.hash),
    dataVersion: String(row.data_version),
    rows: Number(row.rows),
    maxTime: maxTime === null || maxTime === undefined ? null : new Date(maxTime as string | Date),
  };
}

export async function writeMartStatus(runner: SqlRunner, name: string, status: MartStatus): Promise<void> {
  await runner.run(
    rawQuery(
      `INSERT INTO pulse_marts (name, hash, data_version, rows, max_time, refreshed_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (name) DO UPDATE SET hash = $2, data_version = $3, rows = $4, max_time = $5, refreshed_at = now()`,
      [name, status.hash, status.dataVersion, status.rows, status.maxTime?.toISOString() ?? null],
    ),
  );
}
