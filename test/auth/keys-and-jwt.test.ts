import { SignJWT } from 'jose';
import { sql } from 'kysely';
import { authenticate, AuthError, createKey, listKeys, LOCAL_ADMIN, revokeKey, verifyJwt, verifyKey } from '../../src/auth';
import { isLoopback, loadConfig } from '../../src/config/config';
import { migrateToLatest, type Warehouse } from '../../src/db';
import { createEmptyScratch, type Scratch } from '../support/scratch';

// SPEC §11: API keys (hashed, constant-time, revocable) and HS256 JWTs (exp required, 60 s skew, no other algorithm).
const SECRET = 'a-test-secret-of-at-least-thirty-two-chars';
let scratch: Scratch;
let w: Warehouse;

beforeAll(async () => {
  scratch = await createEmptyScratch();
  w = await scratch.open();
  await migrateToLatest(w.db);
});
afterAll(async () => {
  await w.close();
  await scratch.drop();
});

/** The UNAUTHENTICATED message of a refused token. */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AuthError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('API keys', () => {
  test('a created key authenticates as its role and tenant; only a salted hash is stored; last use is kept', async () => {
    const { name, key } = await createKey(w.db, { role: 'viewer', tenant: 't1', name: 'acme' });
    expect(name).toBe('acme');
    expect(key).toMatch(/^pulse_[0-9a-f]{12}_[A-Za-z0-9_-]{32}$/);
    const { rows } = await sql<{ stored: string }>`SELECT concat_ws(' ', id, name, salt, hash) AS stored FROM pulse_api_keys`.execute(w.db);
    expect(rows[0]?.stored).not.toContain(key.slice(-32));
    const now = new Date('2026-12-01T10:00:00Z');
    expect(await verifyKey(w.db, key, now)).toEqual({ name: 'acme', role: 'viewer', tenant: 't1', via: 'key' });
    expect((await listKeys(w.db)).find((k) => k.name === 'acme')).toMatchObject({ role: 'viewer', tenant: 't1', lastUsedAt: now, revokedAt: null });
  });

  test('a wrong secret, an unknown id or a malformed key is refused; a revoked key at once', async () => {
    const { key } = await createKey(w.db, { role: 'admin', name: 'ops' });
    const flipped = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(await verifyKey(w.db, flipped)).toBeNull();
    expect(await verifyKey(w.db, key.replace(/^pulse_[0-9a-f]{12}/, 'pulse_000000000000'))).toBeNull();
    expect(await verifyKey(w.db, 'pulse_short')).toBeNull();
    expect(await verifyKey(w.db, key)).toMatchObject({ name: 'ops', role: 'admin', tenant: null });
    expect(await revokeKey(w.db, 'ops')).toBe(true);
    expect(await verifyKey(w.db, key)).toBeNull();
    expect(await revokeKey(w.db, 'no-such-key')).toBe(false);
    await expect(createKey(w.db, { role: 'viewer', name: 'ops' })).rejects.toThrow('a key named "ops" exists already');
  });
});

describe('JWT', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const at = (offsetS: number) => Math.floor(now.getTime() / 1000) + offsetS;
  const sign = (claims: Record<string, unknown>, alg = 'HS256', secret = SECRET) =>
    new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));

  test('HS256 with sub, role, exp and an optional tenant', async () => {
    expect(await verifyJwt(await sign({ sub: 'host-app', role: 'viewer', tenant: 't2', exp: at(300) }), SECRET, now)).toEqual({ name: 'host-app', role: 'viewer', tenant: 't2', via: 'jwt' });
    expect(await verifyJwt(await sign({ sub: 'ops', role: 'admin', exp: at(300) }), SECRET, now)).toMatchObject({ role: 'admin', tenant: null });
  });

  test('expired past 60 s of skew, missing exp, a bad signature, a bad role, and any other algorithm are refused', async () => {
    expect(await verifyJwt(await sign({ sub: 'a', role: 'viewer', exp: at(-30) }), SECRET, now)).toMatchObject({ name: 'a' });
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'viewer', exp: at(-61) }), SECRET, now))).toBe('UNAUTHENTICATED: invalid token: expired');
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'viewer' }), SECRET, now))).toBe('UNAUTHENTICATED: invalid token: claim exp is missing');
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'viewer', exp: at(60) }, 'HS256', `${SECRET}x`), SECRET, now))).toBe('UNAUTHENTICATED: invalid token: bad signature');
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'owner', exp: at(60) }), SECRET, now))).toBe('UNAUTHENTICATED: invalid token: role must be "admin" or "viewer"');
    expect(await refusal(async () => verifyJwt(await sign({ sub: 'a', role: 'viewer', exp: at(60) }, 'HS512'), SECRET, now))).toBe('UNAUTHENTICATED: invalid token: only HS256 is accepted');
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'a', role: 'admin', exp: at(60) })}.`;
    expect(await refusal(() => verifyJwt(unsigned, SECRET, now))).toBe('UNAUTHENTICATED: invalid token: only HS256 is accepted');
  });
});

describe('authenticate and PULSE_AUTH', () => {
  const required = { required: true, jwtSecret: SECRET };

  test('off: every request is the local admin; required: a Bearer key or JWT', async () => {
    expect(await authenticate(w.db, { required: false, jwtSecret: null }, undefined)).toBe(LOCAL_ADMIN);
    const { key } = await createKey(w.db, { role: 'viewer', tenant: 't9', name: 'nine' });
    expect(await authenticate(w.db, required, `Bearer ${key}`)).toMatchObject({ name: 'nine', tenant: 't9' });
    const jwt = await new SignJWT({ sub: 's', role: 'viewer', exp: Math.floor(Date.now() / 1000) + 60 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
    expect(await authenticate(w.db, required, `Bearer ${jwt}`)).toMatchObject({ name: 's', via: 'jwt' });
    expect(await refusal(() => authenticate(w.db, required, undefined))).toBe('UNAUTHENTICATED: missing token: send Authorization: Bearer <API key or JWT>');
    expect(await refusal(() => authenticate(w.db, required, `Basic ${key}`))).toBe('UNAUTHENTICATED: malformed Authorization header: expected Bearer <token>');
    expect(await refusal(() => authenticate(w.db, required, 'Bearer nonsense'))).toBe('UNAUTHENTICATED: malformed token: neither an API key nor a JWT');
    expect(await refusal(() => authenticate(w.db, { required: true, jwtSecret: null }, `Bearer ${jwt}`))).toBe('UNAUTHENTICATED: JWTs are not accepted: PULSE_JWT_SECRET is not set');
  });

  test('the default is off on a loopback listener and required elsewhere; a short JWT secret is refused', () => {
    expect(['localhost', '127.0.0.1', '::1', '[::1]'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.5', 'example.org'].some(isLoopback)).toBe(false);
    expect(loadConfig({}).auth).toEqual({ required: false, jwtSecret: null });
    expect(loadConfig({ HOST: '0.0.0.0' }).auth.required).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0', PULSE_AUTH: 'off' }).auth.required).toBe(false);
    expect(loadConfig({ PULSE_AUTH: 'required', PULSE_JWT_SECRET: SECRET }).auth).toEqual({ required: true, jwtSecret: SECRET });
    expect(() => loadConfig({ PULSE_JWT_SECRET: 'short' })).toThrow('PULSE_JWT_SECRET: must be at least 32 characters');
  });
});
