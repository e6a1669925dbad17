import { createHmac, randomBytes } from 'node:crypto';

/**
 * HS256 tokens as a host product signs them (README, Embedding Pulse), with
 * node:crypto alone. A JWT is checked without the warehouse, unlike an API
 * key, so the outage check can tell the two paths apart.
 */

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function signJwt(secret: string, claims: Readonly<Record<string, unknown>>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}
