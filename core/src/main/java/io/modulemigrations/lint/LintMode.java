package io.modulemigrations.lint;

/** What lock findings do ({@code module-migrations.lint}). */
public enum LintMode {

    /** Printed and logged; the command's exit code does not change (the default). */
    WARN,

    /** Printed; {@code db:verify} and {@code db:migrate --dry-run} exit 1 when there is one. */
    FAIL,

    /** Not looked for. */
    OFF
}
