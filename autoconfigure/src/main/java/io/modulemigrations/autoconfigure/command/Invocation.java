package io.modulemigrations.autoconfigure.command;

import org.jspecify.annotations.Nullable;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import io.modulemigrations.lint.LintMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One run of a {@code db:*} command: what it works on, where its result goes and whom it may ask.
 *
 * @param migrations the engine
 * @param defaults   how {@code db:migrate} runs when no option says otherwise
 * @param setup      creates the database and loads seed data
 * @param out        standard output, for the result
 * @param prompt     asks the operator; null when nobody can be asked, so the command never waits for input
 * @param generator  gives what computes db:generate's migrations, or null when not configured
 * @param generateOutputDir where db:generate writes SQL migrations
 * @param lint       what lock findings of db:verify and db:migrate --dry-run do
 */
record Invocation(ModuleMigrations migrations, MigrateOptions defaults, DatabaseSetup setup, PrintWriter out, @Nullable Prompt prompt,
        Supplier<MigrationGenerator> generator, Path generateOutputDir, LintMode lint) {
}
