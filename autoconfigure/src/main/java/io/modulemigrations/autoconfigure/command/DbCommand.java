package io.modulemigrations.autoconfigure.command;

/**
 * One {@code db:*} command: what it accepts and what it does. To add a command (say {@code db:verify}),
 * write one class implementing this and add it to the list in {@link MigrationCommands}: that alone
 * makes it runnable with {@code java -jar app.jar db:verify}, listed in usage messages and registered
 * in Spring Shell (bean {@code dbVerifyCommand}).
 */
interface DbCommand {

    /** Its name, usage and options; the command line is checked against them before {@link #run}. */
    CommandSpec spec();

    /**
     * Does the work and prints the result to {@link Invocation#out()}.
     *
     * @param line       what was typed, with only the options and arguments {@link #spec()} allows
     * @param invocation what the command works on and where it writes
     * @return the exit code, {@link MigrationCommands#SUCCESS} unless it says otherwise
     * @throws CommandLine.UsageException            the input does not fit the command (exit code 2)
     * @throws io.modulemigrations.MigrationException the work failed (exit code 1, or 2 for an unknown module)
     */
    int run(CommandLine line, Invocation invocation);
}
