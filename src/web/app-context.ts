import { createContext, useContext } from 'react';
import type { GlobalView } from './state/view';

export interface CatalogMetric {
  readonly name: string;
  readonly definitionName: string;
  readonly description: string;
  readonly kind: string;
  readonly dimensions: readonly string[];
}
export interface CatalogDimension {
  readonly name: string;
  readonly description: string;
  readonly model: string;
  readonly metrics: readonly string[];
}
export interface Catalog {
  readonly version: string;
  readonly metrics: readonly CatalogMetric[];
  readonly dimensions: readonly CatalogDimension[];
}

export interface App {
  readonly catalog: Catalog;
  readonly view: GlobalView;
  readonly params: URLSearchParams;
  /** The last day with activity (in the view's timezone): range presets end there. */
  readonly lastDataDay: string;
}

export const AppContext = createContext<App | null>(null);

export function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside the dashboard');
  return app;
}

/** Dimensions every one of these metrics can be grouped and filtered by. */
export function reachableBy(catalog: Catalog, metrics: readonly string[]): Set<string> {
  const lists = metrics.map((m) => new Set(catalog.metrics.find((c) => c.name === m)?.dimensions ?? []));
  const [first, ...rest] = lists;
  return new Set([...(first ?? [])].filter((d) => rest.every((l) => l.has(d))));
}

/** The dimensions on users (not events): what cohorts, funnels' breakdowns and the users list can use. */
export function userDimensions(catalog: Catalog): string[] {
  return catalog.dimensions.filter((d) => d.model === 'users' || d.model === 'plans').map((d) => d.name);
}
