import type { Catalog } from '../../src/catalog/types';
import type { Dataset } from './dataset';
import type { BenchOptions } from './options';
import type { PulseModes } from './pulse-modes';
import type { QuestionResult } from './run-questions';
import type { Scratch } from './scratch';

/** What every measurement gets, and what it gives back for the report. */

export interface Bench {
  readonly options: BenchOptions;
  readonly dataset: Dataset;
  readonly scratch: Scratch;
  readonly catalog: Catalog;
  readonly modes: PulseModes;
  /** Progress for a human, on stderr. */
  log(line: string): void;
}

/** One line of the report's figures table. */
export interface Figure {
  readonly label: string;
  readonly value: string;
}

export interface StepResult {
  readonly figures?: readonly Figure[];
  readonly questions?: readonly QuestionResult[];
}

/** One measurement, run in list order (see measurements.ts); later ones see what earlier ones loaded. */
export interface Measurement {
  readonly name: string;
  run(bench: Bench): Promise<StepResult>;
}
