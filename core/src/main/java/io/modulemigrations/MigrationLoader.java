package io.modulemigrations;

import io.modulemigrations.migration.JavaMigration;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.migration.ModuleMigration;
import io.modulemigrations.migration.SqlFileMigration;
import io.modulemigrations.module.ModuleGraph;
import io.modulemigrations.sql.InvalidSqlMigrationException;
import io.modulemigrations.sql.Location;
import io.modulemigrations.sql.SqlResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Discovery and validation: every migration of every module, or every problem at once. */
final class MigrationLoader {

    /** Valid migrations, grouped by module in name order, and the module graph. */
    record Loaded(Map<String, List<LoadedMigration>> byModule, ModuleGraph graph) {
    }

    private final Map<String, List<LoadedMigration>> byModule = new TreeMap<>();
    private final Set<String> validModules = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    // The module of the file (and migration) added last: a location lists a module's files together,
    // so its ids share one module string and its migrations go to one list without a lookup each.
    private @Nullable String lastFileModule;
    private @Nullable List<LoadedMigration> lastList;

    private MigrationLoader() {
    }

    static Loaded load(Settings settings) {
        return load(settings, null, Map.of());
    }

    /**
     * @param declaredInCode what {@link #declaredInCode} built for these settings, so that no Java migration's
     *        {@code up} is recorded twice; null to build it here
     * @param listed  the files of locations already listed, by location as configured, so that none is listed twice
     */
    static Loaded load(Settings settings, @Nullable List<LoadedMigration> declaredInCode, Map<String, List<SqlResource>> listed) {
        MigrationLoader loader = new MigrationLoader();
        if (declaredInCode != null) {
            declaredInCode.forEach(loader::add);
        } else {
            loader.addDeclaredInCode(settings);
        }
        for (String text : settings.locations()) {
            Location location;
            try {
                location = Location.parse(text);
            } catch (IllegalArgumentException e) {
                loader.problems.add(e.getMessage());
                continue;
            }
            List<SqlResource> files;
            try {
                List<SqlResource> already = listed.get(text);
                files = already != null ? already : settings.sqlMigrationSource().sqlFiles(location);
            } catch (InvalidSqlMigrationException e) {
                loader.problems.add(e.getMessage());
                continue;
            }
            for (SqlResource r : files) {
                loader.addFile(r);
            }
        }
        loader.checkScripts(settings.scripts());
        loader.checkLinks(settings.links());
        return loader.finish(settings.modules(), loader.dependsOn(settings));
    }

    /** The declared {@code depends-on}, with what the configuration's sources derive for the other modules with migrations. */
    private Map<String, Set<String>> dependsOn(Settings settings) {
        if (settings.dependsOnSources().isEmpty()) {
            return settings.dependsOn();
        }
        Map<String, Set<String>> dependsOn = new TreeMap<>(settings.dependsOn());
        Set<String> modules = Collections.unmodifiableSet(byModule.keySet());
        for (DependsOnSource source : settings.dependsOnSources()) {
            source.dependsOn(modules).forEach(dependsOn::putIfAbsent);
        }
        return dependsOn;
    }

    /**
     * The migrations declared in code (Java ones and inline SQL), valid and each module's in name order,
     * or null when one of them is not valid (discovery then reports it).
     */
    static @Nullable List<LoadedMigration> declaredInCode(Settings settings) {
        MigrationLoader loader = new MigrationLoader();
        loader.addDeclaredInCode(settings);
        List<LoadedMigration> declared = new ArrayList<>();
        for (List<LoadedMigration> module : loader.byModule.values()) {
            module.sort((a, b) -> a.name().compareTo(b.name()));
            loader.addDuplicates(module);
            declared.addAll(module);
        }
        return loader.problems.isEmpty() ? declared : null;
    }

    private void addDeclaredInCode(Settings settings) {
        for (Migration m : settings.annotatedMigrations()) {
            addAnnotated(m);
        }
        for (FluentConfiguration.ExplicitJavaMigration m : settings.explicitMigrations()) {
            if (validId(m.module(), m.name(), m.migration().getClass().getName())) {
                add(new JavaMigration(new MigrationId(m.module(), m.name()), m.migration(), m.transactional()));
            }
        }
        for (FluentConfiguration.InlineSqlMigration m : settings.inlineSqlMigrations()) {
            // Text given in code costs nothing to check now; files are parsed when they are to run.
            SqlFileMigration inline = addSql(m.module(), m.name(), SqlResource.ofText("sql:" + m.module() + "/" + m.name(),
                    m.module() + "/" + m.name() + ".sql", m.text()));
            if (inline != null) {
                try {
                    inline.validate();
                } catch (InvalidSqlMigrationException e) {
                    problems.add(e.getMessage());
                }
            }
        }
    }

    private void addAnnotated(Migration migration) {
        Class<?> type = migration.getClass();
        ModuleMigration annotation = findAnnotation(type);
        if (annotation == null) {
            problems.add(type.getName() + ": a Java migration needs @ModuleMigration(\"<module>\") to name its module");
            return;
        }
        Class<?> declared = type;
        while (declared.getAnnotation(ModuleMigration.class) == null) {
            declared = declared.getSuperclass();
        }
        if (validId(annotation.value(), declared.getSimpleName(), type.getName())) {
            add(new JavaMigration(new MigrationId(annotation.value(), declared.getSimpleName()), migration, annotation.transactional()));
        }
    }

    // Proxies (CGLIB subclasses) carry the annotation on their superclass.
    private static @Nullable ModuleMigration findAnnotation(Class<?> type) {
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            ModuleMigration a = t.getAnnotation(ModuleMigration.class);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private void addFile(SqlResource r) {
        String path = r.relativePath();
        int slash = path.indexOf('/');
        if (slash < 0 || path.indexOf('/', slash + 1) >= 0) {
            problems.add(r.source() + ": a SQL migration is <location>/<module>/<name>.sql, one folder per module, e.g. db/migrations/blog/Migration202507021059.sql");
            return;
        }
        if (!SqlResource.isSqlFileName(path, slash + 1)) {
            problems.add(r.source() + ": '" + path.substring(slash + 1) + "' looks like a SQL migration but its name is not one: expected <name>.sql, with"
                    + " .sql in lower case, where " + MigrationId.NAME_FORM + ". Rename it, or move it out of the location (files whose"
                    + " names neither end in .sql nor start with 'migration', such as README.md, are ignored, as are hidden ones)");
            return;
        }
        String last = lastFileModule;
        String module = last != null && last.length() == slash && path.startsWith(last) ? last : path.substring(0, slash);
        lastFileModule = module;
        addSql(module, path.substring(slash + 1, path.length() - ".sql".length()), r);
    }

    private @Nullable SqlFileMigration addSql(String module, String name, SqlResource file) {
        if (!validId(module, name)) {
            // The file's source is built for a problem only: a start builds none.
            addIdProblems(module, name, file.source());
            return null;
        }
        SqlFileMigration migration = new SqlFileMigration(new MigrationId(module, name), file);
        add(migration);
        return migration;
    }

    private boolean validId(String module, String name, String source) {
        if (validId(module, name)) {
            return true;
        }
        addIdProblems(module, name, source);
        return false;
    }

    private boolean validId(String module, String name) {
        if (!validModules.contains(module)) {
            if (!MigrationId.isValidModule(module)) {
                return false;
            }
            validModules.add(module);
        }
        return MigrationId.isValidName(name);
    }

    private void addIdProblems(String module, String name, String source) {
        if (!MigrationId.isValidModule(module)) {
            problems.add(source + ": module name '" + module + "' is not valid; " + MigrationId.MODULE_FORM);
        }
        if (!MigrationId.isValidName(name)) {
            problems.add(source + ": migration name '" + name + "' is not valid; " + MigrationId.NAME_FORM);
        }
    }

    // Duplicates are found once each module's list is sorted (they are then neighbours).
    private void add(LoadedMigration migration) {
        List<LoadedMigration> list = lastList;
        if (list == null || !list.get(0).module().equals(migration.module())) {
            list = byModule.get(migration.module());
            if (list == null) {
                list = new ArrayList<>();
                byModule.put(migration.module(), list);
            }
            lastList = list;
        }
        list.add(migration);
    }

    private void checkLinks(List<io.modulemigrations.link.ModuleLink> links) {
        Map<String, io.modulemigrations.link.ModuleLink> tables = new TreeMap<>();
        for (io.modulemigrations.link.ModuleLink link : links) {
            String table = link.tableName();
            io.modulemigrations.link.ModuleLink other = tables.putIfAbsent(table, link);
            if (other != null) {
                problems.add("links " + other + " and " + link + " both use table " + table + "; give one another table with withTable(...)");
            }
            if (table.equals("module_links")) {
                problems.add("link " + link + " uses the table name module_links, which holds the link bookkeeping; choose another");
            }
        }
    }

    private void checkScripts(List<io.modulemigrations.script.MigrationScript> scripts) {
        Map<String, String> seen = new TreeMap<>();
        for (io.modulemigrations.script.MigrationScript script : scripts) {
            String name = script.name();
            if (name == null || name.isBlank()) {
                problems.add(script.getClass().getName() + ": a migration script needs a non-empty name()");
            } else if (seen.putIfAbsent(name, script.getClass().getName()) != null) {
                problems.add("duplicate migration script name '" + name + "': " + seen.get(name) + " and " + script.getClass().getName()
                        + "; each script's name() must be unique");
            }
        }
    }

    /** The index of {@code name} in a module's list as {@link #finish} sorts it, or -1. */
    static int indexOf(List<LoadedMigration> module, String name) {
        int low = 0;
        int high = module.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = module.get(mid).name().compareTo(name);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    private Loaded finish(Set<String> only, Map<String, ? extends Set<String>> declared) {
        for (List<LoadedMigration> list : byModule.values()) {
            // Files usually come in name order: then one pass shows it, and that no name repeats.
            if (!inStrictOrder(list)) {
                list.sort((a, b) -> a.name().compareTo(b.name()));
                addDuplicates(list);
            }
        }
        Map<String, List<LoadedMigration>> kept = byModule;
        if (only != null) {
            kept = new TreeMap<>(byModule);
            kept.keySet().retainAll(only);
        }
        Map<String, ? extends Set<String>> dependsOn = only == null ? declared : onlyAmong(only, declared);
        problems.addAll(ModuleGraph.problems(kept.keySet(), dependsOn));
        if (!problems.isEmpty()) {
            throw new InvalidMigrationsException(problems);
        }
        for (Map.Entry<String, List<LoadedMigration>> module : kept.entrySet()) {
            module.setValue(Collections.unmodifiableList(module.getValue()));
        }
        return new Loaded(Collections.unmodifiableMap(kept), ModuleGraph.of(kept.keySet(), dependsOn));
    }

    private static boolean inStrictOrder(List<LoadedMigration> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i - 1).name().compareTo(list.get(i).name()) >= 0) {
                return false;
            }
        }
        return true;
    }

    // In a sorted list, duplicates are neighbours.
    private void addDuplicates(List<LoadedMigration> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            LoadedMigration previous = sorted.get(i - 1);
            LoadedMigration migration = sorted.get(i);
            if (previous.name().equals(migration.name())) {
                problems.add("duplicate migration " + migration.id() + ": declared by " + previous.source() + " and by "
                        + migration.source() + "; each (module, name) must be unique: rename or remove one");
            }
        }
    }

    // Declarations of and on modules left out are not checked: those modules are deliberately not loaded.
    private static Map<String, Set<String>> onlyAmong(Set<String> only, Map<String, ? extends Set<String>> declared) {
        Map<String, Set<String>> kept = new TreeMap<>();
        declared.forEach((module, deps) -> {
            if (only.contains(module)) {
                Set<String> among = new LinkedHashSet<>(deps);
                among.retainAll(only);
                kept.put(module, among);
            }
        });
        return kept;
    }
}
