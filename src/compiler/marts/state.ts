/**
 * What the matcher knows of the marts in the warehouse (the pulse_marts table),
 * read by the execution layer and passed in: matching stays a pure function of
 * (catalog, marts state, query).
 */
export interface MartStatus {
  /** The definition hash the mart was built from (Mart.hash). */
  readonly hash: string;
  /** The data version its rows reflect. */
  readonly dataVersion: string;
  readonly rows: number;
  /** The latest activity time in the mart's model when it was built; null when it had none. */
  readonly maxTime: Date | null;
}

export interface MartsState {
  /** false with PULSE_MARTS=off: every answer comes from raw tables. */
  readonly enabled: boolean;
  /** The warehouse's current data version. */
  readonly dataVersion: string;
  readonly marts: ReadonlyMap<string, MartStatus>;
}

export const NO_MARTS: MartsState = Object.freeze({ enabled: false, dataVersion: '0', marts: new Map() });
