package io.modulemigrations;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * What one migrate has learnt, on its connection, about whether the history is exactly the code's
 * migrations, and how: by comparing every row (then with the digest to record for the next start) or
 * by a check recorded earlier for the same code. One per run, so that an engine shared by concurrent
 * runs keeps nothing of any of them. Closing it closes the connection.
 */
final class HistoryCheck implements AutoCloseable {

    private final Connection connection;
    /** Null until something told: then whether the history is as in the code. */
    private @Nullable Boolean asInCode;
    /** The module count a recorded check gave, when that alone told; else -1. */
    private int recordedModules = -1;
    /** The digest of a history found as in the code by comparing every row, until it is recorded. */
    private @Nullable String digestToRecord;

    HistoryCheck(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** Every row was compared with the code; {@code digest} is the code's, recorded when they matched. */
    void compared(boolean matched, String digest) {
        asInCode = matched;
        digestToRecord = matched ? digest : null;
    }

    /** A check recorded for this code found the history as it is now: as in the code, with this many modules. */
    void foundRecorded(int modules) {
        asInCode = true;
        recordedModules = modules;
    }

    /** Whether the history is as in the code, when something has told; else null. */
    @Nullable Boolean asInCode() {
        return asInCode;
    }

    /** Whether a recorded check alone told: then nothing of the code was read. */
    boolean byRecord() {
        return recordedModules >= 0;
    }

    int recordedModules() {
        return recordedModules;
    }

    /** The digest to record, once: null when there is none or it was taken. */
    @Nullable String takeDigest() {
        String digest = digestToRecord;
        digestToRecord = null;
        return digest;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
