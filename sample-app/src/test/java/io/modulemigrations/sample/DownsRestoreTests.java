package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import io.modulemigrations.test.spring.PostgresTestDatabase;
import io.modulemigrations.verify.ModuleMigrationsAssertions;
import io.modulemigrations.verify.Outcome;
import io.modulemigrations.verify.VerifyReport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** What a user's own test suite does with the test-support assertion: every down of the sample app restores its up. */
@SpringBootTest
@PostgresTestDatabase
class DownsRestoreTests {

    @Autowired
    ModuleMigrations migrations;

    @Test
    void everyDownOfTheSampleAppRestores() {
        try (TestDatabase scratch = PostgresServer.shared().createDatabase("sample_downs")) {
            VerifyReport report = ModuleMigrationsAssertions.assertDownsRestore(this.migrations, scratch.dataSource());
            assertThat(report.checks()).isNotEmpty().extracting(c -> c.outcome()).containsOnly(Outcome.RESTORES);
        }
    }
}
