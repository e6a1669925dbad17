import { RequestRefusal } from '../util/errors';

/** Principals tracked at once; the least recently seen is forgotten beyond it (a full bucket again). */
const MAX_KEYS = 10_000;

/**
 * Requests per minute per principal (SPEC §11 RATE_LIMITED): a token bucket
 * per key holding up to a minute's allowance and refilled continuously, so a
 * burst of that size passes and a steady rate above it is refused with the
 * seconds until the next token (Retry-After).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  take(key: string, now = Date.now()): void {
    if (this.perMinute <= 0) return;
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    this.buckets.delete(key);
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens < 1) {
      const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      throw new RequestRefusal('RATE_LIMITED', `more than ${this.perMinute} requests a minute; retry in ${seconds} s (PULSE_RATE_LIMIT)`, { 'retry-after': String(seconds) });
    }
    bucket.tokens -= 1;
  }
}
