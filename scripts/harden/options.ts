import { parseArgs } from 'node:util';

/** `npm run harden -- [--small] [--out FILE] [--seed N] [--no-outage] [--only a,b] [--server URL]`. */

export const CHECKS = ['fuzz', 'tenants', 'burst', 'outage'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface HardenOptions {
  readonly small: boolean;
  readonly seed: number;
  readonly out: string | null;
  readonly outage: boolean;
  readonly only: readonly CheckName[];
  /** PostgreSQL server URL without a database (scratch databases are made on it). */
  readonly server: string;
  readonly users: number;
  readonly days: number;
  /** Last day of generated data: fixed, so a seed names the same data on any day. */
  readonly endDate: string;
  readonly fuzzCases: number;
  readonly tenantQueries: number;
  readonly burstRequests: number;
}

export function parseOptions(argv: readonly string[]): HardenOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      small: { type: 'boolean', default: false },
      out: { type: 'string' },
      seed: { type: 'string', default: '20261207' },
      'no-outage': { type: 'boolean', default: false },
      only: { type: 'string' },
      server: { type: 'string', default: process.env.PULSE_HARDEN_SERVER ?? 'postgres://postgres@127.0.0.1:5432' },
    },
    strict: true,
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`--seed: an integer from 0 to 2^32-1, got ${values.seed}`);
  const only = values.only === undefined ? [...CHECKS] : values.only.split(',').map((name) => name.trim());
  for (const name of only) if (!(CHECKS as readonly string[]).includes(name)) throw new Error(`--only: one of ${CHECKS.join(', ')}, got ${name}`);
  const small = values.small === true;
  return {
    small,
    seed,
    out: values.out ?? null,
    outage: values['no-outage'] !== true,
    only: only as CheckName[],
    server: values.server.replace(/\/+$/, ''),
    users: small ? 300 : 2000,
    days: small ? 30 : 60,
    endDate: '2026-10-31',
    fuzzCases: small ? 1_000 : 10_000,
    tenantQueries: small ? 100 : 1_000,
    burstRequests: 50,
  };
}
