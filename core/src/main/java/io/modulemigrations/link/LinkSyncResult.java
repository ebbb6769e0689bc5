package io.modulemigrations.link;

import java.util.List;

/**
 * What {@link LinkSync#apply} did: one result per planned action, in plan order.
 *
 * @param results every action's outcome
 */
public record LinkSyncResult(List<LinkActionResult> results) {

    public LinkSyncResult {
        results = List.copyOf(results);
    }

    /** True when any chosen action failed; the command that ran the sync then fails. */
    public boolean failed() {
        return !failures().isEmpty();
    }

    /** The failed actions, with the database's messages. */
    public List<LinkActionResult> failures() {
        return withOutcome(LinkActionResult.Outcome.FAILED);
    }

    /** The applied actions. */
    public List<LinkActionResult> applied() {
        return withOutcome(LinkActionResult.Outcome.APPLIED);
    }

    /** The actions not applied: not chosen (unsafe ones in safe mode), or after a failure on their table. */
    public List<LinkActionResult> skipped() {
        return withOutcome(LinkActionResult.Outcome.SKIPPED);
    }

    private List<LinkActionResult> withOutcome(LinkActionResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).toList();
    }
}
