import type { Catalog } from '../../src/catalog/types';
import { ORDERS_YAML } from '../fixtures/small';
import type { TestApi } from './api';
import { shippedCatalog } from './shipped';

/** The shipped metrics/ catalog plus the test-only orders model of the small fixture. */
export function smallCatalog(): Catalog {
  return shippedCatalog([{ path: 'test/orders.yml', text: ORDERS_YAML }]);
}

/** `metrics(args) { rows { fields } }` -> rows. `args` is GraphQL argument text. */
export async function rows(api: TestApi, args: string, fields: string): Promise<Array<Record<string, unknown>>> {
  const data = await api.data<{ metrics: { rows: Array<Record<string, unknown>> } }>(`{ metrics(${args}) { rows { ${fields} } } }`);
  return data.metrics.rows;
}

/** Round floats so hand-computed fractions compare exactly. */
export function round(value: unknown, digits = 6): unknown {
  return typeof value === 'number' ? Math.round(value * 10 ** digits) / 10 ** digits : value;
}

export function column(list: Array<Record<string, unknown>>, name: string): unknown[] {
  return list.map((r) => round(r[name]));
}
