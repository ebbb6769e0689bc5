package io.modulemigrations.link;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the database holds in one schema (the configured one, else the current schema):
 * relations, columns with their types, type names in canonical form, value counts. Read-only.
 */
final class LiveCatalog {

    private static final String IN_SCHEMA = " n.nspname = coalesce(?::name, current_schema()) ";

    private final Connection connection;
    private final String schema;
    /** PostgreSQL 17 has {@code to_regtypemod}; before it, types are compared without modifiers. */
    private final boolean modifiers;

    LiveCatalog(Connection connection, String schema) throws SQLException {
        this.connection = connection;
        this.schema = schema;
        this.modifiers = connection.getMetaData().getDatabaseMajorVersion() >= 17;
    }

    /** Which of these relations (tables, indexes, …) exist in the schema. */
    Set<String> relations(Collection<String> names) throws SQLException {
        Set<String> found = new HashSet<>();
        if (names.isEmpty()) {
            return found;
        }
        String sql = "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where" + IN_SCHEMA
                + "and c.relname = any(?::text[])";
        try (PreparedStatement ps = prepare(sql, names); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    /** Per existing table among these, its columns in order with their types as {@code format_type} writes them. */
    Map<String, Map<String, String>> columns(Collection<String> tables) throws SQLException {
        Map<String, Map<String, String>> found = new HashMap<>();
        if (tables.isEmpty()) {
            return found;
        }
        String sql = "select c.relname, a.attname, format_type(a.atttypid, " + (modifiers ? "a.atttypmod" : "null") + ")"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped"
                + " where" + IN_SCHEMA + "and c.relkind in ('r', 'p') and c.relname = any(?::text[]) order by c.relname, a.attnum";
        try (PreparedStatement ps = prepare(sql, tables); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        return found;
    }

    /**
     * Each type as written in DDL ({@code int}, {@code varchar(20)}) mapped to the server's name for
     * it ({@code integer}, {@code character varying(20)}); unknown types are left out.
     */
    Map<String, String> canonicalTypes(Collection<String> types) throws SQLException {
        Map<String, String> found = new HashMap<>();
        if (types.isEmpty()) {
            return found;
        }
        String sql = "select t, format_type(to_regtype(t), " + (modifiers ? "to_regtypemod(t)" : "null") + ") from unnest(?::text[]) as t";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("text", types.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return found;
    }

    /** The number of rows of a table, then the number of non-null values of each column. */
    long[] counts(String qualifiedTable, List<String> columns) throws SQLException {
        StringBuilder sql = new StringBuilder("select count(*)");
        columns.forEach(c -> sql.append(", count(").append(Identifiers.quote(c)).append(')'));
        sql.append(" from ").append(qualifiedTable);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            long[] counts = new long[columns.size() + 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = rs.getLong(i + 1);
            }
            return counts;
        }
    }

    private PreparedStatement prepare(String sql, Collection<String> names) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            ps.setString(1, schema);
            ps.setArray(2, connection.createArrayOf("text", names.toArray()));
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }
}
