export type { CalendarKind, CalendarSpec, Dialect, Sql } from './dialect';
export { postgres } from './postgres';
