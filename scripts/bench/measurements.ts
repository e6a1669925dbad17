import type { Measurement } from './bench';
import { loadHeldBack, loadMain } from './load';
import { runQuestions } from './run-questions';

/**
 * What the bench measures, in order; each adds figures or question rows to
 * the report. To add one (the mart refresh after the held-back load, cached
 * requests/s against bare Apollo from scripts/bench-warm.ts), write a
 * function of the Bench and insert it here: a row is printed only for what
 * ran.
 */
export const MEASUREMENTS: readonly Measurement[] = [
  { name: 'main load', run: loadMain },
  { name: 'questions', run: runQuestions },
  { name: 'held-back load', run: loadHeldBack },
];
