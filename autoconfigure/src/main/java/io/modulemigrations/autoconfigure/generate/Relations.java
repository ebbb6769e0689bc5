package io.modulemigrations.autoconfigure.generate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/** Reads which tables, views and free-standing sequences a database holds outside the system schemas. */
final class Relations {

    // Sequences owned by a column (serial, identity) go with their table; they are no separate object to own.
    private static final String QUERY = """
            select n.nspname, c.relname
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
               and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
               and not c.relispartition
               and not exists (select 1 from pg_depend d
                                where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                  and d.refobjsubid > 0 and d.deptype in ('a', 'i'))
            """;

    private Relations() {
    }

    static Set<Relation> read(Connection c) throws SQLException {
        Set<Relation> relations = new TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            while (rs.next()) {
                relations.add(new Relation(rs.getString(1), rs.getString(2)));
            }
        }
        return relations;
    }
}
