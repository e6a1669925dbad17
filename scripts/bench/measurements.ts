import type { Measurement } from './bench';
import { loadHeldBack, loadMain } from './load';
import { runQuestions } from './run-questions';
import { warmPath } from './warm-path';

/**
 * What the bench measures, in order; each adds figures or question rows to
 * the report. To add one, write a function of the Bench and insert it here:
 * a row is printed only for what ran.
 */
export const MEASUREMENTS: readonly Measurement[] = [
  { name: 'main load', run: loadMain },
  { name: 'questions', run: runQuestions },
  { name: 'held-back load', run: loadHeldBack },
  { name: 'cached requests/s', run: warmPath },
];
