import type { Mart } from '../catalog/types';

/**
 * What one step of a plan reads: its model's raw tables, or a mart whose
 * rows give exactly the same answer (the matcher proves it; see marts/).
 */
export type Source = { readonly kind: 'raw' } | { readonly kind: 'mart'; readonly mart: Mart };

export const RAW: Source = Object.freeze({ kind: 'raw' });

/** The marts a set of steps read, and whether any reads raw tables: ResultMeta.source. */
export interface Provenance {
  readonly marts: readonly string[];
  readonly raw: boolean;
}

export function provenanceOf(sources: readonly Source[]): Provenance {
  const marts = [...new Set(sources.flatMap((s) => (s.kind === 'mart' ? [s.mart.name] : [])))];
  return { marts, raw: sources.length === 0 || sources.some((s) => s.kind === 'raw') };
}
