/**
 * The catalog while it is being checked: normalised definitions that still
 * carry a Locator for each field, plus every name seen (for duplicates) and
 * the names whose definitions were too broken to normalise (so a reference
 * to them is not reported a second time).
 */
import type { DefinitionProblem } from '../util/errors';
import type { Locator } from './locate';
import type { DataTestSpec } from './schema/data-test';
import type { Section } from './schema/file';
import type { MartSpec } from './schema/mart';
import type { Analysis, Dimension, MartKind, Metric, SemanticModel } from './types';

export interface Located<T> {
  readonly def: T;
  readonly at: Locator;
}

export interface NamedEntry {
  readonly section: Section;
  readonly name: string;
  readonly at: Locator;
}

export interface Draft {
  /** Every entry that has a string name, valid or not, in file order. */
  readonly entries: NamedEntry[];
  /** First definition of each name wins; later ones are reported as duplicates. */
  readonly models: Map<string, Located<SemanticModel>>;
  readonly dimensions: Map<string, Located<Dimension>>;
  readonly metrics: Map<string, Located<Metric>>;
  /** Analyses have their own namespace (Query fields); nothing refers to them by name. */
  readonly analyses: Map<string, Located<Analysis>>;
  /** Data tests as shaped: names and defaults depend on the models, so they are normalised in finish.ts. */
  readonly dataTests: Array<{ readonly spec: DataTestSpec; readonly at: Locator }>;
  /** Marts as shaped: what they are built from depends on each other and the models, so finish.ts normalises them. */
  readonly marts: Map<string, Located<MartSpec[MartKind]>>;
  readonly brokenModels: Set<string>;
  /** Dimensions and metrics share one namespace. */
  readonly brokenFields: Set<string>;
}

export function emptyDraft(): Draft {
  return {
    entries: [],
    models: new Map(),
    dimensions: new Map(),
    metrics: new Map(),
    analyses: new Map(),
    dataTests: [],
    marts: new Map(),
    brokenModels: new Set(),
    brokenFields: new Set(),
  };
}

/** A validation rule: reads the draft, reports, never throws. */
export type Rule = (draft: Draft, problems: DefinitionProblem[]) => void;

export function modelsOf(draft: Draft): Map<string, SemanticModel> {
  return new Map([...draft.models].map(([name, located]) => [name, located.def]));
}
