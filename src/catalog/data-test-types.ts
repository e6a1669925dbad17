/**
 * Data tests (YAML `data_tests:`, dbt-style), after loading: frozen, checked
 * against the models. A test is a query for the rows that break a rule;
 * no rows means it passes.
 */
import type { SourceLocation } from '../util/errors';

export type GenericTestKind = 'not_null' | 'unique' | 'accepted_values' | 'relationships';
export type DataTestKind = GenericTestKind | 'singular';

/** error: a failure fails `pulse check`; warn: reported only. */
export type DataTestSeverity = 'error' | 'warn';

interface DataTestBase {
  /** As written, or <test>_<model>_<column> for a generic test without a name. */
  readonly name: string;
  readonly description: string;
  readonly severity: DataTestSeverity;
  readonly location: SourceLocation;
}

interface ColumnTestBase extends DataTestBase {
  readonly model: string;
  readonly column: string;
}

export interface NotNullTest extends ColumnTestBase {
  readonly kind: 'not_null';
}

export interface UniqueTest extends ColumnTestBase {
  readonly kind: 'unique';
}

export interface AcceptedValuesTest extends ColumnTestBase {
  readonly kind: 'accepted_values';
  readonly values: readonly (string | number)[];
}

export interface RelationshipsTest extends ColumnTestBase {
  readonly kind: 'relationships';
  /** The model referred to, and its column (its primary key unless `field` says otherwise). */
  readonly to: string;
  readonly field: string;
}

/** A SQL business rule from trusted YAML: one SELECT returning the failing rows. */
export interface SingularTest extends DataTestBase {
  readonly kind: 'singular';
  /** Checked at load: one statement, starting with SELECT or WITH, no trailing semicolon. */
  readonly sql: string;
}

export type GenericTest = NotNullTest | UniqueTest | AcceptedValuesTest | RelationshipsTest;
export type DataTest = GenericTest | SingularTest;
