package io.modulemigrations.link;

/**
 * What became of one planned action.
 *
 * @param action  the action
 * @param outcome applied, skipped (not chosen, or an earlier action on its table failed) or failed
 * @param message the action's impact when applied; why it was skipped; the database's error when it failed
 */
public record LinkActionResult(LinkAction action, Outcome outcome, String message) {

    /** What became of an action. */
    public enum Outcome {
        APPLIED, SKIPPED, FAILED
    }
}
