export { compileFunnel, type CompiledFunnel } from './compile-funnel';
export { FUNNEL_LIMITS, type FunnelQuery, type FunnelStepSpec } from './query';
export { funnelStepRows, type FunnelStepRow } from './results';
