package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.test.PostgresTest;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported location prefix finds its migrations once; any other prefix is refused before the database is touched. */
@PostgresTest
class LocationsTest {

    private static final String TABLE = "-- migrate:up\ncreate table %1$s (id int);\n-- migrate:down\ndrop table %1$s;\n";

    @Test
    void fileLocationIsADirectoryAndEachMigrationIsFoundOnce(DataSource ds, @TempDir Path dir) throws IOException {
        ValidationTest.write(dir, "blog/Migration202501010001.sql", TABLE.formatted("post"));
        ValidationTest.write(dir, "shop/Migration202501010001.sql", TABLE.formatted("item"));

        ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds).locations("file:" + dir).load();

        assertThat(migrations.migrations("blog")).singleElement()
                .satisfies(m -> assertThat(m.source()).isEqualTo("file:" + dir + "/blog/Migration202501010001.sql"));
        assertThat(migrations.migrate().applied()).hasSize(2);
        assertThat(Db.history(ds)).containsExactly("blog/Migration202501010001|1", "shop/Migration202501010001|1");
        assertThat(Db.tableExists(ds, "post")).isTrue();
    }

    @Test
    void classpathStarLocationReadsTheClasspathLikeClasspath(DataSource ds) {
        ModuleMigrations star = ModuleMigrations.configure().dataSource(ds).locations("classpath*:fixtures/same-name/").load();
        ModuleMigrations plain = ModuleMigrations.configure().dataSource(ds).locations("classpath:fixtures/same-name").load();
        ModuleMigrations bare = ModuleMigrations.configure().dataSource(ds).locations("/fixtures/same-name").load();

        assertThat(star.migrations("product")).extracting(m -> m.source())
                .containsExactly("classpath:fixtures/same-name/product/Migration202507021059.sql");
        assertThat(plain.migrations("product")).extracting(m -> m.source()).isEqualTo(star.migrations("product").stream().map(m -> m.source()).toList());
        assertThat(bare.migrations("product")).extracting(m -> m.source()).isEqualTo(star.migrations("product").stream().map(m -> m.source()).toList());
        assertThat(star.migrate().applied()).extracting(e -> e.id().toString()).containsExactly("product/Migration202507021059");
    }

    @Test
    void unsupportedPrefixesAreRefusedNamingTheSupportedOnes(DataSource ds) {
        InvalidMigrationsException e = catchThrowableOfType(InvalidMigrationsException.class, () -> ModuleMigrations.configure()
                .dataSource(ds).locations("s3:bucket/migrations", "http://example.com/migrations", "classpath:fixtures/same-name").load());

        assertThat(e).as("load() should refuse").isNotNull();
        assertThat(e.problems()).containsExactly(
                "location 's3:bucket/migrations' has the unsupported prefix 's3:'; the supported prefixes are classpath:, classpath*:, file:, filesystem: (none means classpath:)",
                "location 'http://example.com/migrations' has the unsupported prefix 'http:'; the supported prefixes are classpath:, classpath*:, file:, filesystem: (none means classpath:)");
        assertThat(e.getMessage()).contains("nothing was run");
        assertThat(Db.tableExists(ds, "module_migrations")).isFalse();
    }
}
