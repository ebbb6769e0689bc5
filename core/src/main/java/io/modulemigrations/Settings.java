package io.modulemigrations;

import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.sql.SqlMigrationSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link FluentConfiguration} held when it was {@link FluentConfiguration#load() loaded}: an
 * immutable copy, so changing the configuration afterwards cannot change a loaded engine.
 */
record Settings(
        DataSource dataSource,
        List<Migration> annotatedMigrations,
        List<FluentConfiguration.ExplicitJavaMigration> explicitMigrations,
        List<FluentConfiguration.InlineSqlMigration> inlineSqlMigrations,
        List<String> locations,
        SqlMigrationSource sqlMigrationSource,
        Map<String, Set<String>> dependsOn,
        List<DependsOnSource> dependsOnSources,
        @Nullable String schema,
        String table,
        int concurrency,
        boolean allOrNothing,
        Duration lockWaitTimeout,
        Duration connectTimeout,
        @Nullable Duration lockTimeout,
        int lockRetries,
        @Nullable Duration statementTimeout,
        boolean validateChecksums,
        List<MigrationListener> listeners,
        @Nullable String appliedBy,
        List<MigrationScript> scripts,
        List<ModuleLink> links,
        @Nullable Set<String> modules,
        Supplier<String> applicationName) {
}
