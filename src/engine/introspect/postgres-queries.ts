// The catalog queries behind `introspectPostgres`. Each part is set-based (one scan per
// catalog, never one query per table) and returns its rows as one JSON array; the parts are
// combined into a single statement so introspection is one round trip to the worker.
// JSON is cast to text so the result does not depend on how the driver parses json.

/** Schemas the user owns: everything except the system ones (`pg_*` is reserved). */
const USER_NAMESPACE = `n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`;

/**
 * Objects created by CREATE EXTENSION belong to the extension, not to the user's design.
 * Looked up from the extension side (pg_depend_reference_index), which is cheap when there
 * are few extensions, instead of probing pg_depend once per object.
 */
const notExtensionOwned = (catalog: string, oid: string): string =>
  `${oid} not in (select e.objid from pg_depend e where e.refclassid = 'pg_extension'::regclass ` +
  `and e.deptype = 'e' and e.classid = '${catalog}'::regclass)`;

/** Relation kinds the model shows: tables, views, materialized views, partitioned, foreign. */
const USER_RELKINDS = `c.relkind in ('r', 'v', 'm', 'p', 'f')`;

/** User relations. */
const REL_CTE = `rel as materialized (
  select c.oid, n.nspname, c.relname, c.relkind, c.relispartition, c.relpartbound,
         c.relrowsecurity, c.relforcerowsecurity
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where ${USER_RELKINDS} and ${USER_NAMESPACE}
    and ${notExtensionOwned('pg_class', 'c.oid')})`;

const agg = (select: string): string =>
  `(select coalesce(json_agg(t), '[]'::json) from (${select}) t)`;

/** The named parts; each is a SELECT that may refer to the `rel` CTE. */
export const PG_QUERIES = {
  schemas: `
    select n.nspname as name from pg_namespace n
    where ${USER_NAMESPACE} and ${notExtensionOwned('pg_namespace', 'n.oid')}
    order by 1`,

  relations: `
    select r.oid, r.nspname as schema, r.relname as name, r.relkind as kind,
      d.description as comment,
      case when r.relispartition then pg_get_expr(r.relpartbound, r.oid) end as bound,
      case when r.relkind = 'p' then pg_get_partkeydef(r.oid) end as partkey,
      case when r.relkind in ('v', 'm') then pg_get_viewdef(r.oid, true) end as viewdef,
      r.relispartition as is_partition, r.relrowsecurity as rls, r.relforcerowsecurity as rls_forced,
      (select json_agg(json_build_array(pn.nspname, pc.relname) order by i.inhseqno)
         from pg_inherits i join pg_class pc on pc.oid = i.inhparent
         join pg_namespace pn on pn.oid = pc.relnamespace
        where i.inhrelid = r.oid) as parents
    from rel r
    left join pg_description d
      on d.objoid = r.oid and d.classoid = 'pg_class'::regclass and d.objsubid = 0`,

  columns: `
    select a.attrelid as rel, a.attnum as num, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
      not a.attnotnull as nullable, pg_get_expr(ad.adbin, ad.adrelid) as expr,
      a.attgenerated as generated, a.attidentity as identity,
      case when cn.nspname = 'pg_catalog' then co.collname
           else cn.nspname || '.' || co.collname end as collation,
      d.description as comment
    from rel r
    join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
    join pg_type ty on ty.oid = a.atttypid
    left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    left join pg_collation co on co.oid = a.attcollation and a.attcollation <> ty.typcollation
    left join pg_namespace cn on cn.oid = co.collnamespace
    left join pg_description d
      on d.objoid = a.attrelid and d.classoid = 'pg_class'::regclass and d.objsubid = a.attnum`,

  // Column lists come back as attnum arrays and are named from the columns part in
  // TypeScript: a correlated lookup per constraint was most of the statement's time.
  // Foreign keys that Postgres clones onto partitions (conparentid <> 0) are left out: they
  // repeat the parent's key and would draw one extra edge per partition.
  constraints: `
    select c.conrelid as rel, c.conname as name, c.contype as type,
      c.conkey as columns, c.confrelid as ref, fn.nspname as ref_schema, fc.relname as ref_name,
      c.confkey as ref_columns,
      c.confupdtype as on_update, c.confdeltype as on_delete, c.confmatchtype as match,
      c.condeferrable as deferrable, c.condeferred as deferred,
      c.convalidated as validated, c.conenforced as enforced, not c.conislocal as inherited,
      case when c.contype = 'c' then pg_get_expr(c.conbin, c.conrelid, true) end as expr,
      coalesce(x.indnullsnotdistinct, false) as nulls_not_distinct
    from rel r
    join pg_constraint c on c.conrelid = r.oid
    left join pg_class fc on fc.oid = c.confrelid
    left join pg_namespace fn on fn.oid = fc.relnamespace
    left join pg_index x on x.indexrelid = c.conindid and c.contype = 'u'
    where c.contype in ('p', 'u', 'f', 'c') and (c.contype <> 'f' or c.conparentid = 0)`,

  // `keys` are attnums (0 = expression, its text in `exprs` at the same position);
  // positions past indnkeyatts are INCLUDE columns.
  indexes: `
    select x.indrelid as rel, i.relname as name, am.amname as method,
      x.indisunique as is_unique, x.indisprimary as is_primary, x.indnkeyatts as nkey,
      x.indkey::int2[] as keys, x.indoption::int2[] as options,
      case when x.indexprs is not null then
        (select json_agg(case when k.num = 0 then pg_get_indexdef(x.indexrelid, k.ord::int, true) end
                         order by k.ord)
           from unnest(x.indkey::int2[]) with ordinality k(num, ord))
      end as exprs,
      pg_get_expr(x.indpred, x.indrelid, true) as predicate,
      con.conname as constraint_name,
      -- The text of constraint-backed indexes is implied by the constraint; skipping it
      -- saves ~40 ms at 400 tables.
      case when con.conname is null then pg_get_indexdef(x.indexrelid) end as definition
    from rel r
    join pg_index x on x.indrelid = r.oid
    join pg_class i on i.oid = x.indexrelid
    join pg_am am on am.oid = i.relam
    left join pg_constraint con
      on con.conindid = x.indexrelid and con.conrelid = x.indrelid and con.contype in ('p', 'u', 'x')`,

  // Triggers cloned onto partitions (tgparentid <> 0) repeat the parent's; left out.
  triggers: `
    select t.tgrelid as rel, t.tgname as name, t.tgtype as type, t.tgenabled <> 'D' as enabled,
      pn.nspname || '.' || p.proname as function, pg_get_triggerdef(t.oid, true) as definition,
      t.tgattr::int2[] as update_columns
    from rel r
    join pg_trigger t on t.tgrelid = r.oid and not t.tgisinternal and t.tgparentid = 0
    join pg_proc p on p.oid = t.tgfoid
    join pg_namespace pn on pn.oid = p.pronamespace`,

  policies: `
    select p.polrelid as rel, p.polname as name, p.polcmd as cmd, p.polpermissive as permissive,
      (select json_agg(case when u.role = 0 then 'public' else pg_get_userbyid(u.role)::text end
                       order by u.ord)
         from unnest(p.polroles) with ordinality u(role, ord)) as roles,
      pg_get_expr(p.polqual, p.polrelid, true) as using_expr,
      pg_get_expr(p.polwithcheck, p.polrelid, true) as check_expr
    from rel r join pg_policy p on p.polrelid = r.oid`,

  enums: `
    select n.nspname as schema, t.typname as name, d.description as comment,
      (select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e
        where e.enumtypid = t.oid) as labels
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    left join pg_description d on d.objoid = t.oid and d.classoid = 'pg_type'::regclass
    where t.typtype = 'e' and ${USER_NAMESPACE} and ${notExtensionOwned('pg_type', 't.oid')}
    order by 1, 2`,

  domains: `
    select n.nspname as schema, t.typname as name, d.description as comment,
      format_type(t.typbasetype, t.typtypmod) as base_type, t.typnotnull as not_null,
      t.typdefault as default_expr,
      case when t.typcollation <> b.typcollation then co.collname end as collation,
      (select json_agg(json_build_array(c.conname, pg_get_expr(c.conbin, 0, true))
                       order by c.conname)
         from pg_constraint c where c.contypid = t.oid and c.contype = 'c') as checks
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    join pg_type b on b.oid = t.typbasetype
    left join pg_collation co on co.oid = t.typcollation
    left join pg_description d on d.objoid = t.oid and d.classoid = 'pg_type'::regclass
    where t.typtype = 'd' and ${USER_NAMESPACE} and ${notExtensionOwned('pg_type', 't.oid')}
    order by 1, 2`,

  // int8 bounds as text: JSON numbers would lose precision past 2^53. The owner comes from
  // one hash join over pg_depend; a lookup per sequence cost 50 ms at 400 tables.
  sequences: `
    select n.nspname as schema, c.relname as name, format_type(s.seqtypid, null) as type,
      s.seqstart::text as start, s.seqincrement::text as increment,
      s.seqmin::text as min, s.seqmax::text as max, s.seqcycle as cycle,
      o.nspname as owner_schema, o.relname as owner_name, o.attname as owner_column,
      o.deptype = 'i' as identity
    from pg_sequence s
    join pg_class c on c.oid = s.seqrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join (
      select dep.objid, rn.nspname, rc.relname, a.attname, dep.deptype
      from pg_depend dep
      join pg_class rc on rc.oid = dep.refobjid
      join pg_namespace rn on rn.oid = rc.relnamespace
      join pg_attribute a on a.attrelid = dep.refobjid and a.attnum = dep.refobjsubid
      where dep.classid = 'pg_class'::regclass and dep.refclassid = 'pg_class'::regclass
        and dep.deptype in ('a', 'i') and dep.refobjsubid > 0
    ) o on o.objid = c.oid
    where ${USER_NAMESPACE} and ${notExtensionOwned('pg_class', 'c.oid')}
    order by 1, 2`,
} as const;

export type PgQueryName = keyof typeof PG_QUERIES;

/** All parts in one statement returning one text cell: `{"schemas": [...], "relations": [...]}`. */
export const PG_INTROSPECT_SQL = `with ${REL_CTE}
select json_build_object(
${Object.entries(PG_QUERIES)
  .map(([name, sql]) => `  '${name}', ${agg(sql)}`)
  .join(',\n')}
)::text as model`;

/**
 * The same statement over the system catalog's own tables (about 60, with their keys and
 * indexes), for warming up: see `warmPostgresIntrospection`.
 */
export const PG_WARM_UP_SQL = PG_INTROSPECT_SQL.replaceAll(
  USER_NAMESPACE,
  `n.nspname = 'pg_catalog'`,
).replace(USER_RELKINDS, `c.relkind = 'r'`);
