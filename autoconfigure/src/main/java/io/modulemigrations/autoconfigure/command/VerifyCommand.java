package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.MigrationException;
import io.modulemigrations.UnknownModuleException;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import io.modulemigrations.verify.ReversibilityVerifier;
import io.modulemigrations.verify.VerifyReport;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code db:verify}: on a shadow database, every module's migrations applied in their normal order;
 * each migration of the verified modules checked right after its up: its down must give back the
 * schema from before it, and its up must apply again.
 */
final class VerifyCommand implements DbCommand {

    private static final CommandSpec SPEC = new CommandSpec("db:verify", "db:verify [modules...] [--strict] [--json]",
            "On a shadow database, check that each migration's down restores the schema its up changed (--strict: no down is an error)",
            true, List.of("strict", "json"), List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        List<String> modules = line.arguments().stream().distinct().toList();
        List<String> unknown = modules.stream().filter(m -> !invocation.migrations().modules().contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownModuleException("verify", unknown, List.copyOf(invocation.migrations().modules()));
        }
        MigrationGenerator shadows = invocation.generator().get();
        if (shadows == null) {
            throw new MigrationException("db:verify is not available: it needs the shadow database set-up of the auto-configuration"
                    + " (no MigrationGenerator bean). Nothing was changed.");
        }
        boolean strict = line.flag("strict");
        VerifyReport report = shadows.replayOnShadow(dataSource -> new ReversibilityVerifier(invocation.migrations(), dataSource, modules)
                .lint(invocation.lint()))
                .report();
        PrintWriter out = invocation.out();
        if (line.flag("json")) {
            out.println(report.toJson(strict));
        } else {
            out.println("db:verify: " + (modules.isEmpty() ? "every module" : String.join(", ", modules)) + ", on a shadow database:"
                    + " each migration checked right after its up (down, then up again).");
            out.print(report.toText(strict));
        }
        return report.passed(strict) ? MigrationCommands.SUCCESS : MigrationCommands.FAILURE;
    }
}
