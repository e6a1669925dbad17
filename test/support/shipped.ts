import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCatalog } from '../../src/catalog';
import type { Catalog } from '../../src/catalog/types';

/**
 * The definition files Pulse ships in metrics/. Tests read these only, so a
 * file a user adds (README "Adding a metric") cannot change their answers or
 * clash with a fixture's names; changing a shipped file is a change to Pulse.
 */
export const SHIPPED_FILES = ['analyses.yml', 'dimensions.yml', 'engagement.yml', 'growth.yml', 'marts.yml', 'models.yml', 'quality.yml', 'sessions.yml'] as const;

export function shippedFiles(): Array<{ path: string; text: string }> {
  return SHIPPED_FILES.map((name) => ({ path: path.join('metrics', name), text: fs.readFileSync(path.join('metrics', name), 'utf8') }));
}

export function shippedCatalog(extra: ReadonlyArray<{ path: string; text: string }> = []): Catalog {
  return parseCatalog([...shippedFiles(), ...extra]);
}

let dir: string | undefined;
/** A folder holding the shipped files alone, for the CLI (PULSE_METRICS_DIR); one per test process. */
export function shippedMetricsDir(): string {
  if (dir) return dir;
  const made = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-shipped-metrics-'));
  for (const name of [...SHIPPED_FILES, 'pulse.schema.json']) fs.copyFileSync(path.join('metrics', name), path.join(made, name));
  process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
  dir = made;
  return made;
}
