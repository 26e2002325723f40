// Everything the SQLite worker runs once its first request arrives, in one module so that the
// worker fetches it as one file instead of a chain of imports.
export { SqljsEngine } from './sqljs';
export { serve } from './worker-core';
