import { AnswerCache } from './answer-cache';
import type { MetricAnswer } from './metric-answer';
import { ResultCache } from './result-cache';

/**
 * Level 1, in this process: statement results and, above them, formatted
 * `metrics` answers; one budget, one clear().
 */
export class LocalCache {
  readonly results: ResultCache;
  readonly answers: AnswerCache<MetricAnswer>;

  constructor(maxBytes: number) {
    // Answers are the rows again, formatted; a quarter of the budget keeps the hot ones.
    this.answers = new AnswerCache(Math.floor(maxBytes / 4));
    this.results = new ResultCache(maxBytes - Math.floor(maxBytes / 4));
  }

  clear(): void {
    this.results.clear();
    this.answers.clear();
  }
}
