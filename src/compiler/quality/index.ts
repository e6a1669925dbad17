export { compileDataTest, SAMPLE_SIZE } from './compile-data-test';
