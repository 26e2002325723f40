// The numbers behind the plan annotations, in one place so they can be tuned and cited.

/** A scan that reads at least this many rows (kept + filtered out, over all loops) is large. */
export const LARGE_SCAN_ROWS = 10_000;

/** A scan that reads this many rows makes a missing index critical rather than a warning. */
export const HUGE_SCAN_ROWS = 1_000_000;

/** Share of the rows read that a filter must throw away before an index is worth it. */
export const SELECTIVE_FILTER_SHARE = 0.9;

/** Estimate errors (actual vs planned rows, either way) and how serious each level is. */
export const MISESTIMATE_LEVELS = [
  { factor: 1000, severity: 'critical' },
  { factor: 100, severity: 'warning' },
  { factor: 10, severity: 'info' },
] as const;

/** Below this many rows (the larger of estimate and actual, over all loops) errors are noise. */
export const MISESTIMATE_MIN_ROWS = 100;

/** Share of total time one node must take, on its own, to be called out (a warning)… */
export const SLOWEST_WARNING_SHARE = 0.4;
/** …and above this share the slowest node is critical. */
export const SLOWEST_CRITICAL_SHARE = 0.9;

/** Queries faster than this are not worth a "slowest step" warning. */
export const SLOWEST_MIN_TOTAL_MS = 1;

/** Index Only Scan heap fetches, as a share of rows returned, that make VACUUM a warning. */
export const HEAP_FETCH_WARNING_SHARE = 0.1;

/** A sort held in memory needs more room than the same data written to disk. */
export const SORT_MEMORY_PER_DISK_KB = 2;

/** Headroom added on top of the measured need when suggesting a `work_mem`. */
export const WORK_MEM_HEADROOM = 1.25;

/** SQLite: a table with at least this many rows is large enough for a full scan to hurt. */
export const SQLITE_LARGE_TABLE_ROWS = 10_000;
