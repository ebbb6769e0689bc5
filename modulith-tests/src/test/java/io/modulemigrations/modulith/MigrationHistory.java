package io.modulemigrations.modulith;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the fixture's database holds: history rows in the order they were applied, and tables. */
public final class MigrationHistory {

    private final JdbcClient jdbc;

    public MigrationHistory(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** {@code module/name|batch} of every history row, in the order they were applied. */
    public List<String> appliedInOrder() {
        return jdbc.sql("select module || '/' || name || '|' || batch from module_migrations order by applied_at, module")
                .query(String.class).list();
    }

    public boolean tableExists(String table) {
        return jdbc.sql("select count(*) from pg_tables where schemaname = current_schema() and tablename = ?")
                .param(table).query(Integer.class).single() == 1;
    }
}
