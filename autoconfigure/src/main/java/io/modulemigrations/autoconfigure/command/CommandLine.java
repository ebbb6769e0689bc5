package io.modulemigrations.autoconfigure.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code db:*} command as typed: its name, its positional arguments and its options. Options are
 * {@code --flag}, {@code --flag=true|false}, {@code --name value} or {@code --name=value}. Options
 * whose name contains a dot ({@code --spring.datasource.url=...}) are Spring Boot properties and are
 * left to Spring Boot.
 *
 * @param command   the command, e.g. {@code db:rollback}
 * @param arguments the positional arguments, e.g. module names
 * @param options   the options given, by name without dashes; flags map to {@code "true"} or {@code "false"}
 */
record CommandLine(String command, List<String> arguments, Map<String, String> options) {

    /** Thrown for input that does not fit the command's usage; exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code args}, the command first.
     *
     * @param flags        options that take no value
     * @param valueOptions options that take a value
     * @throws UsageException on an unknown option or a missing value
     */
    static CommandLine parse(List<String> args, Set<String> flags, Set<String> valueOptions) {
        List<String> arguments = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                arguments.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            if (name.contains(".")) {
                continue;
            }
            if (flags.contains(name)) {
                if (value != null && !value.equals("true") && !value.equals("false")) {
                    throw new UsageException("Option --" + name + " takes no value (or true/false), got '" + value + "'");
                }
                options.put(name, value == null ? "true" : value);
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("Option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.put(name, value);
            } else {
                throw new UsageException("Unknown option --" + name + " for " + args.get(0));
            }
        }
        return new CommandLine(args.get(0), List.copyOf(arguments), Map.copyOf(options));
    }

    boolean flag(String name) {
        return "true".equals(this.options.get(name));
    }

    /** The value of a whole-number option of at least {@code min}, or {@code fallback} when absent. */
    int number(String name, int min, int fallback) {
        String value = this.options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("Option --" + name + " needs a whole number of at least " + min + ", got '" + value + "'");
    }
}
