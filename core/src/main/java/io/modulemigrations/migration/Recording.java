package io.modulemigrations.migration;

import io.modulemigrations.sql.SqlStatement;
import io.modulemigrations.sql.SqlStatements;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The SQL a Java migration issues, captured without a database; null statements when it needs JDBC. */
record Recording(@Nullable List<String> statements) {

    static Recording of(JavaMigration migration, boolean up) {
        Recorder recorder = new Recorder(migration.id());
        try {
            if (up) {
                migration.up(recorder);
            } else {
                migration.down(recorder);
            }
            return new Recording(List.copyOf(recorder.statements));
        } catch (Exception e) {
            // NeedsDatabase, or a migration that cannot run outside a real run: SQL unknown until it runs.
            return new Recording(null);
        }
    }

    private static final class NeedsDatabase extends RuntimeException {
        NeedsDatabase() {
            super(null, null, false, false);
        }
    }

    private static final class Recorder implements MigrationContext {
        private final MigrationId id;
        private final List<String> statements = new ArrayList<>();

        Recorder(MigrationId id) {
            this.id = id;
        }

        @Override
        public void sql(String sql) {
            // the form StatementBatch#issued records, so that the checksums agree
            SqlStatements.parse(sql).stream().filter(SqlStatement::code).forEach(s -> statements.add(s.rawText()));
        }

        @Override
        public Connection connection() {
            throw new NeedsDatabase();
        }

        @Override
        public String module() {
            return id.module();
        }

        @Override
        public String name() {
            return id.name();
        }
    }
}
