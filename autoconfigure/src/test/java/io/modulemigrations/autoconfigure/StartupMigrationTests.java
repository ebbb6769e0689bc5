package io.modulemigrations.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.modulemigrations.ChecksumMismatchException;
import io.modulemigrations.InvalidMigrationsException;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.fixtures.FixtureApplication;
import io.modulemigrations.autoconfigure.fixtures.FixtureApplication.TableNames;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** When startup migrations run: during initialization (JPA's default) or when ready, and what each means for the application's beans. */
@ExtendWith(OutputCaptureExtension.class)
class StartupMigrationTests {

    private TestDatabase database;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp() {
        // A fresh database per test: each test starts from an empty schema.
        TestDatabase database = PostgresServer.shared().createDatabase("startup");
        this.database = database;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ModuleMigrationsAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
                .withUserConfiguration(FixturePackages.class)
                .withBean(DataSource.class, database::dataSource);
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void withJpaOnTheClasspathMigrationsRunDuringInitialization() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(MigrationInitializer.class).doesNotHaveBean(MigrationRunner.class);
            assertThat(tables()).contains("author", "post", "shop_item");
        });
    }

    @Test
    void aFirstDeployLogsOneInfoLinePerModuleAndEachMigrationOnlyAtDebug(CapturedOutput output) {
        this.runner.run(context -> assertThat(context).hasNotFailed());
        List<String> lines = output.getAll().lines().toList();
        assertThat(lines).filteredOn(line -> line.matches(".*blog: applied 2 migration\\(s\\) in \\d+ ms$")).hasSize(1);
        assertThat(lines).filteredOn(line -> line.matches(".*shop: applied 1 migration\\(s\\) in \\d+ ms$")).hasSize(1);
        assertThat(lines).filteredOn(line -> line.contains("Applied 3 migration(s) in 2 module(s)")).hasSize(1);
        // the engine's summary is the start's only one: no second line saying the same
        assertThat(lines).filteredOn(line -> line.contains("Applied 3 migration(s)")).hasSize(1);
        assertThat(lines).noneMatch(line -> line.contains(": applying ") || line.contains(": applied Migration"));
    }

    @Test
    void withoutJpaMigrationsWaitForTheReadyEvent() {
        this.runner.withClassLoader(new FilteredClassLoader(EntityManagerFactory.class)).run(context -> {
            assertThat(context).hasSingleBean(MigrationRunner.class).doesNotHaveBean(MigrationInitializer.class);
            assertThat(tables()).doesNotContain("author");
        });
    }

    @Test
    void runOnOverridesTheDefaultEitherWay() {
        this.runner.withPropertyValues("module-migrations.run-on=ready")
                .run(context -> assertThat(context).hasSingleBean(MigrationRunner.class).doesNotHaveBean(MigrationInitializer.class));
        this.runner.withClassLoader(new FilteredClassLoader(EntityManagerFactory.class))
                .withPropertyValues("module-migrations.run-on=initialization")
                .run(context -> assertThat(context).hasSingleBean(MigrationInitializer.class).doesNotHaveBean(MigrationRunner.class));
    }

    @Test
    void runOnStartupFalseRunsNothingInEitherMode() {
        this.runner.withPropertyValues("module-migrations.run-on-startup=false").run(context -> {
            assertThat(context).doesNotHaveBean(MigrationInitializer.class).doesNotHaveBean(MigrationRunner.class);
            assertThat(tables()).doesNotContain("author");
        });
    }

    @Test
    void beansThatDependOnDatabaseInitializationAreCreatedAfterMigrations() {
        // AuthorCount reads a migrated table in its constructor, through JdbcTemplate: it would fail on an empty schema.
        this.runner.withPropertyValues("module-migrations.run-on=initialization").withUserConfiguration(AuthorCountConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(AuthorCount.class).count()).isZero();
                });
    }

    @Test
    void initializationMigratesBeforeRunnersAndReadyListenersSoTheySeeTheNewSchema() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (ConfigurableApplicationContext context = application(events, "initialization").run()) {
            assertThat(events).containsExactly("runner sees author: true", "ready listener sees author: true",
                    "readiness ACCEPTING_TRAFFIC");
        }
    }

    @Test
    void readyMigratesAfterRunnersButBeforeReadyListenersAndGatesReadiness() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (ConfigurableApplicationContext context = application(events, "ready").run()) {
            // The documented hazard of run-on=ready: runners run before the ready event and see the old schema.
            // Spring Boot itself publishes ACCEPTING_TRAFFIC once more after the ready listeners.
            assertThat(events).containsExactly("runner sees author: false", "readiness REFUSING_TRAFFIC",
                    "readiness ACCEPTING_TRAFFIC", "ready listener sees author: true", "readiness ACCEPTING_TRAFFIC");
        }
    }

    @Test
    void warnsWhenAnotherToolAlsoManagesTheSchema(CapturedOutput output) {
        this.runner.withPropertyValues("module-migrations.run-on-startup=false", "spring.jpa.hibernate.ddl-auto=update")
                .withBean(Flyway.class, () -> Flyway.configure().dataSource(this.database.dataSource()).load())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("Flyway is also active in this application (bean '")
                            .contains("both will manage tables").contains("spring.flyway.enabled=false")
                            .contains("spring.jpa.hibernate.ddl-auto=update lets Hibernate create or change tables");
                });
    }

    @Test
    void noWarningWhenMigrationsAloneManageTheSchema(CapturedOutput output) {
        this.runner.withPropertyValues("module-migrations.run-on-startup=false", "spring.jpa.hibernate.ddl-auto=validate")
                .run(context -> assertThat(output).doesNotContain("both will manage tables"));
    }

    /**
     * What a restart of a packaged application does: with its migrations in a jar and the history as the
     * previous start found it, the second restart lists and validates none of them.
     */
    @Test
    void aRestartWithTheJarAndTheHistoryAsTheLastStartFoundThemReadsNoMigration(CapturedOutput output, @TempDir Path dir) throws IOException {
        Path jar = migrationsJar(dir.resolve("app.jar"), "Migration202501010001.sql");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            for (int start = 1; start <= 3; start++) {
                jarApplication(loader).run().close();
            }
        }
        List<String> lines = output.getAll().lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("Applied 1 migration(s) in 1 module(s)")).hasSize(1);
        assertThat(lines).filteredOn(line -> line.endsWith("Migrations are up to date (1 modules, nothing pending)")).hasSize(1);
        assertThat(lines).filteredOn(line -> line.endsWith("nothing pending; code and history as an earlier check found them)")).hasSize(1);
        assertThat(tables()).contains("author", "module_migrations_checks");
    }

    /**
     * The same with Java migrations, beans of the application's packages (the blog one is given the name of
     * its table by another bean): what their {@code up} issues is part of what the record proves, so a
     * bean that changes it makes the same jar and classes an edited migration.
     */
    @Test
    void aRestartWithJavaMigrationsReadsNoMigrationEitherAndABeanThatChangesTheirSqlIsAnEdit(CapturedOutput output, @TempDir Path dir)
            throws IOException {
        Path jar = migrationsJar(dir.resolve("app.jar"), "Migration202501010001.sql", "writer");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            for (int start = 1; start <= 3; start++) {
                jarApplication(loader).sources(FixturePackages.class).run().close();
            }
            List<String> lines = output.getAll().lines().toList();
            assertThat(lines).filteredOn(line -> line.contains("Applied 3 migration(s) in 2 module(s)")).hasSize(1);
            assertThat(lines).filteredOn(line -> line.endsWith("Migrations are up to date (2 modules, nothing pending)")).hasSize(1);
            assertThat(lines).filteredOn(line -> line.endsWith("nothing pending; code and history as an earlier check found them)")).hasSize(1);

            assertThatExceptionOfType(ChecksumMismatchException.class)
                    .isThrownBy(() -> jarApplication(loader).sources(OtherAuthorTable.class).run())
                    .withMessageContaining("module blog, migration Migration202507021059: recorded checksum");
        }
        assertThat(tables()).contains("writer", "author", "shop_item").doesNotContain("person");
    }

    /**
     * A ready start asks whether anything is pending while the context refreshes: the first start
     * then migrates at the ready event; a restart with nothing to apply takes no connection there.
     */
    @Test
    void aReadyStartReadsWhatIsPendingWhileStartingAndMigratesAtTheReadyEventOnlyWhenSomethingIs() {
        List<String> first = new CopyOnWriteArrayList<>();
        recordedApplication(first).run().close();
        assertThat(tables()).contains("author");
        assertThat(first.subList(0, 2)).containsExactly("connection", "readiness REFUSING_TRAFFIC");
        assertThat(first.subList(2, first.indexOf("readiness ACCEPTING_TRAFFIC"))).as("connections at the ready event")
                .isNotEmpty().containsOnly("connection");

        List<String> restart = new CopyOnWriteArrayList<>();
        recordedApplication(restart).run().close();
        // Spring Boot itself publishes ACCEPTING_TRAFFIC once more after the ready listeners.
        assertThat(restart).containsExactly("connection", "readiness REFUSING_TRAFFIC", "readiness ACCEPTING_TRAFFIC",
                "readiness ACCEPTING_TRAFFIC");
    }

    /** An AOT-processed application keeps the runner its build created; a command's start turns it off, and it reads nothing. */
    @Test
    void aRunnerTurnedOffAtRunTimeReadsNothing() {
        List<String> events = new CopyOnWriteArrayList<>();
        recordedApplication(events).sources(TurnedOffRunner.class).run().close();
        assertThat(events).doesNotContain("connection", "readiness REFUSING_TRAFFIC");
        assertThat(tables()).doesNotContain("author");
    }

    /** A context that closes before it is ready (a failed refresh, a test's context) waits for the early read to end. */
    @Test
    void aContextClosedBeforeItIsReadyLeavesNoReadRunning() throws InterruptedException {
        CountDownLatch connecting = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        DataSource slowToConnect = new DelegatingDataSource(this.database.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                connecting.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while connecting", e);
                }
                return super.getConnection();
            }
        };
        List<Thread> readers = new CopyOnWriteArrayList<>();
        try {
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ModuleMigrationsAutoConfiguration.class))
                    .withUserConfiguration(FixturePackages.class).withBean(DataSource.class, () -> slowToConnect)
                    .withPropertyValues("module-migrations.run-on=ready")
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(MigrationRunner.class);
                        assertThat(connecting.await(30, TimeUnit.SECONDS)).as("the early read is connecting").isTrue();
                        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(MigrationRunner.CHECK_THREAD))
                                .forEach(readers::add);
                    });
            assertThat(readers).singleElement().satisfies(
                    reader -> assertThat(reader.isAlive()).as("the early read ended with its context").isFalse());
        } finally {
            released.countDown();
        }
    }

    /** An edited applied migration stops a ready start at the ready event, with migrate's message, as before the early read. */
    @Test
    void anEditedAppliedMigrationStillStopsAReadyStart(@TempDir Path dir) throws IOException {
        Path jar = migrationsJar(dir.resolve("app.jar"), "Migration202501010001.sql", "author");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            jarApplication(loader).run().close();
        }
        Path edited = migrationsJar(dir.resolve("edited.jar"), "Migration202501010001.sql", "writer");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {edited.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(() -> jarApplication(loader).run())
                    .withMessageContaining("Migration202501010001");
        }
        assertThat(tables()).contains("author").doesNotContain("writer");
    }

    /** The engine leaves discovery to the startup run, which still stops the application on a problem, before anything runs. */
    @Test
    void anInvalidMigrationInAJarStillStopsTheStart(@TempDir Path dir) throws IOException {
        Path jar = migrationsJar(dir.resolve("app.jar"), "migration-1.sql");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(() -> jarApplication(loader).run())
                    .withMessageContaining("migration-1.sql");
        }
        assertThat(tables()).doesNotContain("author", "module_migrations");
    }

    private SpringApplicationBuilder jarApplication(ClassLoader loader) {
        return new SpringApplicationBuilder(JarApplication.class)
                .web(WebApplicationType.NONE)
                .resourceLoader(new DefaultResourceLoader(loader))
                .properties("spring.datasource.url=" + this.database.jdbcUrl(),
                        "spring.datasource.username=" + this.database.user(),
                        "spring.datasource.password=" + this.database.password(),
                        "module-migrations.run-on=ready", "module-migrations.locations=classpath:packaged/migrations");
    }

    private static Path migrationsJar(Path jar, String fileName) throws IOException {
        return migrationsJar(jar, fileName, "author");
    }

    private static Path migrationsJar(Path jar, String fileName, String table) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("packaged/", "packaged/migrations/", "packaged/migrations/blog/")) {
                zip.putNextEntry(new ZipEntry(folder));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("packaged/migrations/blog/" + fileName));
            zip.write("-- migrate:up\ncreate table %1$s (id int primary key);\n-- migrate:down\ndrop table %1$s;\n".formatted(table)
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    private SpringApplicationBuilder application(List<String> events, String runOn) {
        return new SpringApplicationBuilder(StartupApplication.class)
                .web(WebApplicationType.NONE)
                .resourceLoader(new DefaultResourceLoader(getClass().getClassLoader()))
                .properties("spring.datasource.url=" + this.database.jdbcUrl(),
                        "spring.datasource.username=" + this.database.user(),
                        "spring.datasource.password=" + this.database.password(),
                        "module-migrations.run-on=" + runOn)
                .initializers(context -> context.getBeanFactory().registerSingleton("events", events));
    }

    /** The fixture application with run-on=ready, recording each connection it takes and each readiness change. */
    private SpringApplicationBuilder recordedApplication(List<String> events) {
        DataSource recording = new DelegatingDataSource(this.database.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                events.add("connection");
                return super.getConnection();
            }
        };
        return new SpringApplicationBuilder(RecordedApplication.class)
                .web(WebApplicationType.NONE)
                .resourceLoader(new DefaultResourceLoader(getClass().getClassLoader()))
                .properties("module-migrations.run-on=ready")
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("dataSource", recording);
                    context.getBeanFactory().registerSingleton("events", events);
                });
    }

    private List<String> tables() {
        return new JdbcTemplate(this.database.dataSource()).queryForList(
                "select table_name from information_schema.tables where table_schema = current_schema()", String.class);
    }

    private static boolean authorExists(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass('author') is not null", Boolean.class));
    }

    /** An application whose only migrations are SQL files in a jar. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, ModuleMigrationsAutoConfiguration.class })
    static class JarApplication {
    }

    /** The fixture application on a DataSource of the test's. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ModuleMigrationsAutoConfiguration.class)
    static class RecordedApplication extends FixturePackages {

        private final List<String> events;

        RecordedApplication(List<String> events) {
            this.events = events;
        }

        @EventListener
        void readiness(AvailabilityChangeEvent<ReadinessState> event) {
            this.events.add("readiness " + event.getState());
        }
    }

    /** The fixture application's packages with the blog migration's table named otherwise. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = FixtureApplication.class)
    static class OtherAuthorTable {

        @Bean
        TableNames tableNames() {
            return new TableNames("person");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TurnedOffRunner {

        @Bean
        MigrationRunner migrationRunner(ModuleMigrations migrations) {
            return new MigrationRunner(migrations, MigrateOptions.defaults(), false);
        }
    }

    record AuthorCount(int count) {
    }

    @Configuration(proxyBeanMethods = false)
    static class AuthorCountConfiguration {

        @Bean
        AuthorCount authorCount(JdbcTemplate jdbc) {
            return new AuthorCount(jdbc.queryForObject("select count(*) from author", Integer.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            ModuleMigrationsAutoConfiguration.class })
    static class StartupApplication extends FixturePackages {

        @Bean
        CommandLineRunner runner(JdbcTemplate jdbc, List<String> events) {
            return args -> events.add("runner sees author: " + authorExists(jdbc));
        }

        @EventListener
        void readiness(AvailabilityChangeEvent<ReadinessState> event) {
            events().add("readiness " + event.getState());
        }

        @EventListener
        void ready(ApplicationReadyEvent event) {
            JdbcTemplate jdbc = event.getApplicationContext().getBean(JdbcTemplate.class);
            events().add("ready listener sees author: " + authorExists(jdbc));
        }

        private final List<String> events;

        StartupApplication(List<String> events) {
            this.events = events;
        }

        private List<String> events() {
            return this.events;
        }
    }
}
