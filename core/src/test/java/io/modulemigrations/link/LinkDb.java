package io.modulemigrations.link;

import io.modulemigrations.Db;
import java.util.List;
import javax.sql.DataSource;

/** What the link tests read beyond {@link Db}: tables in a schema, a table's columns, module_links rows. */
final class LinkDb {

    private LinkDb() {
    }

    static boolean tableExists(DataSource ds, String schema, String table) {
        return !Db.rows(ds, "select 1 from pg_tables where schemaname = " + (schema == null ? "current_schema()" : "'" + schema + "'")
                + " and tablename = '" + table + "'").isEmpty();
    }

    static boolean tableExists(DataSource ds, String table) {
        return tableExists(ds, null, table);
    }

    /** column type, in order. */
    static List<String> columns(DataSource ds, String table) {
        return Db.rows(ds, "select column_name || ' ' || data_type || ' ' || is_nullable from information_schema.columns"
                + " where table_schema = current_schema() and table_name = '" + table + "' order by ordinal_position");
    }

    /** table_name|descriptor of every module_links row (the whole table: empty when it does not exist). */
    static List<String> links(DataSource ds) {
        if (!tableExists(ds, "module_links")) {
            return List.of();
        }
        return Db.rows(ds, "select table_name || '|' || descriptor::text from module_links order by 1");
    }
}
