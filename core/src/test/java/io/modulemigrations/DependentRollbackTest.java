package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A rollback knows module dependencies: PetClinic's schema split into {@code vets}, {@code owners}
 * and {@code visits} (which depends on {@code owners}, its visits reference pets).
 */
@PostgresTest
class DependentRollbackTest {

    static String sql(String up, String down) {
        return "-- migrate:up\n" + up + "\n-- migrate:down\n" + down + "\n";
    }

    static FluentConfiguration petClinic(DataSource ds, boolean declareDependency) {
        FluentConfiguration config = ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("vets", "Migration202501010001", sql("create table vets (id int primary key, name text);", "drop table vets;"))
                .sqlMigration("owners", "Migration202501010001", sql("create table owners (id int primary key, name text);\n"
                        + "create table pets (id int primary key, owner_id int references owners(id));", "drop table pets;\ndrop table owners;"))
                .sqlMigration("visits", "Migration202501010001", sql(
                        "create table visits (id int primary key, pet_id int not null references pets(id), description text);", "drop table visits;"));
        return declareDependency ? config.dependsOn("visits", "owners") : config;
    }

    static FluentConfiguration withLaterOwnersColumn(DataSource ds) {
        return petClinic(ds, true).sqlMigration("owners", "Migration202502010001",
                sql("alter table owners add column telephone text;", "alter table owners drop column telephone;"));
    }

    @Test
    void rollingBackAModuleWhoseDependentsAppliedLaterIsRefusedBeforeAnythingRuns(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("dependents_refused")) {
            DataSource ds = db.dataSource();
            ModuleMigrations migrations = petClinic(ds, true).load();
            migrations.migrate();
            List<String> catalog = Db.catalog(ds);
            List<String> history = Db.history(ds);

            for (boolean dryRun : new boolean[] {false, true}) {
                DependentMigrationsException refused = catchThrowableOfType(DependentMigrationsException.class,
                        () -> migrations.rollback(List.of("owners"), RollbackOptions.latestBatch().withDryRun(dryRun)));
                assertThat(refused.getMessage()).contains("Cannot roll back owners: visits depends on owners",
                        "visits (Migration202501010001)", "Nothing was rolled back.",
                        "db:rollback owners visits (dependents are undone first)", "db:rollback owners --with-dependents");
                assertThat(refused.dependents()).containsOnlyKeys("visits");
                assertThat(refused.command()).isEqualTo("db:rollback owners visits");
                assertThat(Db.catalog(ds)).isEqualTo(catalog);
                assertThat(Db.history(ds)).isEqualTo(history);
            }

            // The named command works and undoes the dependent first.
            RollbackResult both = migrations.rollback(List.of("owners", "visits"), RollbackOptions.latestBatch());
            assertThat(both.reverted()).extracting(e -> e.id().toString())
                    .containsExactly("visits/Migration202501010001", "owners/Migration202501010001");
            assertThat(Db.history(ds)).containsExactly("vets/Migration202501010001|1");
            assertThat(Db.tableExists(ds, "pets")).isFalse();
            assertThat(Db.tableExists(ds, "vets")).isTrue();
        }
    }

    @Test
    void aLaterMigrationOfTheModuleRollsBackWithoutRefusal(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("dependents_later_column")) {
            DataSource ds = db.dataSource();
            petClinic(ds, true).load().migrate();
            ModuleMigrations release = withLaterOwnersColumn(ds).load();
            release.migrate();

            RollbackResult result = release.rollback("owners");

            assertThat(result.reverted()).extracting(e -> e.id().toString()).containsExactly("owners/Migration202502010001");
            assertThat(Db.rows(ds, "select column_name from information_schema.columns where table_name = 'owners' order by 1"))
                    .containsExactly("id", "name");
            assertThat(Db.history(ds)).containsExactly("owners/Migration202501010001|1", "vets/Migration202501010001|1",
                    "visits/Migration202501010001|1");
        }
    }

    @Test
    void withDependentsRollsBackWhatTheyAppliedAfterFirstThenTheModule(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("with_dependents")) {
            DataSource ds = db.dataSource();
            petClinic(ds, true).load().migrate();
            // visits gains a second migration in a later batch; owners' latest batch is still the first.
            ModuleMigrations release = petClinic(ds, true).sqlMigration("visits", "Migration202502010001",
                    sql("create index visits_pet on visits (pet_id);", "drop index visits_pet;")).load();
            release.migrate();

            DependentMigrationsException refused = catchThrowableOfType(DependentMigrationsException.class, () -> release.rollback("owners"));
            // visits' latest batch alone would leave its first migration: only the flag works.
            assertThat(refused.getMessage()).contains("visits (Migration202502010001, Migration202501010001)")
                    .doesNotContain("db:rollback owners visits").contains("run db:rollback owners --with-dependents");

            RollbackResult plan = release.rollback(List.of("owners"), RollbackOptions.latestBatch().withDependents(true).withDryRun(true));
            assertThat(plan.plan()).extracting(p -> p.id().toString()).containsExactly(
                    "visits/Migration202502010001", "visits/Migration202501010001", "owners/Migration202501010001");

            RollbackResult done = release.rollback(List.of("owners"), RollbackOptions.latestBatch().withDependents(true));
            assertThat(done.reverted()).extracting(e -> e.id().toString()).containsExactly(
                    "visits/Migration202502010001", "visits/Migration202501010001", "owners/Migration202501010001");
            assertThat(Db.history(ds)).containsExactly("vets/Migration202501010001|1");
            assertThat(Db.tableExists(ds, "visits")).isFalse();
            assertThat(Db.tableExists(ds, "owners")).isFalse();
        }
    }

    @Test
    void aDownThatFailsOnAnotherModulesObjectNamesThatModule(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("dependent_objects")) {
            DataSource ds = db.dataSource();
            // Without depends-on declared, nothing tells the engine up front.
            ModuleMigrations migrations = petClinic(ds, false).load();
            migrations.migrate();
            List<String> catalog = Db.catalog(ds);

            MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, () -> migrations.rollback("owners"));

            assertThat(failed.getMessage()).contains("cannot drop table pets because other objects depend on it",
                    "What depends on it: constraint visits_pet_id_fkey on table visits (module visits, created by visits/Migration202501010001)",
                    "Next: roll back visits first (db:rollback owners visits undoes dependents first)",
                    "declare that visits depends on owners (module-migrations.modules.visits.depends-on)");
            assertThat(Db.catalog(ds)).isEqualTo(catalog);
        }
    }
}
