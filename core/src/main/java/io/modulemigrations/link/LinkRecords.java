package io.modulemigrations.link;

import static io.modulemigrations.link.Identifiers.literal;
import static io.modulemigrations.link.Identifiers.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@code module_links} table: which tables are link tables, and the definition each was last
 * synced to. Writes are SQL text so that they commit in the same transaction as their DDL.
 */
final class LinkRecords {

    /** The schema to create when missing: a configured one; null for the connection's current schema. */
    final @Nullable String schema;
    final String table;
    final String qualified;

    LinkRecords(@Nullable String schema, String table, boolean createSchema) {
        this.schema = createSchema ? schema : null;
        this.table = table;
        this.qualified = Identifiers.qualified(schema, table);
    }

    /** The schema (if configured) and the table, each only when missing. */
    List<String> createSql() {
        List<String> sql = new ArrayList<>();
        if (schema != null) {
            sql.add("create schema if not exists " + quote(schema));
        }
        sql.add("create table if not exists " + qualified + " (\n"
                + "  table_name text primary key,\n"
                + "  descriptor jsonb not null,\n"
                + "  created_at timestamptz not null default now(),\n"
                + "  updated_at timestamptz not null default now()\n"
                + ")");
        return sql;
    }

    /**
     * Every recorded table, mapped to whether its descriptor equals the declared one (compared as
     * jsonb; false for tables not declared). Call only when the table exists.
     */
    Map<String, Boolean> read(Connection c, Map<String, String> declaredDescriptors) throws SQLException {
        String sql = "select l.table_name, coalesce(l.descriptor = d.descriptor::jsonb, false) from " + qualified + " l"
                + " left join unnest(?::text[], ?::text[]) as d(table_name, descriptor) on d.table_name = l.table_name";
        Map<String, Boolean> recorded = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", declaredDescriptors.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", declaredDescriptors.values().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recorded.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return recorded;
    }

    /** Records a link table with its descriptor; {@code updated_at} moves only when the descriptor changes. */
    String upsertSql(ModuleLink link) {
        return "insert into " + qualified + " as l (table_name, descriptor) values (" + literal(link.tableName()) + ", "
                + literal(link.descriptor()) + "::jsonb)\n  on conflict (table_name) do update set descriptor = excluded.descriptor,"
                + " updated_at = now() where l.descriptor is distinct from excluded.descriptor";
    }

    String deleteSql(String linkTable) {
        return "delete from " + qualified + " where table_name = " + literal(linkTable);
    }
}
