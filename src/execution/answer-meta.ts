/** Where an answer came from (SPEC §10 ResultMeta), before it is formatted for a client. */
export interface AnswerMeta {
  readonly cached: boolean;
  /** `raw`, or the marts that served the answer, comma-separated. */
  readonly source: string;
  /** The data version the answer was computed for. */
  readonly dataVersion: string;
  /** When the SQL ran; for a cached answer, the original run. */
  readonly computedAt: Date;
}

/** SPEC §10: `raw`, or the derived tables' names; `raw` is listed too when only part of an answer came from marts. */
export function sourceLabel(marts: readonly string[], raw: boolean): string {
  const names = [...new Set(marts)];
  if (names.length === 0) return 'raw';
  return raw ? [...names, 'raw'].join(',') : names.join(',');
}
