export { authenticate, type AuthOptions } from './authenticate';
export { createKey, listKeys, revokeKey, verifyKey, type KeyInfo } from './keys';
export { verifyJwt } from './jwt';
export { AuthError, isRole, LOCAL_ADMIN, ROLES, type Principal, type Role } from './principal';
export { RateLimiter } from './rate-limit';
