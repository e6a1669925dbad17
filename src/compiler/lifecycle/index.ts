export { compileLifecycle, LIFECYCLE_STATES, type CompiledLifecycle, type LifecycleQuery, type LifecycleState } from './compile-lifecycle';
export { lifecyclePeriods, type LifecyclePeriodRow } from './results';
