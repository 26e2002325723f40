// Postgres names a node differently in its two formats: JSON gives a base `Node Type` plus
// fields (`Join Type`, `Strategy`, `Parallel Aware`…), TEXT prints one heading that folds
// them together (`Parallel Hash Left Join`, `Partial HashAggregate`, `Insert on t`).
// These functions convert both ways so that both parsers produce the same nodes.

/** The fields that the TEXT heading of a node folds together. */
export interface NodeName {
  nodeType: string;
  label: string;
  parallelAware: boolean;
  joinType?: string;
  strategy?: string;
  partialMode?: string;
  operation?: string;
  scanDirection?: string;
}

/** The target part of a TEXT heading (`using idx on schema.rel alias`). */
export interface NodeTarget {
  relation?: string;
  schema?: string;
  alias?: string;
  indexName?: string;
  cteName?: string;
  functionName?: string;
}

const JOIN_TYPES = ['Left', 'Full', 'Right', 'Semi', 'Anti', 'Right Semi', 'Right Anti'];
const AGG_STRATEGIES: Record<string, string> = {
  Aggregate: 'Plain',
  GroupAggregate: 'Sorted',
  HashAggregate: 'Hashed',
  MixedAggregate: 'Mixed',
};
const MODIFY_OPERATIONS = ['Insert', 'Update', 'Delete', 'Merge'];

/** Builds the TEXT-style label from JSON fields, e.g. `Hash Join` + `Left` → `Hash Left Join`. */
export function labelFromJson(fields: {
  nodeType: string;
  joinType?: string;
  strategy?: string;
  partialMode?: string;
  operation?: string;
  command?: string;
  scanDirection?: string;
  parallelAware: boolean;
  asyncCapable: boolean;
  customProvider?: string;
}): string {
  let name = fields.nodeType;
  const join = fields.joinType;
  if (name === 'Nested Loop' && join && join !== 'Inner') name = `Nested Loop ${join} Join`;
  if ((name === 'Hash Join' || name === 'Merge Join') && join && join !== 'Inner') {
    name = `${name.split(' ')[0]} ${join} Join`;
  }
  if (name === 'Aggregate') {
    const byStrategy = Object.entries(AGG_STRATEGIES).find(([, s]) => s === fields.strategy);
    name = byStrategy?.[0] ?? 'Aggregate';
    if (fields.partialMode === 'Partial' || fields.partialMode === 'Finalize') {
      name = `${fields.partialMode} ${name}`;
    }
  }
  if (name === 'SetOp') {
    name = fields.strategy === 'Hashed' ? 'HashSetOp' : 'SetOp';
    if (fields.command) name = `${name} ${fields.command}`;
  }
  if (name === 'ModifyTable' && fields.operation) name = fields.operation;
  if (name === 'Custom Scan' && fields.customProvider)
    name = `Custom Scan (${fields.customProvider})`;
  if (fields.scanDirection === 'Backward' && name.startsWith('Index')) name = `${name} Backward`;
  if (fields.asyncCapable) name = `Async ${name}`;
  if (fields.parallelAware) name = `Parallel ${name}`;
  return name;
}

/** Splits a TEXT heading's name part (`Parallel Hash Left Join`) into model fields. */
export function nameFromText(label: string): NodeName {
  let rest = label;
  let parallelAware = false;
  if (rest.startsWith('Parallel ')) {
    parallelAware = true;
    rest = rest.slice('Parallel '.length);
  }
  if (rest.startsWith('Async ')) rest = rest.slice('Async '.length);
  const base = { label, parallelAware };

  const join = /^(Nested Loop|Hash|Merge)(?: (.+?))? Join$|^Nested Loop$/.exec(rest);
  if (join) {
    const kind = join[1] ?? 'Nested Loop';
    const joinType = join[2] && JOIN_TYPES.includes(join[2]) ? join[2] : 'Inner';
    return { ...base, nodeType: kind === 'Nested Loop' ? kind : `${kind} Join`, joinType };
  }
  const agg =
    /^(?:(Partial|Finalize) )?(Aggregate|GroupAggregate|HashAggregate|MixedAggregate)$/.exec(rest);
  if (agg?.[2]) {
    const partialMode = agg[1] ?? 'Simple';
    return { ...base, nodeType: 'Aggregate', strategy: AGG_STRATEGIES[agg[2]], partialMode };
  }
  const setOp = /^(SetOp|HashSetOp) (.+)$/.exec(rest);
  if (setOp?.[2]) {
    const strategy = setOp[1] === 'HashSetOp' ? 'Hashed' : 'Sorted';
    return { ...base, nodeType: 'SetOp', strategy, operation: setOp[2] };
  }
  if (MODIFY_OPERATIONS.includes(rest))
    return { ...base, nodeType: 'ModifyTable', operation: rest };
  const backward = /^(Index Scan|Index Only Scan) Backward$/.exec(rest);
  if (backward?.[1]) return { ...base, nodeType: backward[1], scanDirection: 'Backward' };
  if (rest.startsWith('Custom Scan (')) return { ...base, nodeType: 'Custom Scan' };
  return { ...base, nodeType: rest };
}

// An identifier as Postgres prints it: bare, or double-quoted with "" for a quote.
const IDENT = String.raw`(?:"(?:[^"]|"")*"|[^\s".]+)`;
const QUALIFIED = String.raw`${IDENT}(?:\.${IDENT})*`;
const USING_ON = new RegExp(String.raw`^(.*?) using (${IDENT}) on (${QUALIFIED})(?: (${IDENT}))?$`);
const ON = new RegExp(String.raw`^(.*?) on (${QUALIFIED})(?: (${IDENT}))?$`);

/** Splits a TEXT heading (`Index Scan using i on public.t x`) into its name and target. */
export function splitHeading(heading: string): { name: string; target: NodeTarget } {
  const usingOn = USING_ON.exec(heading);
  if (usingOn?.[1] && usingOn[2] && usingOn[3]) {
    return {
      name: usingOn[1],
      target: { indexName: unquote(usingOn[2]), ...relationTarget(usingOn[3], usingOn[4]) },
    };
  }
  const on = ON.exec(heading);
  if (on?.[1] && on[2]) return { name: on[1], target: targetFor(on[1], on[2], on[3]) };
  return { name: heading, target: {} };
}

function targetFor(name: string, object: string, alias: string | undefined): NodeTarget {
  const base = name.replace(/^(Parallel |Async )+/, '');
  if (base === 'Bitmap Index Scan') return { indexName: unquote(object) };
  if (base === 'CTE Scan' || base === 'WorkTable Scan') {
    const cteName = unquote(object);
    return { cteName, alias: alias ? unquote(alias) : cteName };
  }
  if (base === 'Function Scan' || base === 'Table Function Scan') {
    const functionName = unquote(object);
    return { functionName, alias: alias ? unquote(alias) : functionName };
  }
  if (base === 'Subquery Scan' || base === 'Values Scan' || base === 'Named Tuplestore Scan') {
    return { alias: unquote(alias ?? object) };
  }
  return relationTarget(object, alias);
}

function relationTarget(object: string, alias: string | undefined): NodeTarget {
  const parts = splitQualified(object);
  const relation = parts[parts.length - 1] ?? object;
  const schema = parts.length > 1 ? parts[0] : undefined;
  const target: NodeTarget = { relation, alias: alias ? unquote(alias) : relation };
  if (schema !== undefined) target.schema = schema;
  return target;
}

/** Splits `"my schema".t` into unquoted parts, honouring dots inside quotes. */
export function splitQualified(name: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name.charAt(i);
    if (ch === '"') {
      if (quoted && name.charAt(i + 1) === '"') {
        current += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (ch === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** Removes Postgres identifier quoting: `"Order Items"` → `Order Items`. */
export function unquote(ident: string): string {
  if (ident.length >= 2 && ident.startsWith('"') && ident.endsWith('"')) {
    return ident.slice(1, -1).replace(/""/g, '"');
  }
  return ident;
}

/** Base node types Postgres 9.x–18 can print (used to accept a root line without costs). */
export const KNOWN_NODE_TYPES: ReadonlySet<string> = new Set([
  'Result',
  'ProjectSet',
  'ModifyTable',
  'Append',
  'Merge Append',
  'Recursive Union',
  'BitmapAnd',
  'BitmapOr',
  'Nested Loop',
  'Merge Join',
  'Hash Join',
  'Seq Scan',
  'Sample Scan',
  'Gather',
  'Gather Merge',
  'Index Scan',
  'Index Only Scan',
  'Bitmap Index Scan',
  'Bitmap Heap Scan',
  'Tid Scan',
  'Tid Range Scan',
  'Subquery Scan',
  'Function Scan',
  'Table Function Scan',
  'Values Scan',
  'CTE Scan',
  'Named Tuplestore Scan',
  'WorkTable Scan',
  'Foreign Scan',
  'Custom Scan',
  'Materialize',
  'Memoize',
  'Sort',
  'Incremental Sort',
  'Group',
  'Aggregate',
  'WindowAgg',
  'Unique',
  'SetOp',
  'LockRows',
  'Limit',
  'Hash',
]);
