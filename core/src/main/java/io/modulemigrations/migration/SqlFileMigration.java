package io.modulemigrations.migration;

import io.modulemigrations.sql.SqlMigrationScript;
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
        script.upStatements().forEach(m::sql);
    }

    @Override
    public void down(MigrationContext m) {
        script.downStatements().forEach(m::sql);
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
