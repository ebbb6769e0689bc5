package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.LinkSyncFailedException;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.command.CommandLine.UsageException;
import io.modulemigrations.link.LinkAction;
import io.modulemigrations.link.LinkMode;
import io.modulemigrations.link.LinkPlan;
import io.modulemigrations.link.LinkSyncResult;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code db:sync-links}: brings link tables in step with the declared links. The only command that
 * asks: before each unsafe action, when there is a {@link Prompt} and no option decides.
 */
final class SyncLinksCommand implements DbCommand {

    private static final CommandSpec SPEC = new CommandSpec("db:sync-links", "db:sync-links [--execute-safe | --execute-all | --dry-run]",
            "Bring link tables in step with the declared links; asks before unsafe actions on a terminal", false,
            List.of("execute-safe", "execute-all", "dry-run"), List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        if (Stream.of("execute-safe", "execute-all", "dry-run").filter(line::flag).count() > 1) {
            throw new UsageException("Give one of --execute-safe, --execute-all or --dry-run");
        }
        ModuleMigrations migrations = invocation.migrations();
        PrintWriter out = invocation.out();
        if (line.flag("dry-run")) {
            LinkPlan plan = migrations.planLinks();
            out.print(plan.isEmpty() ? "Links are in step with their declarations.\n" : plan.toSql());
            out.println("Dry run: nothing was changed.");
            return MigrationCommands.SUCCESS;
        }
        Predicate<LinkAction> include = LinkMode.SAFE;
        if (line.flag("execute-all")) {
            include = LinkMode.ALL;
        } else if (!line.flag("execute-safe")) {
            include = chooseUnsafe(migrations.planLinks(), out, invocation.prompt());
        }
        LinkSyncResult result;
        try {
            result = migrations.syncLinks(include);
        } catch (LinkSyncFailedException e) {
            OutcomeFormat.links(e.result().results(), out);
            throw e;
        }
        if (result.results().isEmpty()) {
            out.println("Links are in step with their declarations; nothing to do.");
        }
        OutcomeFormat.links(result.results(), out);
        return MigrationCommands.SUCCESS;
    }

    /** Safe actions, plus the unsafe ones the operator picks; without a terminal, safe actions only. */
    private static Predicate<LinkAction> chooseUnsafe(LinkPlan plan, PrintWriter out, Prompt prompt) {
        if (plan.unsafe().isEmpty()) {
            return LinkMode.SAFE;
        }
        if (prompt == null) {
            out.println("No terminal to ask on, so only safe link actions are applied (give --execute-all to apply unsafe ones too).");
            return LinkMode.SAFE;
        }
        out.println(plan.unsafe().size() + " link action(s) may lose data:");
        Set<LinkAction> chosen = new HashSet<>();
        for (LinkAction action : plan.unsafe()) {
            out.println("  " + action.impact());
            action.sql().forEach(sql -> out.println("    " + sql + ";"));
            out.flush();
            String answer = prompt.ask("Apply it? [y/N] ");
            if (answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                chosen.add(action);
            }
        }
        return action -> action.safe() || chosen.contains(action);
    }
}
