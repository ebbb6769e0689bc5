package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.MigrationException;
import io.modulemigrations.UnknownModuleException;
import io.modulemigrations.autoconfigure.command.CommandLine.UsageException;
import io.modulemigrations.autoconfigure.generate.MigrationFile;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import io.modulemigrations.autoconfigure.generate.ModuleChanges;
import io.modulemigrations.catalog.SchemaChange;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code db:generate}: per module, a migration from its entities vs its migrations, proven on a
 * shadow database before it is written; or an empty one to write by hand.
 */
final class GenerateCommand implements DbCommand {

    private static final CommandSpec SPEC = new CommandSpec("db:generate",
            "db:generate <modules...> [--name Name] [--dry-run] [--java] [--empty]",
            "Write each module's migration from its JPA entities, proven on a shadow database (up, down, up again)",
            true, List.of("dry-run", "java", "empty"), List.of("name"));

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Clock clock;

    GenerateCommand() {
        this(Clock.systemUTC());
    }

    GenerateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        MigrationGenerator generator = invocation.generator().get();
        Set<String> known = generator != null ? generator.modules() : invocation.migrations().modules();
        List<String> modules = line.arguments().stream().distinct().toList();
        if (modules.isEmpty()) {
            throw new UsageException("db:generate needs at least one module. Available modules: " + String.join(", ", known));
        }
        String description = line.options().get("name");
        if (description != null && !NAME.matcher(description).matches()) {
            throw new UsageException("--name must be letters, digits and '_' (it becomes part of the file and class name), got '"
                    + description + "'");
        }
        List<String> unknown = modules.stream().filter(m -> !known.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownModuleException("generate", unknown, List.copyOf(known));
        }
        if (generator == null && !line.flag("empty")) {
            throw new MigrationException("db:generate needs the MigrationGenerator bean, which is not configured; nothing was"
                    + " written. Next: use the auto-configuration, or write a migration by hand with --empty.");
        }
        String name = "Migration" + LocalDateTime.now(this.clock).format(TIMESTAMP) + (description == null ? "" : "_" + description);
        PrintWriter out = invocation.out();
        List<MigrationFile> files = new ArrayList<>();
        if (line.flag("empty")) {
            for (String module : modules) {
                MigrationFile file = file(line, invocation, generator, module, name, null);
                out.println(module + ": " + name + " (empty, to write by hand)");
                files.add(file);
            }
        } else {
            for (ModuleChanges changes : generator.generate(modules)) {
                if (changes.none()) {
                    out.println(changes.module() + ": no changes");
                    continue;
                }
                describe(changes, name, out);
                files.add(file(line, invocation, generator, changes.module(), name, changes));
            }
        }
        write(files, line.flag("dry-run"), out);
        return MigrationCommands.SUCCESS;
    }

    private static void describe(ModuleChanges changes, String name, PrintWriter out) {
        out.println(changes.module() + ": " + name);
        for (SchemaChange change : changes.changes()) {
            out.println("  " + change.description());
        }
        List<SchemaChange> unsafe = changes.diff().unsafeChanges();
        if (!unsafe.isEmpty()) {
            out.println("  UNSAFE steps (marked -- UNSAFE: in the file):");
            unsafe.forEach(change -> out.println("    " + change.description() + ": " + change.unsafeReason()));
        }
        if (changes.mayHideRename()) {
            out.println("  Note: " + MigrationFile.renameCaveat());
        }
        out.println("  Proven on a shadow database: " + changes.proof().message() + ".");
    }

    private static MigrationFile file(CommandLine line, Invocation invocation, MigrationGenerator generator, String module, String name,
            ModuleChanges changes) {
        Path outputDir = invocation.generateOutputDir();
        if (!line.flag("java")) {
            return MigrationFile.sql(outputDir, module, name, changes);
        }
        String modulePackage = generator != null ? generator.entities().packageOf(module) : null;
        String javaPackage = modulePackage == null ? "migrations" : modulePackage + ".migrations";
        return MigrationFile.java(javaSourceRoot(outputDir), javaPackage, module, name, changes);
    }

    // Java migrations go to src/main/java of the project whose src/main/resources holds the SQL ones.
    static Path javaSourceRoot(Path outputDir) {
        Path absolute = outputDir.toAbsolutePath().normalize();
        for (Path p = absolute; p != null && p.getParent() != null; p = p.getParent()) {
            if (p.getFileName().toString().equals("main") && p.getParent().getFileName() != null
                    && p.getParent().getFileName().toString().equals("src")) {
                return p.resolve("java");
            }
        }
        return Path.of("src", "main", "java");
    }

    private static void write(List<MigrationFile> files, boolean dryRun, PrintWriter out) {
        for (MigrationFile file : files) {
            if (dryRun) {
                out.println("--- " + file.path());
                out.print(file.content());
            } else {
                try {
                    file.write();
                } catch (UncheckedIOException e) {
                    throw new MigrationException(e.getMessage() + ". Files written before it stay. Next: check the folder"
                            + " (module-migrations.generate.output-dir), then run db:generate again.", e);
                }
                out.println("Wrote " + file.path());
            }
        }
        if (dryRun) {
            out.println("Dry run: nothing was written.");
        }
    }
}
