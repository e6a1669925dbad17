import type { Kysely } from 'kysely';
import { toExecutionError, type WarehouseTables } from '../db';
import { verifyJwt } from './jwt';
import { looksLikeKey, verifyKey } from './keys';
import { AuthError, LOCAL_ADMIN, type Principal } from './principal';

export interface AuthOptions {
  /** PULSE_AUTH: required, or off (every request acts as the local admin). */
  readonly required: boolean;
  /** PULSE_JWT_SECRET; null: JWTs are refused. */
  readonly jwtSecret: string | null;
}

/** The principal of a request's Authorization header, or an AuthError (UNAUTHENTICATED). */
export async function authenticate(db: Kysely<WarehouseTables>, options: AuthOptions, header: string | undefined): Promise<Principal> {
  if (!options.required) return LOCAL_ADMIN;
  if (header === undefined || header === '') throw new AuthError('UNAUTHENTICATED', 'missing token: send Authorization: Bearer <API key or JWT>');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AuthError('UNAUTHENTICATED', 'malformed Authorization header: expected Bearer <token>');
  const token = match[1];
  if (looksLikeKey(token)) {
    // Keys live in the warehouse: while it is down, say so (WAREHOUSE_UNAVAILABLE), as every other answer does.
    const principal = await verifyKey(db, token).catch((error: unknown) => {
      const coded = toExecutionError(error);
      throw coded.code === 'WAREHOUSE_UNAVAILABLE' || coded.code === 'QUERY_TIMEOUT' ? coded : error;
    });
    if (!principal) throw new AuthError('UNAUTHENTICATED', 'unknown or revoked API key');
    return principal;
  }
  if (token.split('.').length !== 3) throw new AuthError('UNAUTHENTICATED', 'malformed token: neither an API key nor a JWT');
  if (options.jwtSecret === null) throw new AuthError('UNAUTHENTICATED', 'JWTs are not accepted: PULSE_JWT_SECRET is not set');
  return verifyJwt(token, options.jwtSecret);
}
