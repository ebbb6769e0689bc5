package io.modulemigrations.verify;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrationException;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import java.util.List;
import javax.sql.DataSource;

/**
 * Assertions for an application's own test suite, with any test framework (a failure is an
 * {@link AssertionError}). For example, with an empty test database:
 * <pre>{@code
 * ModuleMigrationsAssertions.assertDownsRestore(emptyDatabase, "blog");
 * }</pre>
 */
public final class ModuleMigrationsAssertions {

    private static final MigrateOptions REPLAY = MigrateOptions.defaults().withConcurrency(1).withSkipScripts(true);

    private ModuleMigrationsAssertions() {
    }

    /**
     * Applies every module's migrations from {@code classpath:db/migrations} (and annotated Java migrations
     * need {@link #assertDownsRestore(DataSource, FluentConfiguration, String...)}) to
     * {@code emptyDatabase}, checking each migration of {@code modules} right after its up as {@code db:verify} does.
     *
     * @param emptyDatabase a scratch database with nothing in it; it keeps the migrated schema afterwards
     * @param modules       the modules whose downs must restore; none for every module
     * @return the report, when every down restores
     * @throws AssertionError with the report ({@code db:verify}'s text) when a down differs or fails
     */
    public static VerifyReport assertDownsRestore(DataSource emptyDatabase, String... modules) {
        return assertDownsRestore(emptyDatabase, ModuleMigrations.configure(), modules);
    }

    /**
     * Like {@link #assertDownsRestore(DataSource, String...)}, with the migrations, module order and links of an
     * application's engine (in a Spring Boot test, the {@code ModuleMigrations} bean), replayed on {@code emptyDatabase}.
     */
    public static VerifyReport assertDownsRestore(ModuleMigrations application, DataSource emptyDatabase, String... modules) {
        application.readAll(List.of());
        FluentConfiguration replay = ModuleMigrations.configure().locations().links(application.links());
        for (String module : application.modules()) {
            for (LoadedMigration m : application.migrations(module)) {
                Migration up = context -> m.up(context);
                replay.javaMigration(module, m.name(), !m.reversible() ? up : new Migration() {
                    @Override
                    public void up(MigrationContext context) throws Exception {
                        m.up(context);
                    }

                    @Override
                    public void down(MigrationContext context) throws Exception {
                        m.down(context);
                    }
                }, m.transactional());
            }
        }
        for (String module : application.graph().modules()) {
            replay.dependsOn(module, application.graph().dependenciesOf(module).toArray(String[]::new));
        }
        return verify(application, emptyDatabase, replay.dataSource(emptyDatabase), modules);
    }

    /**
     * Like {@link #assertDownsRestore(DataSource, String...)}, with the migrations, module dependencies and
     * links of {@code configuration}; it is pointed at {@code emptyDatabase} and gets the verifier as a listener.
     */
    public static VerifyReport assertDownsRestore(DataSource emptyDatabase, FluentConfiguration configuration, String... modules) {
        ModuleMigrations application = configuration.dataSource(emptyDatabase).load();
        return verify(application, emptyDatabase, configuration, modules);
    }

    private static VerifyReport verify(ModuleMigrations application, DataSource emptyDatabase, FluentConfiguration replay, String... modules) {
        VerifyReport report;
        try (ReversibilityVerifier verifier = new ReversibilityVerifier(application, emptyDatabase, List.of(modules))) {
            try {
                replay.listener(verifier).load().migrate(REPLAY);
            } catch (MigrationException e) {
                throw new AssertionError("The migrations could not be applied to check their downs: " + e.getMessage(), e);
            }
            report = verifier.report();
        }
        if (!report.passed(false)) {
            throw new AssertionError("Migration downs that do not restore what their ups changed:\n" + report.toText(false));
        }
        return report;
    }
}
