package io.modulemigrations;

import java.util.List;

/** The declared migrations or modules are not valid; nothing was run. Each problem names its file or class. */
public final class InvalidMigrationsException extends MigrationException {

    private final List<String> problems;

    public InvalidMigrationsException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<String> problems) {
        StringBuilder sb = new StringBuilder("Invalid migrations; nothing was run and the database was not touched. Fix each of these:");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }

    /** One line per problem, each naming the file or class and what is expected. */
    public List<String> problems() {
        return problems;
    }
}
