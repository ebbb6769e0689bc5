package io.modulemigrations.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.InvalidMigrationsException;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.sql.Location;
import io.modulemigrations.sql.SqlResource;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;

/** Locations read through Spring's resource resolution: directories, jars, file: folders; other prefixes stop startup. */
class SpringSqlMigrationSourceTests {

    private static final String UP = "-- migrate:up\ncreate table %1$s (id int);\n-- migrate:down\ndrop table %1$s;\n";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ModuleMigrationsAutoConfiguration.class))
            .withPropertyValues("module-migrations.run-on-startup=false");

    private static Path write(Path dir, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void classpathLocationReadsDirectoriesAndJarsRelativeToTheLocation(@TempDir Path temp) throws IOException {
        write(temp.resolve("classes"), "mig/blog/Migration202501010001.sql", UP.formatted("post"));
        Path jar = temp.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String dir : new String[] {"mig/", "mig/shop/", "mig/shop/nested/"}) {
                out.putNextEntry(new JarEntry(dir));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("mig/shop/Migration202501010001.sql"));
            out.write("-- Stück\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("mig/shop/nested/Migration202501010002.sql"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("mig/shop/readme.txt"));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.resolve("classes").toUri().toURL(), jar.toUri().toURL()}, null)) {
            SpringSqlMigrationSource source = new SpringSqlMigrationSource(new DefaultResourceLoader(loader));

            for (String location : new String[] {"classpath:mig", "classpath*:/mig/", "mig"}) {
                assertThat(source.sqlFiles(Location.parse(location))).as(location)
                        .extracting(SqlResource::relativePath, SqlResource::source)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("blog/Migration202501010001.sql", "classpath:mig/blog/Migration202501010001.sql"),
                                org.assertj.core.groups.Tuple.tuple("shop/Migration202501010001.sql", "classpath:mig/shop/Migration202501010001.sql"),
                                org.assertj.core.groups.Tuple.tuple("shop/nested/Migration202501010002.sql",
                                        "classpath:mig/shop/nested/Migration202501010002.sql"));
            }
            assertThat(source.sqlFiles(Location.parse("classpath:mig")))
                    .filteredOn(r -> r.relativePath().equals("shop/Migration202501010001.sql"))
                    .singleElement().extracting(SqlResource::text).isEqualTo("-- Stück\n");
            assertThat(source.sqlFiles(Location.parse("classpath:absent"))).isEmpty();
        }
    }

    @Test
    void aLatin1ByteInAJarIsRefusedNamingFileLineAndOffset(@TempDir Path temp) throws IOException {
        java.io.ByteArrayOutputStream latin1 = new java.io.ByteArrayOutputStream();
        latin1.writeBytes("-- migrate:up\ninsert into t values ('caf".getBytes(StandardCharsets.US_ASCII));
        latin1.write(0xE9);
        latin1.writeBytes("');\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(refused(temp, java.util.Map.of("mig/blog/Migration202501010001.sql", latin1.toByteArray()))).singleElement().asString()
                .startsWith("classpath:mig/blog/Migration202501010001.sql: line 2, byte offset 40 (byte 27 of the line): 0xE9 is not UTF-8");
    }

    @Test
    void nearMissNamesInAJarAreRefusedAndHiddenEntriesSkipped(@TempDir Path temp) throws IOException {
        byte[] table = UP.formatted("b").getBytes(StandardCharsets.UTF_8);
        assertThat(refused(temp, java.util.Map.of("mig/blog/Migration202501010002.SQL", table, "mig/.hidden/Migration202501010003.sql", table,
                "mig/blog/README.md", table))).singleElement().asString()
                .startsWith("classpath:mig/blog/Migration202501010002.SQL: 'Migration202501010002.SQL' looks like a SQL migration but its name"
                        + " is not one: expected <name>.sql, with .sql in lower case");
    }

    /** The problems migrating from a jar of these entries (with their folders) reports, before anything runs. */
    private static java.util.List<String> refused(Path temp, java.util.Map<String, byte[]> entries) throws IOException {
        Path jar = temp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            java.util.Set<String> dirs = new java.util.TreeSet<>();
            entries.keySet().forEach(e -> {
                for (int slash = e.indexOf('/'); slash > 0; slash = e.indexOf('/', slash + 1)) {
                    dirs.add(e.substring(0, slash + 1));
                }
            });
            for (String dir : dirs) {
                out.putNextEntry(new JarEntry(dir));
                out.closeEntry();
            }
            for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                TestDatabase db = PostgresServer.shared().createDatabase("spring_source_refused")) {
            SpringSqlMigrationSource source = new SpringSqlMigrationSource(new DefaultResourceLoader(loader));
            InvalidMigrationsException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidMigrationsException.class,
                    () -> ModuleMigrations.configure().dataSource(db.dataSource()).sqlMigrationSource(source).locations("classpath:mig").load().migrate());
            assertThat(e).as("refused before anything runs").isNotNull();
            return e.problems();
        }
    }

    @Test
    void aKubernetesConfigMapMountIsAFileLocation(@TempDir Path temp) throws IOException {
        Path location = temp.resolve("loc");
        String version = "..2026_11_30_12_00_00.123";
        write(location, version + "/blog/Migration202501010001.sql", UP.formatted("post"));
        Files.createSymbolicLink(location.resolve("..data"), Path.of(version));
        Files.createSymbolicLink(location.resolve("blog"), Path.of("..data/blog"));
        SpringSqlMigrationSource source = new SpringSqlMigrationSource(new DefaultResourceLoader());

        assertThat(source.sqlFiles(Location.parse("file:" + location))).extracting(SqlResource::source)
                .containsExactly("file:" + location + "/blog/Migration202501010001.sql");
    }

    @Test
    void fileAndClasspathStarLocationsLoadAndMigrate(@TempDir Path dir) throws IOException {
        write(dir, "blog/Migration202501010001.sql", UP.formatted("post"));
        try (TestDatabase database = PostgresServer.shared().createDatabase("spring_locations")) {
            this.runner.withBean(DataSource.class, database::dataSource)
                    .withPropertyValues("module-migrations.locations=file:" + dir + ",classpath*:spring-locations")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        ModuleMigrations migrations = context.getBean(ModuleMigrations.class);
                        assertThat(migrations.migrations("blog")).singleElement().extracting(m -> m.source())
                                .isEqualTo("file:" + dir + "/blog/Migration202501010001.sql");
                        assertThat(migrations.migrations("shop")).singleElement().extracting(m -> m.source())
                                .isEqualTo("classpath:spring-locations/shop/Migration202501010001.sql");
                        assertThat(migrations.migrate().applied()).extracting(e -> e.id().toString())
                                .containsExactlyInAnyOrder("blog/Migration202501010001", "shop/Migration202501010001");
                    });
        }
    }

    @Test
    void unsupportedPrefixStopsStartupNamingItAndTheSupportedOnes() {
        this.runner.withBean(DataSource.class, () -> new org.postgresql.ds.PGSimpleDataSource())
                .withPropertyValues("module-migrations.locations=s3:bucket/migrations")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidMigrationsException.class)
                            .hasMessageContaining("location 's3:bucket/migrations' has the unsupported prefix 's3:'")
                            .hasMessageContaining("supported prefixes are classpath:, classpath*:, file:, filesystem:");
                });
    }
}
