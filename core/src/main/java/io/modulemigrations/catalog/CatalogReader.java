package io.modulemigrations.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link CatalogSnapshot} from {@code pg_catalog} in one read-only, repeatable-read
 * transaction whose search path is the snapshot's schema, so that {@code format_type},
 * {@code pg_get_expr} and {@code pg_get_constraintdef} qualify only names from other schemas.
 */
final class CatalogReader {

    /** Objects that belong to an extension are the extension's, not the schema's. */
    private static final String NOT_FROM_EXTENSION = " not exists (select 1 from pg_depend e where e.classid = %s"
            + " and e.objid = %s and e.deptype = 'e') ";

    /** The scope's tables: the namespace is parameter 1, the table names (or null for all) parameters 2 and 3. */
    private static final String TABLES = "select c.oid from pg_class c where c.relnamespace = ? and c.relkind in ('r', 'p')"
            + " and not c.relispartition"
            + " and (?::text[] is null or c.relname = any(?::text[])) and"
            + NOT_FROM_EXTENSION.formatted("'pg_class'::regclass", "c.oid");

    private final Connection connection;
    private final CatalogScope scope;
    private long namespace;
    private String schema;

    CatalogReader(Connection connection, CatalogScope scope) {
        this.connection = connection;
        this.scope = scope;
    }

    CatalogSnapshot read() throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        // In the caller's open transaction: read what it sees (its own changes too), and leave it as it was.
        Savepoint inTransaction = autoCommit ? null : connection.setSavepoint();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            if (inTransaction == null) {
                try (Statement st = connection.createStatement()) {
                    st.execute("set transaction isolation level repeatable read, read only");
                }
            }
            resolveSchema();
            try (PreparedStatement ps = connection.prepareStatement("select set_config('search_path', quote_ident(?), true)")) {
                ps.setString(1, schema);
                ps.execute();
            }
            Map<String, List<Column>> columns = columns();
            Map<String, List<Constraint>> constraints = constraints();
            Map<String, List<Index>> indexes = indexes();
            Map<String, String> partitionKeys = partitionKeys();
            List<Table> tables = new ArrayList<>();
            columns.forEach((name, cols) -> tables.add(new Table(name, cols,
                    byName(constraints.getOrDefault(name, List.of()), Constraint::name),
                    byName(indexes.getOrDefault(name, List.of()), Index::name), partitionKeys.get(name))));
            List<Definition> routines = scope.routines() ? routines() : List.of();
            return new CatalogSnapshot(schema, enums(), sequences(), tables, routines);
        } finally {
            if (inTransaction != null) {
                connection.rollback(inTransaction);
            } else {
                connection.rollback();
            }
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    private void resolveSchema() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select oid, nspname from pg_namespace where nspname = coalesce(?, current_schema())")) {
            ps.setString(1, scope.schemaName());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("Schema " + (scope.schemaName() == null ? "(current schema: none on the search path)"
                            : scope.schemaName()) + " does not exist in this database; nothing was read.", "3F000");
                }
                namespace = rs.getLong(1);
                schema = rs.getString(2);
            }
        }
    }

    /** Every table in scope with its columns in table order; a table without columns is still there. */
    private Map<String, List<Column>> columns() throws SQLException {
        String sql = "select c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, sc.relname,"
                + " format_type(s.seqtypid, null), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle"
                + " from pg_class c"
                + " left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped"
                + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " left join pg_depend i on i.refclassid = 'pg_class'::regclass and i.refobjid = a.attrelid"
                + "   and i.refobjsubid = a.attnum and i.classid = 'pg_class'::regclass and i.deptype = 'i'"
                + " left join pg_sequence s on s.seqrelid = i.objid"
                + " left join pg_class sc on sc.oid = s.seqrelid"
                + " where c.oid in (" + TABLES + ") order by c.relname, a.attnum";
        Map<String, List<Column>> tables = new LinkedHashMap<>();
        try (PreparedStatement ps = prepareTables(sql, 1); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<Column> columns = tables.computeIfAbsent(rs.getString(1), t -> new ArrayList<>());
                if (rs.getString(2) == null) {
                    continue;
                }
                String identityKind = rs.getString(6);
                Identity identity = identityKind == null || identityKind.isEmpty() || rs.getString(8) == null ? null
                        : new Identity(identityKind.equals("a"), rs.getString(8), options(rs, 9));
                String generatedKind = rs.getString(7);
                boolean generated = generatedKind != null && !generatedKind.isEmpty();
                String expression = Sql.canonical(Sql.lower(rs.getString(5)));
                columns.add(new Column(rs.getString(2), Sql.shortType(rs.getString(3)), rs.getBoolean(4),
                        generated ? null : expression, identity, generated ? expression : null, "s".equals(generatedKind)));
            }
        }
        return tables;
    }

    private Map<String, List<Constraint>> constraints() throws SQLException {
        String sql = "select c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid),"
                + " case when r.relnamespace = ? then r.relname::text else con.confrelid::regclass::text end,"
                + " array(select a.attname from unnest(con.conkey) with ordinality k(num, ord)"
                + "   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.ord)"
                + " from pg_constraint con join pg_class c on c.oid = con.conrelid left join pg_class r on r.oid = con.confrelid"
                + " where con.contype in ('p', 'u', 'f', 'c', 'x') and con.conrelid in (" + TABLES + ")";
        Map<String, List<Constraint>> found = new LinkedHashMap<>();
        try (PreparedStatement ps = prepareTables(sql, 2); ResultSet rs = bindNamespace(ps).executeQuery()) {
            while (rs.next()) {
                found.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new Constraint(rs.getString(2),
                        ConstraintKind.of(rs.getString(3)), strings(rs.getArray(6)), Sql.canonical(Sql.lower(rs.getString(4))), rs.getString(5)));
            }
        }
        return found;
    }

    private Map<String, List<Index>> indexes() throws SQLException {
        String sql = "select c.relname, ic.relname, i.indisunique, am.amname, pg_get_indexdef(i.indexrelid)"
                + " from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid"
                + " join pg_am am on am.oid = ic.relam"
                + " where i.indrelid in (" + TABLES + ") and not exists (select 1 from pg_constraint con"
                + "   where con.conindid = i.indexrelid and con.conrelid = i.indrelid and con.contype in ('p', 'u', 'x'))";
        Map<String, List<Index>> found = new LinkedHashMap<>();
        try (PreparedStatement ps = prepareTables(sql, 1); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String definition = rs.getString(5);
                String body = definition.substring(definition.indexOf(" USING ") + " USING ".length());
                found.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(new Index(rs.getString(2), rs.getBoolean(3), rs.getString(4), Sql.canonical(Sql.lower(body))));
            }
        }
        return found;
    }

    /** The partition key of each partitioned table in scope. */
    private Map<String, String> partitionKeys() throws SQLException {
        String sql = "select c.relname, pg_get_partkeydef(c.oid) from pg_class c where c.relkind = 'p' and c.oid in (" + TABLES + ")";
        Map<String, String> found = new LinkedHashMap<>();
        try (PreparedStatement ps = prepareTables(sql, 1); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.put(rs.getString(1), Sql.lower(rs.getString(2)));
            }
        }
        return found;
    }

    /** The schema's enum types; with a table list, only those its columns use (directly or as arrays). */
    private List<EnumType> enums() throws SQLException {
        String sql = "select t.typname, array_agg(e.enumlabel::text order by e.enumsortorder)"
                + " from pg_type t join pg_enum e on e.enumtypid = t.oid"
                + " where t.typnamespace = ? and (?::text[] is null or t.oid in ("
                + "   select case when ty.typcategory = 'A' then ty.typelem else ty.oid end from pg_attribute a"
                + "   join pg_type ty on ty.oid = a.atttypid where a.attnum > 0 and not a.attisdropped and a.attrelid in ("
                + TABLES + "))) and" + NOT_FROM_EXTENSION.formatted("'pg_type'::regclass", "t.oid")
                + " group by t.typname";
        List<EnumType> found = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, namespace);
            setNames(ps, 2, scope.tableNames());
            bindTables(ps, 3);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new EnumType(rs.getString(1), strings(rs.getArray(2))));
                }
            }
        }
        return found;
    }

    /**
     * The schema's sequences other than identity columns'; with a table list, only those owned by
     * its columns and those named in the scope.
     */
    private List<Sequence> sequences() throws SQLException {
        String sql = "select c.relname, format_type(s.seqtypid, null), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,"
                + " s.seqcache, s.seqcycle, t.relname, a.attname"
                + " from pg_class c join pg_sequence s on s.seqrelid = c.oid"
                + " left join pg_depend o on o.classid = 'pg_class'::regclass and o.objid = c.oid"
                + "   and o.refclassid = 'pg_class'::regclass and o.refobjsubid > 0 and o.deptype in ('a', 'i')"
                + " left join pg_class t on t.oid = o.refobjid" // an owning table is always in the sequence's schema
                + " left join pg_attribute a on a.attrelid = o.refobjid and a.attnum = o.refobjsubid"
                + " where c.relkind = 'S' and c.relnamespace = ? and (o.deptype is null or o.deptype = 'a')"
                + " and (?::text[] is null or c.relname = any(?::text[]) or o.refobjid in (" + TABLES + ")) and"
                + NOT_FROM_EXTENSION.formatted("'pg_class'::regclass", "c.oid");
        List<Sequence> found = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, namespace);
            Set<String> named = scope.tableNames() == null ? null : scope.sequenceNames();
            setNames(ps, 2, named);
            setNames(ps, 3, named);
            bindTables(ps, 4);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Sequence(rs.getString(1), options(rs, 2), rs.getString(9), rs.getString(10)));
                }
            }
        }
        return found;
    }

    /** Functions and procedures and views of the schema, triggers of the tables in scope. */
    private List<Definition> routines() throws SQLException {
        List<Definition> found = new ArrayList<>();
        String functions = "select p.oid::regprocedure::text, pg_get_functiondef(p.oid) from pg_proc p"
                + " where p.pronamespace = ? and p.prokind in ('f', 'p') and"
                + NOT_FROM_EXTENSION.formatted("'pg_proc'::regclass", "p.oid");
        try (PreparedStatement ps = connection.prepareStatement(functions)) {
            ps.setLong(1, namespace);
            collect(ps, "function", found);
        }
        String views = "select c.relname, pg_get_viewdef(c.oid, true), c.relkind from pg_class c"
                + " where c.relnamespace = ? and c.relkind in ('v', 'm') and"
                + NOT_FROM_EXTENSION.formatted("'pg_class'::regclass", "c.oid");
        try (PreparedStatement ps = connection.prepareStatement(views); ResultSet rs = bindNamespace(ps).executeQuery()) {
            while (rs.next()) {
                found.add(new Definition(rs.getString(3).equals("m") ? "materialized view" : "view", Sql.name(rs.getString(1)),
                        Sql.oneLine(rs.getString(2))));
            }
        }
        String triggers = "select c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid, true) from pg_trigger t"
                + " join pg_class c on c.oid = t.tgrelid where not t.tgisinternal and t.tgrelid in (" + TABLES + ")";
        try (PreparedStatement ps = prepareTables(triggers, 1)) {
            collect(ps, "trigger", found);
        }
        String extensions = "select e.extname, 'version ' || e.extversion from pg_extension e where e.extnamespace = ?";
        try (PreparedStatement ps = connection.prepareStatement(extensions)) {
            ps.setLong(1, namespace);
            collect(ps, "extension", found);
        }
        String textSearch = "select c.cfgname, 'parser ' || p.prsname from pg_ts_config c join pg_ts_parser p on p.oid = c.cfgparser"
                + " where c.cfgnamespace = ? and" + NOT_FROM_EXTENSION.formatted("'pg_ts_config'::regclass", "c.oid");
        try (PreparedStatement ps = connection.prepareStatement(textSearch)) {
            ps.setLong(1, namespace);
            collect(ps, "text search configuration", found);
        }
        return found;
    }

    private PreparedStatement bindNamespace(PreparedStatement ps) throws SQLException {
        ps.setLong(1, namespace);
        return ps;
    }

    private static void collect(PreparedStatement ps, String kind, List<Definition> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Definition(kind, rs.getString(1), Sql.oneLine(rs.getString(2))));
            }
        }
    }

    private PreparedStatement prepareTables(String sql, int first) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            bindTables(ps, first);
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    /** Binds the three parameters of {@link #TABLES} from position {@code first}. */
    private void bindTables(PreparedStatement ps, int first) throws SQLException {
        ps.setLong(first, namespace);
        setNames(ps, first + 1, scope.tableNames());
        setNames(ps, first + 2, scope.tableNames());
    }

    /** A {@code text[]} parameter, SQL null for a null set. */
    private void setNames(PreparedStatement ps, int index, Set<String> names) throws SQLException {
        if (names == null) {
            ps.setNull(index, Types.ARRAY);
        } else {
            ps.setArray(index, connection.createArrayOf("text", names.toArray()));
        }
    }

    private static SequenceOptions options(ResultSet rs, int first) throws SQLException {
        return new SequenceOptions(rs.getString(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getLong(first + 4), rs.getLong(first + 5), rs.getBoolean(first + 6));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static <T> List<T> byName(List<T> items, java.util.function.Function<T, String> name) {
        return items.stream().sorted(Comparator.comparing(name)).toList();
    }
}
