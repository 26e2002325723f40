// Parsers for the values of `Key: value` detail lines below a node in TEXT EXPLAIN. Each
// turns one value into model fields; keys without a parser are kept as text in `extra`.

import type { Buffers, PlanNodeDraft, SortSpace } from './model';
import { emptyBuffers } from './model';
import { splitTopLevel } from './pg-expr';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The fields of a node a detail line can set; `extra` entries are added to the node's. */
export type DetailFields = Partial<Mutable<Omit<PlanNodeDraft, 'children'>>>;

type DetailParser = (value: string) => DetailFields | undefined;

const text =
  (field: keyof DetailFields): DetailParser =>
  (value) => ({ [field]: value });

const count =
  (field: keyof DetailFields): DetailParser =>
  (value) =>
    /^\d+(\.\d+)?$/.test(value) ? { [field]: Number(value) } : undefined;

const list =
  (field: keyof DetailFields): DetailParser =>
  (value) => ({ [field]: splitTopLevel(value, ',') });

/** Parsers by detail key; the sample above each shows the value it reads. */
export const DETAIL_PARSERS: Readonly<Record<string, DetailParser>> = {
  // Filter: (a = 5)
  Filter: text('filter'),
  'Join Filter': text('joinFilter'),
  'Index Cond': text('indexCond'),
  'Recheck Cond': text('recheckCond'),
  'Hash Cond': text('hashCond'),
  'Merge Cond': text('mergeCond'),
  'One-Time Filter': text('oneTimeFilter'),
  // Rows Removed by Filter: 99900
  'Rows Removed by Filter': count('rowsRemovedByFilter'),
  'Rows Removed by Join Filter': count('rowsRemovedByJoinFilter'),
  'Rows Removed by Index Recheck': count('rowsRemovedByIndexRecheck'),
  // Heap Fetches: 5054
  'Heap Fetches': count('heapFetches'),
  'Index Searches': count('indexSearches'),
  // Workers Planned: 2
  'Workers Planned': count('workersPlanned'),
  'Workers Launched': count('workersLaunched'),
  // Sort Key: status, amount DESC
  'Sort Key': list('sortKey'),
  'Presorted Key': list('presortedKey'),
  'Group Key': list('groupKey'),
  // Output: id, customer_id, (lower(email))
  Output: list('output'),
  // Sort Method: external merge  Disk: 3392kB
  'Sort Method': parseSortMethod,
  // Buckets: 4096 (originally 1024)  Batches: 8 (originally 1)  Memory Usage: 166kB
  Buckets: parseHashBuckets,
  // Batches: 21  Memory Usage: 169kB  Disk Usage: 3440kB   (HashAggregate)
  Batches: parseAggBatches,
  // Planned Partitions: 4  Batches: 21  Memory Usage: 169kB  Disk Usage: 3440kB
  'Planned Partitions': (value) => {
    const planned = /^(\d+)\s+Batches:\s*(.*)$/.exec(value);
    const batches = planned?.[2] ? parseAggBatches(planned[2]) : undefined;
    return batches && planned?.[1]
      ? { ...batches, extra: { 'Planned Partitions': planned[1] } }
      : undefined;
  },
  // Buffers: shared hit=834 read=52, temp read=613 written=614
  Buffers: (value) => {
    const buffers = parseBuffers(value);
    return buffers ? { buffers } : undefined;
  },
  // Heap Blocks: exact=151 lossy=2
  'Heap Blocks': parseHeapBlocks,
  // Storage: Memory  Maximum Storage: 909kB   (named as JSON names them)
  Storage: (value) => {
    const m = /^(\S+)\s+Maximum Storage: (\d+)kB$/.exec(value);
    return m?.[1] && m[2] ? { extra: { Storage: m[1], 'Maximum Storage': m[2] } } : undefined;
  },
};

// external merge  Disk: 3392kB | quicksort  Memory: 25kB | top-N heapsort  Memory: 17kB
function parseSortMethod(value: string): DetailFields | undefined {
  const m = /^(.+?)\s+(Memory|Disk): (\d+)kB$/.exec(value);
  if (!m?.[1] || !m[2] || !m[3]) return value ? { sortMethod: value } : undefined;
  const sortSpace: SortSpace = { type: m[2] === 'Disk' ? 'Disk' : 'Memory', kB: Number(m[3]) };
  return { sortMethod: m[1], sortSpace };
}

/** Reads `Sort Method: …` when it follows `Worker N:`, returning method and space. */
export function parseWorkerSort(value: string): { sortMethod?: string; sortSpace?: SortSpace } {
  return parseSortMethod(value) ?? {};
}

// 4096 (originally 1024)  Batches: 8 (originally 1)  Memory Usage: 166kB
// 1024  Batches: 1  Memory Usage: 5kB
function parseHashBuckets(value: string): DetailFields | undefined {
  const m =
    /^(\d+)(?: \(originally (\d+)\))?\s+Batches: (\d+)(?: \(originally (\d+)\))?\s+Memory Usage: (\d+)kB$/.exec(
      value,
    );
  if (!m?.[1] || !m[3] || !m[5]) return undefined;
  return {
    hashBuckets: Number(m[1]),
    originalHashBuckets: Number(m[2] ?? m[1]),
    hashBatches: Number(m[3]),
    originalHashBatches: Number(m[4] ?? m[3]),
    peakMemoryKb: Number(m[5]),
  };
}

// 21  Memory Usage: 169kB  Disk Usage: 3440kB
function parseAggBatches(value: string): DetailFields | undefined {
  const m = /^(\d+)\s+Memory Usage: (\d+)kB(?:\s+Disk Usage: (\d+)kB)?$/.exec(value);
  if (!m?.[1] || !m[2]) return undefined;
  const fields: DetailFields = { hashBatches: Number(m[1]), peakMemoryKb: Number(m[2]) };
  if (m[3]) fields.diskUsageKb = Number(m[3]);
  return fields;
}

// exact=151 lossy=2
function parseHeapBlocks(value: string): DetailFields | undefined {
  const exact = /exact=(\d+)/.exec(value)?.[1];
  const lossy = /lossy=(\d+)/.exec(value)?.[1];
  if (exact === undefined && lossy === undefined) return undefined;
  return { exactHeapBlocks: Number(exact ?? 0), lossyHeapBlocks: Number(lossy ?? 0) };
}

const BUFFER_FIELDS: Record<string, keyof Buffers> = {
  'shared hit': 'sharedHit',
  'shared read': 'sharedRead',
  'shared dirtied': 'sharedDirtied',
  'shared written': 'sharedWritten',
  'local hit': 'localHit',
  'local read': 'localRead',
  'local dirtied': 'localDirtied',
  'local written': 'localWritten',
  'temp read': 'tempRead',
  'temp written': 'tempWritten',
};

/** Reads `shared hit=834 read=52 dirtied=1, local hit=2, temp read=613 written=614`. */
export function parseBuffers(value: string): Buffers | undefined {
  const buffers: Record<keyof Buffers, number> = { ...emptyBuffers() };
  for (const group of value.split(/,\s*/)) {
    const [area, ...pairs] = group.trim().split(/\s+/);
    for (const pair of pairs) {
      const [name, n] = pair.split('=');
      const field = BUFFER_FIELDS[`${area} ${name}`];
      if (!field || n === undefined || !/^\d+$/.test(n)) return undefined;
      buffers[field] = Number(n);
    }
  }
  return buffers;
}
