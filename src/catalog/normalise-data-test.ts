/** Data test specs -> DataTest (data-test-types.ts): default names, severities and relationship fields filled in. */
import type { DataTest } from './data-test-types';
import type { Locator } from './locate';
import type { DataTestSpec } from './schema/data-test';
import type { SemanticModel } from './types';

/** As written, or dbt's <test>_<model>_<column> for a generic test. */
export function dataTestName(spec: DataTestSpec): string {
  if (spec.name !== undefined) return spec.name;
  return 'sql' in spec ? '' : `${spec.test}_${spec.model}_${spec.column}`;
}

/** Needs the models: a relationship's `field` defaults to the primary key of `to`. Run once the rules passed. */
export function normaliseDataTest(spec: DataTestSpec, at: Locator, models: ReadonlyMap<string, SemanticModel>): DataTest {
  const base = { name: dataTestName(spec), description: spec.description ?? '', severity: spec.severity ?? 'error', location: at() };
  if ('sql' in spec) return { ...base, kind: 'singular', sql: spec.sql };
  const column = { ...base, model: spec.model, column: spec.column };
  switch (spec.test) {
    case 'not_null':
    case 'unique':
      return { ...column, kind: spec.test };
    case 'accepted_values':
      return { ...column, kind: spec.test, values: spec.values };
    case 'relationships':
      return { ...column, kind: spec.test, to: spec.to, field: spec.field ?? models.get(spec.to)?.primaryKey ?? '' };
  }
}
