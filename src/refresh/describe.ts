import type { MartReport } from './refresh';

/** A refresh in a line: its wall time, how many marts took each mode, and the slowest three. */
export interface RefreshSummary {
  readonly ms: number;
  /** "17 from the changes", "16 rebuilt, 1 unchanged"; empty when no mart is declared. */
  readonly modes: string;
  /** "sessions 21.9 s, user_day 9.4 s, ..." */
  readonly slowest: string;
}

const MODE_WORDS: Record<MartReport['mode'], string> = { full: 'rebuilt', changes: 'from the changes', unchanged: 'unchanged' };

export function summariseRefresh(marts: readonly MartReport[]): RefreshSummary {
  const counts = new Map<MartReport['mode'], number>();
  for (const m of marts) counts.set(m.mode, (counts.get(m.mode) ?? 0) + 1);
  const slowest = [...marts].sort((a, b) => b.ms - a.ms).slice(0, 3).filter((m) => m.ms >= 100);
  return {
    ms: marts.reduce((n, m) => n + m.ms, 0),
    modes: [...counts].map(([mode, n]) => `${n} ${MODE_WORDS[mode]}`).join(', '),
    slowest: slowest.map((m) => `${m.name} ${(m.ms / 1000).toFixed(1)} s`).join(', '),
  };
}
