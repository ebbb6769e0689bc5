package io.modulemigrations.sql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One statement of a SQL script, as psql would send it to the server. Made by {@link SqlStatements#parse}.
 */
public final class SqlStatement {

    private final String text;
    private final int[] lineNumbers;
    private final boolean code;
    private final boolean standardStrings;
    private final String script;
    private final int rawStart;
    private final int rawEnd;
    /** The statement's tokens outside parentheses, from its start, at most {@link SqlStatements#HEAD} of them: words in lower case. */
    private final List<String> head;

    SqlStatement(String text, int[] lineNumbers, boolean code, boolean standardStrings, String script, int rawStart, int rawEnd,
                 List<String> head) {
        this.text = text;
        this.lineNumbers = lineNumbers;
        this.code = code;
        this.standardStrings = standardStrings;
        this.script = script;
        this.rawStart = rawStart;
        this.rawEnd = rawEnd;
        this.head = head;
    }

    /**
     * The statement exactly as psql sends it: from its first token (or the {@code /*} comment that
     * begins it) through its terminating {@code ;} when it has one; comments inside kept, empty lines
     * outside quotes dropped, lines joined with {@code \n}.
     */
    public String text() {
        return text;
    }

    /** The 1-based line of the script on which {@link #text} begins. */
    public int line() {
        return lineNumbers[0];
    }

    /**
     * False when the statement holds only comments and a {@code ;}: the server has nothing to run,
     * so the engine does not send it.
     */
    public boolean code() {
        return code;
    }

    /**
     * The {@code standard_conforming_strings} setting its quotes were read with: on, unless the
     * script turned it off before (its own {@code SET}/{@code RESET} of it is followed, as psql does).
     */
    public boolean standardStrings() {
        return standardStrings;
    }

    /**
     * The statement's source text as earlier versions split it: from the end of the previous
     * statement to its {@code ;}, trimmed, without the {@code ;}, comments before it included. A
     * Java migration's checksum hashes this form, so that checksums recorded before stay valid.
     */
    public String rawText() {
        return script.substring(rawStart, rawEnd).strip();
    }

    /** The line of the script for each line of {@link #text}, in order (psql leaves empty lines out of the text). */
    public int[] lines() {
        return lineNumbers.clone();
    }

    /**
     * Why a migration must not run this statement, or null when it may.
     *
     * @param transactional whether the migration runs in the engine's transaction
     * @param withoutTransaction how this migration would say it runs without a transaction, for
     *     example {@code '-- migrate:up transaction:false'}
     */
    public @Nullable String refusal(boolean transactional, String withoutTransaction) {
        if (copyWithClient()) {
            return copyRefusal();
        }
        if (!transactional) {
            return null;
        }
        if (transactionControl()) {
            String what = word(0).equals("start") || word(0).equals("prepare") ? word(0) + " " + word(1) : word(0);
            return "'" + what + "' is transaction control, and the engine owns"
                    + " this migration's transaction: it commits the migration together with its history row, or rolls both back."
                    + " Remove it; statements that must not run in a transaction go in a migration of their own marked "
                    + withoutTransaction + ".";
        }
        if (word(0).equals("close") && word(1).equals("all")) {
            return "'close all' closes every cursor of the transaction, the engine's too: in a migration's transaction the engine"
                    + " may declare one to know, before it writes the history row, that the transaction is still the one it opened."
                    + " Close your own cursors by name.";
        }
        String kind = notInTransaction();
        if (kind != null) {
            return "'" + kind + "' cannot run inside a transaction block, and this migration runs in one. Mark it "
                    + withoutTransaction + " (best in a migration of its own: without a transaction, a failure leaves the"
                    + " statements before it applied).";
        }
        return null;
    }

    /**
     * True for transaction control that would end or replace the transaction a migration runs in:
     * {@code begin}, {@code start transaction}, {@code commit}, {@code end}, {@code rollback},
     * {@code abort}, {@code prepare transaction} (also {@code commit/rollback prepared}). Savepoints
     * ({@code savepoint}, {@code release}, {@code rollback to}) are not.
     */
    public boolean transactionControl() {
        String first = word(0);
        return switch (first) {
            case "begin", "commit", "end", "abort" -> true;
            case "start", "prepare" -> word(1).equals("transaction");
            case "rollback" -> !rollbackTo();
            default -> false;
        };
    }

    private boolean rollbackTo() {
        String next = word(1);
        return next.equals("to") || ((next.equals("work") || next.equals("transaction")) && word(2).equals("to"));
    }

    /** Why a {@link #copyWithClient()} statement cannot be a migration's. */
    String copyRefusal() {
        return head.contains("stdin")
                ? "COPY ... FROM STDIN reads rows that psql sends after the statement (the lines that follow it are data, not SQL);"
                + " a migration has no such data. Load them from a Java migration with pgjdbc's CopyManager"
                + " (connection().unwrap(PGConnection.class).getCopyAPI().copyIn(...)), or write them as INSERT statements."
                : "COPY ... TO STDOUT sends rows to psql, and a migration has nowhere to put them."
                + " Use a Java migration with pgjdbc's CopyManager (getCopyAPI().copyOut(...)), or leave it out.";
    }

    /** True for {@code COPY ... FROM STDIN} and {@code COPY ... TO STDOUT}: data that travels with the client, which a migration is not. */
    public boolean copyWithClient() {
        if (!word(0).equals("copy")) {
            return false;
        }
        for (int i = 1; i + 1 < head.size(); i++) {
            if ((head.get(i).equals("from") && head.get(i + 1).equals("stdin")) || (head.get(i).equals("to") && head.get(i + 1).equals("stdout"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The kind of statement when PostgreSQL refuses to run it inside a transaction block, for example
     * {@code create index concurrently} or {@code vacuum}; null for every other statement.
     */
    public @Nullable String notInTransaction() {
        String first = word(0);
        String second = word(1);
        switch (first) {
            case "vacuum":
                return "vacuum";
            case "create":
                if (second.equals("database") || second.equals("tablespace")) {
                    return "create " + second;
                }
                int index = second.equals("unique") ? 2 : 1;
                return word(index).equals("index") && word(index + 1).equals("concurrently") ? "create index concurrently" : null;
            case "drop":
                if (second.equals("database") || second.equals("tablespace")) {
                    return "drop " + second;
                }
                return second.equals("index") && word(2).equals("concurrently") ? "drop index concurrently" : null;
            case "reindex":
                return head.contains("concurrently") ? "reindex concurrently"
                        : second.equals("system") || second.equals("database") ? "reindex " + second : null;
            case "alter":
                if (second.equals("system")) {
                    return "alter system";
                }
                if (second.equals("table") && head.contains("detach") && head.contains("concurrently")) {
                    return "detach partition concurrently";
                }
                return second.equals("database") && word(3).equals("set") && word(4).equals("tablespace") ? "alter database set tablespace" : null;
            case "discard":
                return second.equals("all") ? "discard all" : null;
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }

    private String word(int i) {
        return i < head.size() ? head.get(i) : "";
    }
}
