package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.LinkSyncFailedException;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrateResult;
import io.modulemigrations.PlannedMigration;
import io.modulemigrations.ScriptFailedException;
import io.modulemigrations.autoconfigure.command.CommandLine.UsageException;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import io.modulemigrations.link.LinkMode;
import io.modulemigrations.lint.LintMode;
import io.modulemigrations.lint.LockLintListener;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.verify.VerifyReport;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code db:migrate}: pending migrations of every module, then links, then migration scripts. */
final class MigrateCommand implements DbCommand {

    private static final Logger log = LoggerFactory.getLogger(MigrateCommand.class);

    private static final CommandSpec SPEC = new CommandSpec("db:migrate",
            "db:migrate [--concurrency N] [--all-or-nothing] [--dry-run] [--skip-links]"
                    + " [--skip-scripts] [--execute-safe-links | --execute-all-links]",
            "Apply pending migrations of every module, then sync links, then run migration scripts", false,
            List.of("all-or-nothing", "dry-run", "skip-links", "skip-scripts", "execute-safe-links", "execute-all-links"),
            List.of("concurrency"));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        exclusive(line, "execute-safe-links", "execute-all-links");
        exclusive(line, "skip-links", "execute-safe-links");
        exclusive(line, "skip-links", "execute-all-links");
        MigrateOptions defaults = invocation.defaults();
        MigrateOptions options = defaults
                .withConcurrency(line.number("concurrency", 1, defaults.concurrency()))
                .withAllOrNothing(line.flag("all-or-nothing") || defaults.allOrNothing())
                .withDryRun(line.flag("dry-run"))
                .withSkipLinks(line.flag("skip-links") || defaults.skipLinks())
                .withSkipScripts(line.flag("skip-scripts") || defaults.skipScripts());
        if (line.flag("execute-safe-links") || line.flag("execute-all-links")) {
            options = options.withSkipLinks(false).withLinkMode(line.flag("execute-all-links") ? LinkMode.ALL : LinkMode.SAFE);
        }
        return migrate(options, invocation);
    }

    /** Migrates with {@code options} and prints what was done; {@code db:setup} and {@code db:seed} migrate this way too. */
    static int migrate(MigrateOptions options, Invocation invocation) {
        PrintWriter out = invocation.out();
        MigrateResult result;
        try {
            result = invocation.migrations().migrate(options);
        } catch (LinkSyncFailedException e) {
            OutcomeFormat.links(e.result().results(), out);
            throw e;
        } catch (ScriptFailedException e) {
            OutcomeFormat.scripts(e.outcomes(), out);
            throw e;
        }
        if (result.dryRun()) {
            String sql = result.planSql();
            out.print(sql.isEmpty() ? "Nothing to migrate: every module is up to date and links are in step.\n" : sql);
            int exit = lintPending(result, invocation);
            out.println("Dry run: nothing was changed.");
            return exit;
        }
        if (result.nothingToDo()) {
            out.println("Nothing to migrate: every module is up to date.");
        } else {
            result.applied().forEach(m -> out.println("Applied " + m.module() + "/" + m.name() + " (" + m.duration().toMillis() + " ms)"));
            out.println("Applied " + result.applied().size() + " migration(s) in batch " + result.batch() + " in "
                    + result.duration().toMillis() + " ms.");
        }
        if (!result.missing().isEmpty()) {
            out.println("Applied but no longer in the code (left as they are): " + result.missing());
        }
        OutcomeFormat.links(result.links(), out);
        OutcomeFormat.scripts(result.scripts(), out);
        return MigrationCommands.SUCCESS;
    }

    private static void exclusive(CommandLine line, String one, String other) {
        if (line.flag(one) && line.flag(other)) {
            throw new UsageException("Give --" + one + " or --" + other + ", not both");
        }
    }

    /** The lock lint of the pending migrations, each run on a shadow database in the state right before it. */
    private static int lintPending(MigrateResult result, Invocation invocation) {
        List<MigrationId> pending = result.plan().stream().map(PlannedMigration::id).toList();
        if (invocation.lint() == LintMode.OFF || pending.isEmpty()) {
            return MigrationCommands.SUCCESS;
        }
        PrintWriter out = invocation.out();
        MigrationGenerator shadows = invocation.generator().get();
        if (shadows == null) {
            out.println("Lock lint skipped: no shadow database set-up (MigrationGenerator bean).");
            return MigrationCommands.SUCCESS;
        }
        LockLintListener lint = shadows.replayOnShadow(dataSource -> new LockLintListener(invocation.migrations(), dataSource, pending));
        lint.problems().forEach(p -> out.println("Lock lint: not linted: " + p));
        if (lint.findings().isEmpty()) {
            out.println("Lock lint: no findings in " + pending.size() + " pending migration(s).");
            return MigrationCommands.SUCCESS;
        }
        log.warn("Lock lint: {} finding(s) in the pending migrations", lint.findings().size());
        out.print(VerifyReport.lockFindings(lint.findings(), invocation.lint()));
        return invocation.lint() == LintMode.FAIL ? MigrationCommands.FAILURE : MigrationCommands.SUCCESS;
    }
}
