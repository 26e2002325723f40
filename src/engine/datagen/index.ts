// Sample data generator: plans set-based INSERT … SELECT statements that fill a table (and
// the parents its foreign keys need) inside the engine, then runs them with progress.
export { planGeneration, describePlan, MAX_ROWS, MIN_ROWS, DEFAULT_BATCH } from './plan';
export { executePlan } from './execute';
export type { ExecuteOptions, ExecuteResult, GenerationProgress } from './execute';
export { benchDatagen } from './bench';
export type { BenchEngine, DatagenBenchResult } from './bench';
export { isPlanError } from './types';
export type { GenerationOptions, GenerationPlan, GenerationStep, PlanResult } from './types';
