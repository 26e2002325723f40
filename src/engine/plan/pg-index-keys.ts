// Which columns of a scanned table an index could use, read from a Postgres condition.
// B-tree indexes serve equality columns in any order followed by one range column, so
// equalities come first and only the first range column is kept.

import type { AnnotateOptions } from './annotation';
import type { PlanNode } from './model';
import { belongsTo, parseConditions, type Condition, type Operand } from './pg-expr';

/** A condition on a column wrapped in a function or cast, e.g. `lower(email) = '…'`. */
export interface WrappedCondition {
  readonly condition: Condition;
  readonly operand: Extract<Operand, { kind: 'expression' }>;
}

export interface IndexColumns {
  /** Plain columns, equality (and IS NULL) first, then at most one range column. */
  readonly columns: readonly string[];
  /** Columns compared with `=` or `IS NULL`. */
  readonly equalityColumns: readonly string[];
  readonly wrapped: readonly WrappedCondition[];
  readonly hasOr: boolean;
}

const TEXT_TYPES = /^(text|character varying|varchar|character|char|bpchar|name|citext)\b/i;

/** The type of `table.column` when the caller told us, lower-cased. */
export function columnType(
  options: AnnotateOptions,
  table: string | undefined,
  column: string,
): string | undefined {
  if (!table) return undefined;
  return options.columnTypes?.[table]?.[column]?.toLowerCase();
}

/**
 * A cast to text is how Postgres prints a varchar column compared with text; it does not
 * stop a plain index from being used. It only counts as wrapping when the column is known
 * not to be text.
 */
function isHarmlessCast(
  operand: Extract<Operand, { kind: 'expression' }>,
  node: PlanNode,
  options: AnnotateOptions,
): boolean {
  if (operand.fn !== undefined || operand.castType === undefined) return false;
  if (!/^(text|character varying)$/.test(operand.castType)) return false;
  const type = columnType(options, node.relation, operand.ref.column);
  return type === undefined || TEXT_TYPES.test(type);
}

/** Reads the index-usable columns of `node`'s relation from a condition it applies. */
export function indexColumns(
  expression: string | undefined,
  node: PlanNode,
  options: AnnotateOptions,
): IndexColumns {
  if (!expression) return { columns: [], equalityColumns: [], wrapped: [], hasOr: false };
  const { conditions, hasOr } = parseConditions(expression);
  const equality: string[] = [];
  const range: string[] = [];
  const wrapped: WrappedCondition[] = [];
  for (const condition of conditions) {
    const sides = orient(condition, node);
    if (!sides || condition.class === 'other') continue;
    const [own] = sides;
    let column: string | undefined;
    if (own.kind === 'column') column = own.ref.column;
    else if (own.kind === 'expression' && isHarmlessCast(own, node, options))
      column = own.ref.column;
    else if (own.kind === 'expression') wrapped.push({ condition, operand: own });
    if (column === undefined) continue;
    const list = condition.class === 'range' ? range : equality;
    if (!list.includes(column)) list.push(column);
  }
  const firstRange = range.find((c) => !equality.includes(c));
  return {
    columns: firstRange ? [...equality, firstRange] : equality,
    equalityColumns: equality,
    wrapped,
    hasOr,
  };
}

// Puts the scanned relation's side first; the other side must come from elsewhere (a
// literal, a parameter, or another table's column in a join or correlated sub-plan).
function orient(condition: Condition, node: PlanNode): [Operand, Operand] | undefined {
  const { left, right } = condition;
  const leftOwn = belongsTo(left, node.alias, node.relation);
  const rightOwn = belongsTo(right, node.alias, node.relation);
  if (leftOwn && !rightOwn) return [left, right];
  if (rightOwn && !leftOwn) return [right, left];
  return undefined;
}
