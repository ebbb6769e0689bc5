package io.modulemigrations.verify;

import io.modulemigrations.json.JsonText;

import io.modulemigrations.lint.LintMode;
import io.modulemigrations.lint.LockFinding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What verifying migrations found: one {@link MigrationCheck} per migration, in the order they were
 * applied, and the problems that kept a migration from being checked at all.
 *
 * @param checks   the migrations checked
 * @param problems migrations that could not be checked, and why
 * @param findings lock findings of the checked migrations' ups
 * @param lint     what lock findings do: with {@link LintMode#FAIL} one fails verification
 */
public record VerifyReport(List<MigrationCheck> checks, List<String> problems, List<LockFinding> findings, LintMode lint) {

    /** Said in every report: column order is not compared. */
    public static final String COLUMN_ORDER_NOTE = "Column order is not compared: PostgreSQL cannot move a column, so one dropped and"
            + " added back comes last; only select * sees the difference. Where it is all that differs, the line says so.";

    public VerifyReport {
        checks = List.copyOf(checks);
        problems = List.copyOf(problems);
        findings = List.copyOf(findings);
    }

    /** Whether nothing differs or fails (and, when {@code strict}, nothing is irreversible). */
    public boolean passed(boolean strict) {
        return problems.isEmpty() && checks.stream().noneMatch(c -> c.outcome().fails(strict))
                && (lint != LintMode.FAIL || findings.isEmpty());
    }

    /** The checks that fail verification. */
    public List<MigrationCheck> failures(boolean strict) {
        return checks.stream().filter(c -> c.outcome().fails(strict)).toList();
    }

    /** The report for people: one line per migration, the differing catalog lines under it, then a summary. */
    public String toText(boolean strict) {
        StringBuilder sb = new StringBuilder();
        for (MigrationCheck c : checks) {
            sb.append(c.module()).append('/').append(c.name()).append("  ").append(c.outcome().label());
            switch (c.outcome()) {
                case DIFFERS -> sb.append(": its down does not give back the schema from before its up (- missing, + left over)");
                case DOWN_FAILS -> sb.append(": ").append(c.error());
                case UP_FAILS_AGAIN -> sb.append(c.error() != null ? ": after its down, its up failed: " + c.error()
                        : ": after its down, its up gave another schema");
                case IRREVERSIBLE -> sb.append(strict ? ": no down (--strict: an error)" : ": no down (not an error without --strict)");
                case RESTORES -> { }
            }
            if (!c.columnOrder().isEmpty() && c.outcome() != Outcome.DOWN_FAILS) {
                sb.append(" (column order not restored, not compared: ").append(String.join("; ", c.columnOrder())).append(')');
            }
            sb.append('\n');
            c.difference().missing().forEach(line -> sb.append("    - ").append(line).append('\n'));
            c.difference().unexpected().forEach(line -> sb.append("    + ").append(line).append('\n'));
        }
        problems.forEach(p -> sb.append("not checked: ").append(p).append('\n'));
        sb.append(lockFindings(findings, lint));
        sb.append(summary(strict)).append('\n');
        sb.append(COLUMN_ORDER_NOTE).append('\n');
        return sb.toString();
    }

    /** e.g. {@code 4 migration(s) checked: 1 restores, 1 differs, 1 down fails, 1 irreversible. FAILED} */
    public String summary(boolean strict) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        checks.forEach(c -> counts.merge(c.outcome(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((outcome, n) -> parts.add(n + " " + outcome.label()));
        if (!problems.isEmpty()) {
            parts.add(problems.size() + " not checked");
        }
        if (!findings.isEmpty()) {
            parts.add(findings.size() + " lock finding(s)" + (lint == LintMode.FAIL ? " (lint=fail)" : ""));
        }
        return checks.size() + " migration(s) checked" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)) + ". "
                + (passed(strict) ? "Passed." : "FAILED: " + failures(strict).stream().map(c -> c.module() + "/" + c.name())
                .collect(Collectors.joining(", ")) + (problems.isEmpty() ? "" : " and the migrations not checked")
                + (lint == LintMode.FAIL && !findings.isEmpty() ? " and the lock findings" : "") + ".");
    }

    /** The report as one JSON document, for CI. */
    public String toJson(boolean strict) {
        StringBuilder sb = new StringBuilder("{\"passed\":").append(passed(strict)).append(",\"strict\":").append(strict)
                .append(",\"columnOrderCompared\":false,\"migrations\":[");
        for (int i = 0; i < checks.size(); i++) {
            MigrationCheck c = checks.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"module\":").append(JsonText.string(c.module()))
                    .append(",\"name\":").append(JsonText.string(c.name()))
                    .append(",\"outcome\":").append(JsonText.string(c.outcome().label()))
                    .append(",\"fails\":").append(c.outcome().fails(strict))
                    .append(",\"missing\":").append(JsonText.strings(c.difference().missing()))
                    .append(",\"unexpected\":").append(JsonText.strings(c.difference().unexpected()))
                    .append(",\"error\":").append(c.error() == null ? "null" : JsonText.string(c.error()))
                    .append(",\"columnOrderNotRestored\":").append(JsonText.strings(c.columnOrder())).append('}');
        }
        sb.append("],\"notChecked\":").append(JsonText.strings(problems)).append(",\"lint\":")
                .append(JsonText.string(lint.name().toLowerCase(java.util.Locale.ROOT))).append(",\"lockFindings\":").append(findingsJson(findings))
                .append('}');
        return sb.toString();
    }

    /** Lock findings for people, with a heading saying what {@code lint} makes of them; empty without findings. */
    public static String lockFindings(List<LockFinding> findings, LintMode lint) {
        if (findings.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Lock findings (lint=" + lint.name().toLowerCase(java.util.Locale.ROOT)
                + (lint == LintMode.FAIL ? ": each one fails" : ": reported, not failing") + "):\n");
        findings.forEach(f -> sb.append("  ").append(f.describe().replace("\n", "\n  ")).append('\n'));
        return sb.toString();
    }

    /** Lock findings as a JSON array. */
    public static String findingsJson(List<LockFinding> findings) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < findings.size(); i++) {
            LockFinding f = findings.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"module\":").append(JsonText.string(f.module()))
                    .append(",\"migration\":").append(JsonText.string(f.migration()))
                    .append(",\"rule\":").append(JsonText.string(f.rule().id()))
                    .append(",\"statement\":").append(JsonText.string(f.statement()))
                    .append(",\"table\":").append(JsonText.string(f.table()))
                    .append(",\"lockMode\":").append(JsonText.string(f.lockMode()))
                    .append(",\"blocks\":").append(JsonText.string(f.blocks()))
                    .append(",\"rewritten\":").append(f.rewritten())
                    .append(",\"saferPattern\":").append(JsonText.string(f.rule().saferPattern())).append('}');
        }
        return sb.append(']').toString();
    }
}
