package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code db:rollback} on PetClinic's schema split into {@code vets}, {@code owners} and {@code visits}
 * (depending on {@code owners}): refusal, {@code --with-dependents}, and a module whose code is gone.
 */
@PostgresTest
class RollbackCommandTests {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static String sql(String up, String down) {
        return "-- migrate:up\n" + up + "\n-- migrate:down\n" + down + "\n";
    }

    static FluentConfiguration petClinic(DataSource ds) {
        return ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("vets", "Migration202501010001", sql("create table vets (id int primary key);", "drop table vets;"))
                .sqlMigration("owners", "Migration202501010001", sql("create table owners (id int primary key);\n"
                        + "create table pets (id int primary key, owner_id int references owners(id));", "drop table pets;\ndrop table owners;"))
                .sqlMigration("visits", "Migration202501010001", sql(
                        "create table visits (id int primary key, pet_id int references pets(id));", "drop table visits;"))
                .dependsOn("visits", "owners");
    }

    private int run(MigrationCommands commands, String... args) {
        this.out.getBuffer().setLength(0);
        this.err.getBuffer().setLength(0);
        return commands.run(List.of(args), new PrintWriter(this.out), new PrintWriter(this.err));
    }

    @Test
    void refusedWithTheWorkingCommandThenWithDependentsRollsBackBothInOrder(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("rollback_command")) {
            DataSource ds = db.dataSource();
            MigrationCommands commands = MigrationCommandsTests.commands(petClinic(ds).load(), ds);
            assertThat(run(commands, "db:migrate")).isZero();
            List<String> history = rows(ds, "select module || '/' || name from module_migrations order by 1");

            assertThat(run(commands, "db:rollback", "owners")).isEqualTo(MigrationCommands.FAILURE);
            assertThat(this.out.toString()).isEmpty();
            assertThat(this.err.toString()).contains("Cannot roll back owners: visits depends on owners",
                    "Nothing was rolled back.", "db:rollback owners visits", "db:rollback owners --with-dependents");
            assertThat(rows(ds, "select module || '/' || name from module_migrations order by 1")).isEqualTo(history);

            assertThat(run(commands, "db:rollback", "owners", "--with-dependents", "--dry-run")).isZero();
            assertThat(this.out.toString()).containsSubsequence("drop table visits", "drop table pets", "Dry run: nothing was changed.");

            assertThat(run(commands, "db:rollback", "owners", "--with-dependents")).isZero();
            assertThat(this.out.toString()).containsSubsequence("Rolled back visits/Migration202501010001",
                    "Rolled back owners/Migration202501010001", "Rolled back 2 migration(s)");
            assertThat(rows(ds, "select module || '/' || name from module_migrations order by 1")).containsExactly("vets/Migration202501010001");
        }
    }

    @Test
    void aModuleWhoseCodeIsGoneIsNotCalledUnknown(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("rollback_code_gone")) {
            DataSource ds = db.dataSource();
            petClinic(ds).load().migrate();
            // The next release no longer has the vets module.
            ModuleMigrations release = ModuleMigrations.configure().dataSource(ds).locations()
                    .sqlMigration("owners", "Migration202501010001", sql("create table owners (id int primary key);", "drop table owners;"))
                    .load();
            MigrationCommands commands = MigrationCommandsTests.commands(release, ds);

            assertThat(run(commands, "db:rollback", "vets")).isEqualTo(MigrationCommands.FAILURE);

            assertThat(this.err.toString()).contains("Cannot roll back vets: vets has 1 migration(s) recorded as applied (Migration202501010001)",
                    "the code of that module is gone from the application, so there is no down to run", "Nothing was rolled back.",
                    "put the module's migrations back", "db:rollback vets again",
                    "delete from \"public\".\"module_migrations\" where module = 'vets'").doesNotContain("unknown module");
            assertThat(rows(ds, "select count(*) from module_migrations where module = 'vets'")).containsExactly("1");

            assertThat(run(commands, "db:rollback", "nosuch")).isEqualTo(MigrationCommands.USAGE);
            assertThat(this.err.toString()).contains("Cannot rollback migrations for unknown module(s): nosuch. Available modules: owners");
        }
    }

    static List<String> rows(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
