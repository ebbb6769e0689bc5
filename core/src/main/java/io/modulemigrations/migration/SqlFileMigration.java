package io.modulemigrations.migration;

import io.modulemigrations.run.StatementBatch;
import io.modulemigrations.sql.SqlMigrationScript;
import io.modulemigrations.sql.SqlStatement;
import java.util.List;

/** A migration from a SQL file ({@code -- migrate:up} / {@code -- migrate:down} sections). */
public final class SqlFileMigration extends LoadedMigration {

    private final SqlMigrationScript script;
    private final String checksum;

    public SqlFileMigration(MigrationId id, String source, String text) {
        super(id, source);
        this.script = SqlMigrationScript.parse(source, text);
        this.checksum = Checksums.ofText(text);
    }

    @Override
    public boolean transactional() {
        return script.upTransactional();
    }

    @Override
    public boolean downTransactional() {
        return script.downTransactional();
    }

    @Override
    public boolean reversible() {
        return script.reversible();
    }

    @Override
    public void up(MigrationContext m) {
        run(m, script.upSql());
    }

    @Override
    public void down(MigrationContext m) {
        run(m, script.downSql());
    }

    /**
     * Hands the statements over as split from the file, so that they keep the file's lines and
     * quoting; other contexts (the lock lint) get each with the comments before it.
     */
    private static void run(MigrationContext m, List<SqlStatement> statements) {
        if (m instanceof StatementBatch batch) {
            batch.sql(statements);
        } else {
            statements.stream().filter(SqlStatement::code).forEach(s -> m.sql(s.rawText()));
        }
    }

    @Override
    public String currentChecksum() {
        return checksum;
    }

    @Override
    public String checksumAfterUp(List<String> issued) {
        return checksum;
    }

    @Override
    public List<String> plannedStatements(boolean up) {
        return up ? script.upStatements() : script.downStatements();
    }
}
