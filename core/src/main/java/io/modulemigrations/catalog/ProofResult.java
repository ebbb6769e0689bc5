package io.modulemigrations.catalog;

/**
 * The outcome of a {@link RoundTripProof}.
 *
 * @param failedStep the step that failed, or null when the proof passed
 * @param statement the statement the database refused, or null
 * @param error the database's words, or null
 * @param difference how the tables differ from what the step should have left; empty unless the
 *     step ran but left the tables different
 */
public record ProofResult(Step failedStep, String statement, String error, LineDifference difference) {

    /** The steps of the proof, in order. */
    public enum Step {
        /** {@code up} applied to the current state must give the target. */
        UP("up"),
        /** {@code down} applied to the target must give the current state back. */
        DOWN("down"),
        /** {@code up} applied again after {@code down} must give the target again. */
        UP_AGAIN("up again after down");

        private final String words;

        Step(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    static ProofResult passed() {
        return new ProofResult(null, null, null, new LineDifference(java.util.List.of(), java.util.List.of()));
    }

    static ProofResult refused(Step step, String statement, String error) {
        return new ProofResult(step, statement, error, new LineDifference(java.util.List.of(), java.util.List.of()));
    }

    static ProofResult differs(Step step, LineDifference difference) {
        return new ProofResult(step, null, null, difference);
    }

    /**
     * Tells whether up, down and up again all ran and each left exactly the expected tables.
     *
     * @return true when the proof passed
     */
    public boolean succeeded() {
        return failedStep == null;
    }

    /**
     * What happened, for a person: {@code up, down and up again restore the expected tables}, or
     * which step failed, with the database's words or the differing catalog lines ({@code -} for
     * an expected line that is missing, {@code +} for one that should not be there).
     *
     * @return the message
     */
    public String message() {
        if (succeeded()) {
            return "up, down and up again each left exactly the expected tables";
        }
        if (error != null) {
            return failedStep + " failed at: " + statement + "\n" + error
                    + "\nThe step's transaction was rolled back; nothing of it was kept.";
        }
        String expected = failedStep == Step.DOWN ? "the state before up" : "the target";
        return failedStep + " ran, but the tables differ from " + expected + ":\n" + difference;
    }

    @Override
    public String toString() {
        return message();
    }
}
