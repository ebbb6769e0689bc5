package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.link.LinkAction;
import io.modulemigrations.link.LinkActionResult;
import io.modulemigrations.script.ScriptOutcome;
import java.io.PrintWriter;
import java.util.List;

/** How commands print what became of link actions and migration scripts. */
final class OutcomeFormat {

    private OutcomeFormat() {
    }

    /** One line per link action; unsafe actions left out are listed with what applying them would lose. */
    static void links(List<LinkActionResult> results, PrintWriter out) {
        for (LinkActionResult r : results) {
            String outcome = switch (r.outcome()) {
                case APPLIED -> "applied    ";
                case SKIPPED -> "not applied";
                case FAILED -> "FAILED     ";
            };
            out.println("Link " + outcome + "  " + r.message());
        }
        List<LinkAction> unsafe = results.stream()
                .filter(r -> r.outcome() == LinkActionResult.Outcome.SKIPPED && !r.action().safe())
                .map(LinkActionResult::action).toList();
        if (!unsafe.isEmpty()) {
            out.println(unsafe.size() + " unsafe link action(s) left as they are. To apply them: db:sync-links"
                    + " (asks on a terminal) or db:sync-links --execute-all.");
        }
    }

    /** One line per script. */
    static void scripts(List<ScriptOutcome> outcomes, PrintWriter out) {
        for (ScriptOutcome o : outcomes) {
            String line = switch (o.status()) {
                case RAN -> "ran " + o.name() + " (" + o.duration().toMillis() + " ms)"
                        + (o.message() == null ? "" : "; " + o.message());
                case ALREADY_DONE -> o.name() + " already done";
                case RUNNING_ELSEWHERE -> o.name() + " is running in another instance; not waiting for it";
                case FAILED -> "FAILED " + o.name() + ": " + o.message();
                case NOT_RUN -> o.name() + " not run: an earlier script failed";
            };
            out.println("Script " + line);
        }
    }
}
