package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code modules(...)} loads only the named modules, as a module test of a modular application needs. */
class ModulesFilterTest {

    private TestDatabase database;
    private DataSource ds;

    @BeforeEach
    void freshDatabase() {
        database = PostgresServer.shared().createDatabase("modules_filter");
        ds = database.dataSource();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private static FluentConfiguration inventoryAndOrder(DataSource ds) {
        return ModuleMigrations.configure()
                .dataSource(ds)
                .locations()
                .sqlMigration("inventory", "Migration202501010000", "-- migrate:up\ncreate table stock (id int);\n-- migrate:down\ndrop table stock;\n")
                .sqlMigration("order", "Migration202501020000", "-- migrate:up\ncreate table purchase (id int);\n-- migrate:down\ndrop table purchase;\n")
                .dependsOn("order", "inventory");
    }

    @Test
    void onlyTheNamedModulesAreLoadedAndMigrated() {
        ModuleMigrations migrations = inventoryAndOrder(ds).modules(List.of("inventory")).load();

        assertThat(migrations.modules()).containsExactly("inventory");
        assertThat(migrations.graph().modules()).containsExactly("inventory");
        MigrateResult result = migrations.migrate();

        assertThat(result.applied()).extracting(e -> e.id().toString()).containsExactly("inventory/Migration202501010000");
        assertThat(Db.tableExists(ds, "stock")).isTrue();
        assertThat(Db.tableExists(ds, "purchase")).isFalse();
        assertThat(Db.history(ds)).containsExactly("inventory/Migration202501010000|1");
    }

    @Test
    void dependsOnAModuleLeftOutIsNotRefused() {
        ModuleMigrations migrations = inventoryAndOrder(ds).modules(List.of("order")).load();

        assertThat(migrations.graph().dependenciesOf("order")).isEmpty();
        migrations.migrate();

        assertThat(Db.tableExists(ds, "purchase")).isTrue();
        assertThat(Db.tableExists(ds, "stock")).isFalse();
    }

    @Test
    void historyOfModulesLeftOutIsNeitherListedNorReportedMissing() {
        inventoryAndOrder(ds).load().migrate();

        ModuleMigrations inventoryOnly = inventoryAndOrder(ds).modules(List.of("inventory")).load();

        MigrateResult again = inventoryOnly.migrate();
        assertThat(again.nothingToDo()).isTrue();
        assertThat(again.missing()).isEmpty();
        MigrationStatus status = inventoryOnly.status();
        assertThat(status.modules()).extracting(ModuleStatus::module).containsExactly("inventory");
        assertThat(status.module("inventory").upToDate()).isTrue();
        assertThat(Db.history(ds)).containsExactly("inventory/Migration202501010000|1", "order/Migration202501020000|1");
    }

    @Test
    void withoutModulesEveryModuleIsLoaded() {
        ModuleMigrations all = inventoryAndOrder(ds).load();

        assertThat(all.modules()).containsExactly("inventory", "order");
        assertThat(all.graph().order()).containsExactly("inventory", "order");
    }
}
