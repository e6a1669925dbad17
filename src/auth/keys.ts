import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { WarehouseTables } from '../db';
import type { Principal, Role } from './principal';

/**
 * API keys (SPEC §11). A key is `pulse_<id>_<secret>`: the id finds the row,
 * the secret is checked against HMAC-SHA256(salt, secret) in constant time.
 * Only the salt and the hash are stored; the key is printed once.
 */

const PREFIX = 'pulse_';
const KEY = /^pulse_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/;
/** last_used_at is written at most this often per key, so a busy key costs no write per request. */
const LAST_USED_EVERY_MS = 60_000;

export interface KeyInfo {
  readonly name: string;
  readonly role: Role;
  readonly tenant: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

const digest = (salt: string, secret: string) => createHmac('sha256', Buffer.from(salt, 'hex')).update(secret).digest();

export function looksLikeKey(token: string): boolean {
  return token.startsWith(PREFIX);
}

export async function createKey(db: Kysely<WarehouseTables>, options: { role: Role; tenant?: string | null; name?: string | null; now?: Date }): Promise<{ name: string; key: string }> {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const name = options.name ?? `key-${id}`;
  const taken = await db.selectFrom('pulse_api_keys').select('id').where('name', '=', name).executeTakeFirst();
  if (taken) throw new Error(`a key named "${name}" exists already: pick another --name, or revoke it first`);
  await db
    .insertInto('pulse_api_keys')
    .values({ id, name, role: options.role, tenant_id: options.tenant ?? null, salt, hash: digest(salt, secret).toString('hex'), created_at: options.now ?? new Date() })
    .execute();
  return { name, key: `${PREFIX}${id}_${secret}` };
}

export async function listKeys(db: Kysely<WarehouseTables>): Promise<KeyInfo[]> {
  const rows = await db.selectFrom('pulse_api_keys').selectAll().orderBy('created_at').orderBy('name').execute();
  return rows.map((r) => ({
    name: r.name,
    role: r.role as Role,
    tenant: r.tenant_id,
    createdAt: new Date(r.created_at),
    lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at),
    revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
  }));
}

/** Ends a key at once; false when no key has that name. */
export async function revokeKey(db: Kysely<WarehouseTables>, name: string, now = new Date()): Promise<boolean> {
  const result = await db.updateTable('pulse_api_keys').set({ revoked_at: now }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return true;
  return (await db.selectFrom('pulse_api_keys').select('id').where('name', '=', name).executeTakeFirst()) !== undefined;
}

/** The key's principal, or null when the token is malformed, unknown, revoked or its secret is wrong. */
export async function verifyKey(db: Kysely<WarehouseTables>, token: string, now = new Date()): Promise<Principal | null> {
  const match = KEY.exec(token);
  if (!match) return null;
  const [, id = '', secret = ''] = match;
  const row = await db.selectFrom('pulse_api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const expected = Buffer.from(row.hash, 'hex');
  const actual = digest(row.salt, secret);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  const lastUsed = row.last_used_at === null ? 0 : new Date(row.last_used_at).getTime();
  if (now.getTime() - lastUsed >= LAST_USED_EVERY_MS) await db.updateTable('pulse_api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
  return { name: row.name, role: row.role as Role, tenant: row.tenant_id, via: 'key' };
}
