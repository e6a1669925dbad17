import { errors, jwtVerify } from 'jose';
import { AuthError, isRole, type Principal } from './principal';

/**
 * JWTs (SPEC §11): HS256 signed with PULSE_JWT_SECRET; `sub`, `role` and
 * `exp` required, `tenant` optional; up to 60 s of clock skew. Any other
 * algorithm (`none` included) is refused.
 */
const CLOCK_SKEW_S = 60;

export async function verifyJwt(token: string, secret: string, now = new Date()): Promise<Principal> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      clockTolerance: CLOCK_SKEW_S,
      currentDate: now,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (error) {
    throw new AuthError('UNAUTHENTICATED', `invalid token: ${reason(error)}`);
  }
  const { sub, role, tenant } = payload;
  if (typeof sub !== 'string' || sub === '') throw new AuthError('UNAUTHENTICATED', 'invalid token: sub must be a non-empty string');
  if (!isRole(role)) throw new AuthError('UNAUTHENTICATED', 'invalid token: role must be "admin" or "viewer"');
  if (tenant !== undefined && (typeof tenant !== 'string' || tenant === '')) throw new AuthError('UNAUTHENTICATED', 'invalid token: tenant must be a non-empty string');
  return { name: sub, role, tenant: tenant ?? null, via: 'jwt' };
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'only HS256 is accepted';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} ${error.reason === 'missing' ? 'is missing' : 'is invalid'}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  return 'malformed';
}
