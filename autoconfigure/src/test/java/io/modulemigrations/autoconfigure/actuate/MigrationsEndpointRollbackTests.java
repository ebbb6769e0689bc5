package io.modulemigrations.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.actuate.MigrationsEndpoint.RollbackDescriptor;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** Rolling back over the endpoint knows module dependencies: refused as a 409 naming them, or {@code withDependents}. */
@PostgresTest
class MigrationsEndpointRollbackTests {

    static String sql(String up, String down) {
        return "-- migrate:up\n" + up + "\n-- migrate:down\n" + down + "\n";
    }

    @Test
    void refusedWhileADependentReliesOnItThenWithDependents(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("endpoint_with_dependents")) {
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .sqlMigration("owners", "Migration202501010001", sql("create table pets (id int primary key);", "drop table pets;"))
                    .sqlMigration("visits", "Migration202501010001", sql("create table visits (pet_id int references pets(id));", "drop table visits;"))
                    .dependsOn("visits", "owners")
                    .load();
            migrations.migrate();
            MigrationsEndpointWebExtension web = new MigrationsEndpointWebExtension(new MigrationsEndpoint(migrations), false);

            WebEndpointResponse<Object> refused = web.rollback(SecurityContext.NONE, "owners", null, null, null);
            assertThat(refused.getStatus()).isEqualTo(MigrationsEndpointWebExtension.STATUS_CONFLICT);
            assertThat(((Map<?, ?>) refused.getBody()).get("message").toString())
                    .contains("Cannot roll back owners: visits depends on owners", "db:rollback owners --with-dependents");

            WebEndpointResponse<Object> done = web.rollback(SecurityContext.NONE, "owners", null, null, true);
            assertThat(done.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
            assertThat(((RollbackDescriptor) done.getBody()).reverted()).containsExactly("visits/Migration202501010001", "Migration202501010001");
            assertThat(migrations.status().module("visits").pending()).containsExactly("Migration202501010001");
            assertThat(migrations.status().module("owners").pending()).containsExactly("Migration202501010001");
        }
    }
}
