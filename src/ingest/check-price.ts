import type { Failure } from './rules';

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * monthly_price as numeric(12, 2) will hold it: rounded to cents half away
 * from zero, as PostgreSQL rounds, on the decimal digits (no float error), and
 * written canonically ("49" and "49.00" are one value, "49.00").
 */
export function checkPrice(name: string, input: string): string | Failure {
  const text = input.trim();
  const m = DECIMAL.exec(text);
  if (!m || (!m[2] && !m[3])) return { code: 'BAD_NUMBER', message: `${name} ${JSON.stringify(input)} is not a number` };
  const [, sign, whole = '', fraction = ''] = m;
  // Whole cents, as a digit string, rounded on the third decimal.
  let cents = BigInt(`${whole || '0'}${fraction.padEnd(2, '0').slice(0, 2)}`);
  if ((fraction[2] ?? '0') >= '5') cents += 1n;
  if (sign === '-' && cents > 0n) return { code: 'NEGATIVE_PRICE', message: `${name} ${input} is negative` };
  if (cents >= 10n ** 12n) return { code: 'NUMBER_OUT_OF_RANGE', message: `${name} ${input} does not fit numeric(12,2)` };
  const digits = cents.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
