import fs from 'node:fs';
import path from 'node:path';
import { pulseCli } from './cli';

/**
 * The data of the run: `pulse generate` with two tenants (users carry
 * tenant_id t1 / t2), and a copy holding tenant t1 alone (its users, their
 * events and churn records; plans are shared), the reference answers of the
 * tenant check come from.
 */

export interface DataSpec {
  readonly users: number;
  readonly days: number;
  readonly seed: number;
  readonly endDate: string;
}

export interface DataFiles {
  readonly both: string;
  readonly t1: string;
  readonly counts: Readonly<Record<string, number>>;
}

export async function prepareData(spec: DataSpec, dir: string): Promise<DataFiles> {
  const both = path.join(dir, 'both');
  const t1 = path.join(dir, 't1');
  await pulseCli(['generate', '--users', String(spec.users), '--days', String(spec.days), '--seed', String(spec.seed), '--end-date', spec.endDate, '--tenants', '2', '--out', both]);
  const counts = onlyT1(both, t1);
  return { both, t1, counts };
}

/** Every field of one CSV line; quotes as the generator writes them ("" inside quotes). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

function onlyT1(from: string, to: string): Record<string, number> {
  fs.mkdirSync(to, { recursive: true });
  const read = (kind: string) => fs.readFileSync(path.join(from, `${kind}.csv`), 'utf8').trimEnd().split('\n');
  const [usersHeader = '', ...users] = read('users');
  const tenantAt = csvFields(usersHeader).indexOf('tenant_id');
  if (tenantAt < 0) throw new Error('generated users have no tenant_id column');
  const kept = users.filter((line) => csvFields(line)[tenantAt] === 't1');
  const ids = new Set(kept.map((line) => csvFields(line)[0]));
  fs.writeFileSync(path.join(to, 'users.csv'), `${[usersHeader, ...kept].join('\n')}\n`);
  fs.copyFileSync(path.join(from, 'plans.csv'), path.join(to, 'plans.csv'));
  const counts: Record<string, number> = { users: users.length, usersT1: kept.length };
  for (const kind of ['events', 'churn']) {
    const [header = '', ...rows] = read(kind);
    const userAt = csvFields(header).indexOf('user_id');
    const mine = rows.filter((line) => ids.has(csvFields(line)[userAt] ?? ''));
    fs.writeFileSync(path.join(to, `${kind}.csv`), `${[header, ...mine].join('\n')}\n`);
    counts[kind] = rows.length;
    counts[`${kind}T1`] = mine.length;
  }
  return counts;
}
