package io.modulemigrations.migration;

import io.modulemigrations.run.StatementBatch;
import io.modulemigrations.sql.SqlMigrationScript;
import io.modulemigrations.sql.SqlResource;
import io.modulemigrations.sql.SqlStatement;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A migration from a SQL file ({@code -- migrate:up} / {@code -- migrate:down} sections). The file is
 * read and parsed the first time its SQL is needed, so a start with nothing to run reads none.
 */
public final class SqlFileMigration extends LoadedMigration {

    private final SqlResource file;
    private volatile @Nullable SqlMigrationScript script;

    public SqlFileMigration(MigrationId id, SqlResource file) {
        super(id);
        this.file = file;
    }

    @Override
    public String source() {
        return file.source();
    }

    /**
     * The parsed file, read on the first call.
     *
     * @throws io.modulemigrations.sql.InvalidSqlMigrationException the file is not UTF-8 or not a valid migration
     * @throws java.io.UncheckedIOException the file could not be read
     */
    private SqlMigrationScript script() {
        SqlMigrationScript parsed = script;
        if (parsed == null) {
            parsed = SqlMigrationScript.parse(source(), file.text());
            script = parsed;
        }
        return parsed;
    }

    @Override
    public void validate() {
        script();
    }

    @Override
    public boolean transactional() {
        return script().upTransactional();
    }

    @Override
    public boolean downTransactional() {
        return script().downTransactional();
    }

    @Override
    public boolean reversible() {
        return script().reversible();
    }

    @Override
    public void up(MigrationContext m) {
        run(m, script().upSql());
    }

    @Override
    public void down(MigrationContext m) {
        run(m, script().downSql());
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
        return Checksums.ofText(file.text());
    }

    /**
     * The CRC-32 of the file's bytes is its checksum when it has no carriage return or byte order mark (and
     * a jar's directory holds it, so the file is not even read); only otherwise is its text decoded.
     */
    @Override
    public boolean hasChecksum(String recorded) {
        return Checksums.isCrc(recorded, file.crc32()) || Checksums.isOfText(recorded, file.text());
    }

    /** The CRC-32 of the file's bytes: its checksum unless it has carriage returns or a byte order mark. */
    @Override
    public long likelyChecksumCrc() {
        return file.crc32();
    }

    @Override
    public String checksumAfterUp(Supplier<List<String>> issued) {
        return currentChecksum();
    }

    @Override
    public List<String> plannedStatements(boolean up) {
        return up ? script().upStatements() : script().downStatements();
    }
}
