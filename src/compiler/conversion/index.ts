export { compileConversion, type CompiledConversion } from './compile-conversion';
export { CONVERSION_LIMITS, type ConversionQuery } from './query';
export { conversionCohortRows, type ConversionCohortRow } from './results';
