// A synthetic EXPLAIN (ANALYZE, FORMAT JSON) plan with exactly `count` nodes, shaped like a
// deep join tree with scans at the leaves, for the plan-rendering benchmark.
export function syntheticPlan(count) {
  let made = 0;
  const node = (depth) => {
    made++;
    const id = made;
    const leaf = made >= count || depth > 12;
    const base = {
      'Startup Cost': 0.0,
      'Total Cost': 100 + id,
      'Plan Rows': 10 * id,
      'Plan Width': 32,
      'Actual Startup Time': 0.01,
      'Actual Total Time': 1 + id / 10,
      'Actual Rows': 9 * id,
      'Actual Loops': 1,
    };
    if (leaf) {
      return {
        'Node Type': 'Seq Scan',
        'Relation Name': `t${id}`,
        Alias: `t${id}`,
        Filter: `(c${id} > 10)`,
        'Rows Removed by Filter': 50 * id,
        ...base,
      };
    }
    const children = [];
    while (children.length < 2 && made < count) children.push(node(depth + 1));
    return {
      'Node Type': 'Hash Join',
      'Join Type': 'Inner',
      'Hash Cond': `(a${id}.id = b${id}.id)`,
      ...base,
      Plans: children,
    };
  };
  const roots = [];
  while (made < count) roots.push(node(0));
  const root =
    roots.length === 1
      ? roots[0]
      : {
          'Node Type': 'Append',
          'Total Cost': 1,
          'Plan Rows': 1,
          'Plan Width': 1,
          'Actual Startup Time': 0,
          'Actual Total Time': 1,
          'Actual Rows': 1,
          'Actual Loops': 1,
          Plans: roots,
        };
  return JSON.stringify([{ Plan: root, 'Planning Time': 0.5, 'Execution Time': 250 }], null, 2);
}
