// Differences in queries: ordering, grouping, limits and query features.

import type { CatalogueEntry } from '../types';
import { portScalarMinMax } from '../ports/functions';
import { err, ok, okN } from './helpers';

export const QUERY_ENTRIES: CatalogueEntry[] = [
  {
    id: 'null-ordering',
    title: 'Where NULLs sort: last in Postgres, first in SQLite',
    topic: 'queries',
    postgres:
      'NULL counts as larger than every value: last with ORDER BY x, first with ORDER BY x DESC.',
    sqlite:
      'NULL counts as smaller than every value: first with ORDER BY x, last with ORDER BY x DESC.',
    why: 'The SQL standard leaves the position of NULLs to the implementation.',
    portable: 'Say it: ORDER BY x NULLS FIRST or NULLS LAST works on both (SQLite 3.30 and later).',
    demo: [
      'create table cmp_rank (score integer);',
      'insert into cmp_rank values (2), (null), (1);',
      'select score from cmp_rank order by score;',
      'select score from cmp_rank order by score desc;',
      'select score from cmp_rank order by score nulls first;',
    ].join('\n'),
    expect: {
      postgres: [...okN(2), ok([[1], [2], [null]]), ok([[null], [2], [1]]), ok([[null], [1], [2]])],
      sqlite: [...okN(2), ok([[null], [1], [2]]), ok([[2], [1], [null]]), ok([[null], [1], [2]])],
    },
    match: [{ kinds: ['null-order'] }, { kinds: ['order'], ordered: true }],
  },
  {
    id: 'unordered-results',
    title: 'Without ORDER BY, row order is not defined',
    topic: 'queries',
    postgres:
      'Returns rows in whatever order the plan produces; often insertion order for a small table, but a later update, vacuum or parallel plan changes it.',
    sqlite:
      'The same rule. PRAGMA reverse_unordered_selects = ON reverses the natural order to flush out queries that rely on it.',
    why: 'A table is a set; only ORDER BY promises an order. LIMIT without ORDER BY picks arbitrary rows.',
    portable:
      'Add ORDER BY to every query whose order matters, ending with a unique column so ties are settled.',
    demo: [
      'create table cmp_seq (n integer);',
      'insert into cmp_seq values (1), (2), (3);',
      'pragma reverse_unordered_selects = on;',
      'select n from cmp_seq;',
      'select n from cmp_seq order by n;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(2),
        err('syntax error at or near "pragma"', '42601'),
        ok([[1], [2], [3]]),
        ok([[1], [2], [3]]),
      ],
      sqlite: [...okN(3), ok([[3], [2], [1]]), ok([[1], [2], [3]])],
    },
    match: [
      { kinds: ['order'], ordered: false },
      { kinds: ['value', 'row-count'], ordered: false, sql: /\blimit\b/i },
    ],
  },
  {
    id: 'limit-offset',
    title: 'LIMIT forms: -1, ALL and FETCH FIRST',
    topic: 'queries',
    postgres:
      'LIMIT ALL means no limit, a negative LIMIT is an error, and the standard OFFSET … FETCH FIRST n ROWS ONLY works.',
    sqlite: 'LIMIT -1 means no limit; LIMIT ALL and FETCH FIRST are not understood.',
    why: 'LIMIT/OFFSET is not standard SQL; each engine grew its own variants.',
    portable:
      'LIMIT n OFFSET m, with non-negative numbers, works on both; leave LIMIT out for “no limit”.',
    demo: [
      'create table cmp_page (n integer);',
      'insert into cmp_page values (1), (2), (3);',
      'select n from cmp_page order by n limit -1;',
      'select n from cmp_page order by n limit all;',
      'select n from cmp_page order by n offset 1 rows fetch first 1 rows only;',
      'select n from cmp_page order by n limit 1 offset 1;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(2),
        err('LIMIT must not be negative', '2201W'),
        ok([[1], [2], [3]]),
        ok([[2]]),
        ok([[2]]),
      ],
      sqlite: [
        ...okN(2),
        ok([[1], [2], [3]]),
        err('near "all": syntax error'),
        err('syntax error'),
        ok([[2]]),
      ],
    },
    match: [{ kinds: ['one-side-error'], sql: /\blimit\s+(-|all\b)|\bfetch\s+(first|next)\b/i }],
  },
  {
    id: 'distinct-on',
    title: 'DISTINCT ON is Postgres-only',
    topic: 'queries',
    postgres:
      'SELECT DISTINCT ON (item) … ORDER BY item, at DESC keeps the first row of each group: the latest price per item.',
    sqlite: 'Syntax error.',
    why: 'DISTINCT ON is a Postgres extension to the standard.',
    portable:
      'Number the rows with row_number() OVER (PARTITION BY item ORDER BY at DESC) in a subquery and keep number 1; both engines run it.',
    demo: [
      'create table cmp_price_log (item text, at integer, price integer);',
      "insert into cmp_price_log values ('a', 1, 10), ('a', 2, 12), ('b', 1, 7);",
      'select distinct on (item) item, price from cmp_price_log order by item, at desc;',
      'select item, price from (select item, price, row_number() over (partition by item order by at desc) as rn from cmp_price_log) latest where rn = 1 order by item;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(2),
        ok([
          ['a', 12],
          ['b', 7],
        ]),
        ok([
          ['a', 12],
          ['b', 7],
        ]),
      ],
      sqlite: [
        ...okN(2),
        err('near "on": syntax error'),
        ok([
          ['a', 12],
          ['b', 7],
        ]),
      ],
    },
    match: [{ kinds: ['one-side-error'], sql: /\bdistinct\s+on\s*\(/i }],
  },
  {
    id: 'window-functions',
    title: 'Window functions and FILTER work in both',
    topic: 'queries',
    postgres:
      'OVER (PARTITION BY … ORDER BY …), rank(), running sums and aggregate FILTER (WHERE …).',
    sqlite: 'The same (window functions since 3.25, FILTER since 3.30).',
    why: 'Both follow the SQL standard here.',
    portable:
      'Write them once; mind that sum() over integers is bigint in Postgres and INTEGER in SQLite.',
    demo: [
      'create table cmp_sale (region text, amount integer);',
      "insert into cmp_sale values ('n', 10), ('n', 20), ('s', 5);",
      'select region, amount, sum(amount) over (partition by region) as region_total, rank() over (order by amount desc) as rnk from cmp_sale order by amount desc;',
      'select count(*) filter (where amount > 8) as big from cmp_sale;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(2),
        ok([
          ['n', 20, 30, 1],
          ['n', 10, 30, 2],
          ['s', 5, 5, 3],
        ]),
        ok([[2]]),
      ],
      sqlite: [
        ...okN(2),
        ok([
          ['n', 20, 30, 1],
          ['n', 10, 30, 2],
          ['s', 5, 5, 3],
        ]),
        ok([[2]]),
      ],
    },
    match: [],
  },
  {
    id: 'recursive-cte',
    title: 'Recursive CTEs: RECURSIVE is optional in SQLite',
    topic: 'queries',
    postgres:
      'WITH RECURSIVE is required for a CTE that refers to itself; without it the name is unknown.',
    sqlite: 'Runs the recursion with or without the RECURSIVE keyword.',
    why: 'The standard requires the keyword; SQLite detects self-reference on its own.',
    portable: 'Always write WITH RECURSIVE.',
    demo: [
      'with recursive n(i) as (select 1 union all select i + 1 from n where i < 4) select sum(i) from n;',
      'with n(i) as (select 1 union all select i + 1 from n where i < 4) select sum(i) from n;',
    ].join('\n'),
    expect: {
      postgres: [ok([[10]]), err('relation "n" does not exist', '42P01')],
      sqlite: [ok([[10]]), ok([[10]])],
    },
    match: [
      {
        kinds: ['one-side-error'],
        statements: ['WITH'],
        errors: [{ engine: 'postgres', codes: ['42P01'] }],
      },
    ],
  },
  {
    id: 'full-outer-join',
    title: 'RIGHT and FULL OUTER JOIN work in both',
    topic: 'queries',
    postgres: 'Supports LEFT, RIGHT and FULL OUTER JOIN.',
    sqlite: 'Supports them too since 3.39 (2022); older SQLite had only LEFT JOIN.',
    why: 'SQLite caught up with the standard.',
    portable:
      'Write them once, but remember older SQLite builds (phones, older Python) may still lack them.',
    demo: [
      'create table cmp_l (id integer);',
      'create table cmp_r (id integer);',
      'insert into cmp_l values (1), (2);',
      'insert into cmp_r values (2), (3);',
      'select l.id, r.id from cmp_l l full outer join cmp_r r on l.id = r.id order by coalesce(l.id, r.id);',
      'select l.id, r.id from cmp_l l right join cmp_r r on l.id = r.id order by r.id;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(4),
        ok([
          [1, null],
          [2, 2],
          [null, 3],
        ]),
        ok([
          [2, 2],
          [null, 3],
        ]),
      ],
      sqlite: [
        ...okN(4),
        ok([
          [1, null],
          [2, 2],
          [null, 3],
        ]),
        ok([
          [2, 2],
          [null, 3],
        ]),
      ],
    },
    match: [],
  },
  {
    id: 'update-from',
    title: 'UPDATE … FROM works in both',
    topic: 'queries',
    postgres: 'UPDATE t SET … FROM other WHERE … updates t using rows of other.',
    sqlite: 'The same syntax since 3.33.',
    why: 'SQLite adopted the Postgres form.',
    portable:
      'Write it once; make sure each target row matches at most one row of FROM, otherwise the chosen row is arbitrary in both.',
    demo: [
      'create table cmp_stock2 (sku text primary key, qty integer);',
      'create table cmp_delivery (sku text, qty integer);',
      "insert into cmp_stock2 values ('a', 1), ('b', 1);",
      "insert into cmp_delivery values ('a', 5);",
      'update cmp_stock2 set qty = cmp_stock2.qty + d.qty from cmp_delivery d where d.sku = cmp_stock2.sku;',
      'select sku, qty from cmp_stock2 order by sku;',
    ].join('\n'),
    expect: {
      postgres: [
        ...okN(5),
        ok([
          ['a', 6],
          ['b', 1],
        ]),
      ],
      sqlite: [
        ...okN(5),
        ok([
          ['a', 6],
          ['b', 1],
        ]),
      ],
    },
    match: [],
  },
  {
    id: 'group-by-bare-columns',
    title: 'Columns outside GROUP BY: an error in Postgres, allowed in SQLite',
    topic: 'queries',
    postgres:
      'Every selected column must be grouped or aggregated (unless the GROUP BY covers the primary key).',
    sqlite:
      'A bare column takes its value from some row of the group; with max() or min() it comes from the row holding that extreme.',
    why: 'SQLite keeps this looser rule for compatibility and uses it for “row with the maximum” queries.',
    portable:
      'Group by every plain column, or use a window function (row_number()) to pick the row you want.',
    demo: [
      'create table cmp_emp (dept text, name text, salary integer);',
      "insert into cmp_emp values ('x', 'ann', 10), ('x', 'bob', 20);",
      'select dept, name, max(salary) from cmp_emp group by dept;',
      'select dept, max(salary) from cmp_emp group by dept;',
    ].join('\n'),
    expect: {
      postgres: [...okN(2), err('must appear in the GROUP BY clause', '42803'), ok([['x', 20]])],
      sqlite: [...okN(2), ok([['x', 'bob', 20]]), ok([['x', 20]])],
    },
    match: [{ kinds: ['one-side-error'], errors: [{ engine: 'postgres', codes: ['42803'] }] }],
  },
  {
    id: 'empty-aggregates',
    title: 'Aggregates over no rows',
    topic: 'queries',
    postgres: 'sum(), max() and avg() of no rows are NULL, count() is 0.',
    sqlite: 'The same; SQLite also has total(), which returns 0.0 instead of NULL.',
    why: 'Both follow the standard; total() is an SQLite extra.',
    portable: 'coalesce(sum(x), 0) gives 0 on both.',
    demo: [
      'create table cmp_empty (n integer);',
      'select sum(n), count(n), max(n) from cmp_empty;',
      'select coalesce(sum(n), 0) from cmp_empty;',
      'select total(n) from cmp_empty;',
    ].join('\n'),
    expect: {
      postgres: [
        ok(),
        ok([[null, 0, null]]),
        ok([[0]]),
        err('function total\\(integer\\) does not exist', '42883'),
      ],
      sqlite: [ok(), ok([[null, 0, null]]), ok([[0]]), ok([[0]])],
    },
    match: [{ kinds: ['one-side-error'], sql: /\btotal\s*\(/i }],
  },
  {
    id: 'scalar-min-max',
    title: 'greatest()/least() vs multi-argument max()/min()',
    topic: 'queries',
    postgres:
      'greatest(a, b) and least(a, b) compare values in a row and ignore NULLs; max and min are aggregates only.',
    sqlite:
      'max(a, b) and min(a, b) with two or more arguments compare values in a row, and return NULL if any argument is NULL; greatest() does not exist.',
    why: 'Different names for the same idea, with different NULL rules.',
    portable:
      'CASE WHEN a >= b THEN a ELSE b END works on both; handle NULLs explicitly with coalesce.',
    demo: ['select greatest(3, 7, null), least(3, 7);', 'select max(3, 7, null), min(3, 7);'].join(
      '\n',
    ),
    expect: {
      postgres: [
        ok([[7, 3]]),
        err('function max\\(integer, integer, unknown\\) does not exist', '42883'),
      ],
      sqlite: [err('no such function: greatest'), ok([[null, 3]])],
    },
    match: [{ kinds: ['one-side-error'], sql: /\b(greatest|least|max|min)\s*\(/i }],
    port: portScalarMinMax,
  },
  {
    id: 'is-distinct-from',
    title: 'NULL-safe comparison: IS DISTINCT FROM in both, IS only in SQLite',
    topic: 'queries',
    postgres:
      'a IS NOT DISTINCT FROM b treats two NULLs as equal; IS only works with NULL, TRUE, FALSE.',
    sqlite: 'Accepts IS [NOT] DISTINCT FROM (3.39 and later) and also a IS b for any values.',
    why: 'SQLite generalised IS long before the standard syntax arrived.',
    portable: 'Use IS NOT DISTINCT FROM.',
    demo: [
      'select null is not distinct from null as same, 1 is distinct from null as differs;',
      'select 1 is 1;',
      'select null = null;',
    ].join('\n'),
    expect: {
      postgres: [ok([[true, true]]), err('syntax error', '42601'), ok([[null]])],
      sqlite: [ok([[1, 1]]), ok([[1]]), ok([[null]])],
    },
    match: [
      {
        kinds: ['one-side-error'],
        sql: /\bis\s+(not\s+)?(?!null\b|true\b|false\b|distinct\b|unknown\b|not\b)\w/i,
      },
    ],
  },
];
