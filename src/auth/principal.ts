import { RequestRefusal } from '../util/errors';

/** Who a request acts as (SPEC §11): a role, and a tenant whose data alone it sees (null: all, admins). */
export type Role = 'admin' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'viewer'];

export interface Principal {
  /** The key's name or the JWT's sub; logged, never the token. */
  readonly name: string;
  readonly role: Role;
  readonly tenant: string | null;
  readonly via: 'key' | 'jwt' | 'local';
}

/** The CLI and a server with PULSE_AUTH=off act as this: an admin of the local warehouse. */
export const LOCAL_ADMIN: Principal = Object.freeze({ name: 'local', role: 'admin', tenant: null, via: 'local' });

export type AuthCode = 'UNAUTHENTICATED' | 'FORBIDDEN';

/** A refused principal or field; the message says why without echoing the token. */
export class AuthError extends RequestRefusal {
  constructor(
    override readonly code: AuthCode,
    message: string,
  ) {
    super(code, message, code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer' } : {});
    this.name = 'AuthError';
  }
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
