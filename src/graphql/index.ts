export { buildPulseSchema, schemaText } from './schema';
export { createContext, type PulseContext } from './context';
export { createErrorFormatter, type ErrorLogger } from './errors';
export { documentLimitRules, type DocumentLimits } from './limits';
export { requestLogPlugin, type RequestEntry } from './request-log';
export { textArgumentsPlugin } from './text-arguments';
export { costPlugin, estimateCost } from './cost';
export { buildManifest, parseManifest, persistedQueriesPlugin, type PersistedQueries } from './persisted-queries';
export { sha256 } from '../catalog';
