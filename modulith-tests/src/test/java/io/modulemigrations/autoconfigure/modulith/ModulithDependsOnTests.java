package io.modulemigrations.autoconfigure.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.modulith.fixture.ModulithFixtureApplication;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Spring Modulith's application modules are read (an ArchUnit import of the application's classes) when the migrations
 * are discovered, and only then: a restart of the same Spring Boot jar on the same history reads none.
 */
@PostgresTest
class ModulithDependsOnTests {

    private static final String STOCK = "-- migrate:up\ncreate table stock (sku text primary key);\n-- migrate:down\ndrop table stock;\n";
    private static final String ORDER = "-- migrate:up\ncreate table purchase_order (sku text references stock (sku));\n"
            + "-- migrate:down\ndrop table purchase_order;\n";

    @Test
    void aRestartWhoseCodeAndHistoryAreAsRecordedReadsNoApplicationModules(TestDatabase database) {
        AtomicInteger reads = new AtomicInteger();
        ModulithDependsOn modulith = counted(reads, "the jar as built");

        for (int start = 1; start <= 3; start++) {
            ModuleMigrations migrations = configure(database.dataSource()).dependsOnFrom(modulith).load();
            migrations.migrate();
            if (start == 1) {
                assertThat(migrations.graph().order()).as("order uses inventory in Spring Modulith").containsExactly("inventory", "order");
            }
        }

        assertThat(reads).as("read by the deploy and by the restart that records the check, not by the next").hasValue(2);
    }

    @Test
    void withoutAFingerprintEveryStartReadsThem(TestDatabase database) {
        AtomicInteger reads = new AtomicInteger();
        ModulithDependsOn modulith = counted(reads, null);

        for (int start = 1; start <= 3; start++) {
            configure(database.dataSource()).dependsOnFrom(modulith).load().migrate();
        }

        assertThat(reads).hasValue(3);
    }

    /** The fixture's application modules, read once here; {@code reads} counts how often the engine asks for them. */
    private static ModulithDependsOn counted(AtomicInteger reads, @Nullable String fingerprint) {
        ApplicationModules modules = ApplicationModules.of(ModulithFixtureApplication.class);
        return new ModulithDependsOn(() -> {
            reads.incrementAndGet();
            return modules;
        }, Map.of(), () -> fingerprint);
    }

    /** Inline migrations, which have a fingerprint; the fixture's own are in a directory, which has none. */
    private static FluentConfiguration configure(DataSource dataSource) {
        return ModuleMigrations.configure().dataSource(dataSource).locations().discoverWhenNeeded(true)
                .sqlMigration("order", "Migration202501010800", ORDER).sqlMigration("inventory", "Migration202501010900", STOCK);
    }

    /** In a Spring Boot jar one archive holds every class: its directory of CRCs is the fingerprint, and changes with any class. */
    @Test
    void aSpringBootJarIsFingerprintedByItsDirectoryAndNothingElseIs(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        writeJar(jar, "v1");
        // As Spring Boot's launcher makes it: its handler, not the JDK's, knows the nested: form.
        URL application = new URL("jar", "", -1, "nested:" + jar + "/!BOOT-INF/classes/!/com/example/App.class", new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                throw new UnsupportedOperationException();
            }
        });

        String built = ModulithDependsOn.fingerprint(application, "com.example.App", "factory");
        assertThat(built).isNotNull().contains("com.example.App", "factory");
        assertThat(ModulithDependsOn.fingerprint(application, "com.example.App", "factory")).isEqualTo(built);
        writeJar(jar, "v2");
        assertThat(ModulithDependsOn.fingerprint(application, "com.example.App", "factory")).as("a class changed").isNotEqualTo(built);

        assertThat(ModulithDependsOn.fingerprint(new URL("jar:file:" + jar + "!/com/example/App.class"), "com.example.App", "factory"))
                .as("a jar among others on a class path").isNull();
        assertThat(ModulithDependsOn.fingerprint(dir.resolve("App.class").toUri().toURL(), "com.example.App", "factory"))
                .as("a directory").isNull();
    }

    /**
     * On a class path (Spring Boot's extracted layout: the application's jar and its libraries), Spring Modulith's
     * factory reads the base packages' classes from whichever jars hold them: those jars are the fingerprint, with
     * Spring Modulith's own.
     */
    @Test
    void onAClassPathTheJarsThatHoldTheBasePackagesAreTheFingerprint(@TempDir Path dir) throws IOException {
        Path app = dir.resolve("app.jar");
        Path shared = dir.resolve("shared.jar");
        Path other = dir.resolve("other.jar");
        writeJar(app, true, "com/example/App.class", "v1");
        writeJar(shared, true, "com/example/shared/Shared.class", "v1");
        writeJar(other, true, "org/other/Other.class", "v1");

        String built = classPathFingerprint(List.of("com.example"), app, shared, other);
        assertThat(built).isNotNull().startsWith("com.example.App default ");
        assertThat(classPathFingerprint(List.of("com.example"), app, shared, other)).isEqualTo(built);
        writeJar(other, true, "org/other/Other.class", "v2");
        assertThat(classPathFingerprint(List.of("com.example"), app, shared, other)).as("a jar without the packages changed").isEqualTo(built);
        writeJar(shared, true, "com/example/shared/Shared.class", "v2");
        assertThat(classPathFingerprint(List.of("com.example"), app, shared, other)).as("a library in the packages changed")
                .isNotEqualTo(built);
        assertThat(classPathFingerprint(List.of("com.example", "org.other"), app, shared, other)).as("an additional base package")
                .isNotEqualTo(classPathFingerprint(List.of("com.example"), app, shared, other));

        writeJar(app, false, "com/example/App.class", "v1");
        assertThat(classPathFingerprint(List.of("com.example"), app, shared)).as("jars without directory entries").isNull();
    }

    /**
     * A directory that holds base packages (an IDE's output, an application exploded as buildpacks run it) keeps no
     * checksums: each of its files there is read, and their paths and CRC-32s are its part of the fingerprint.
     */
    @Test
    void aDirectoryThatHoldsTheBasePackagesIsFingerprintedByItsFiles(@TempDir Path dir) throws IOException {
        Path classes = dir.resolve("classes");
        Path app = Files.createDirectories(classes.resolve("com/example")).resolve("App.class");
        Path inventory = Files.createDirectories(classes.resolve("com/example/inventory")).resolve("Inventory.class");
        Files.writeString(app, "v1");
        Files.writeString(inventory, "v1");
        Files.writeString(classes.resolve("application.properties"), "not in a base package");

        String built = classPathFingerprint(List.of("com.example"), classes);
        assertThat(built).isNotNull().isEqualTo(classPathFingerprint(List.of("com.example"), classes));
        FileTime time = Files.getLastModifiedTime(inventory);
        Files.writeString(inventory, "v2");
        Files.setLastModifiedTime(inventory, time);
        assertThat(classPathFingerprint(List.of("com.example"), classes)).as("a class changed, its size and time kept").isNotEqualTo(built);
        Files.writeString(inventory, "v1");
        Files.writeString(inventory.resolveSibling("package-info.class"), "@ApplicationModule");
        assertThat(classPathFingerprint(List.of("com.example"), classes)).as("a file added").isNotEqualTo(built);
    }

    /**
     * Run from its classes directory, as an IDE runs it, the fixture has a fingerprint. (That the detection strategy
     * set in the environment is in it, {@code ModulithJarRestartIT} shows on the packaged jar.)
     */
    @Test
    void anApplicationRunFromItsClassesDirectoryHasAFingerprint() {
        assertThat(ModulithDependsOn.fingerprint(ModulithFixtureApplication.class, ModulithDependsOn.DEFAULT_FACTORY, null))
                .isNotNull().contains("files:");
    }

    /** The fingerprint of {@code com.example.App}, found first on a class path of {@code roots}. */
    private static @Nullable String classPathFingerprint(List<String> basePackages, Path... roots) throws IOException {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            URL type = loader.getResource("com/example/App.class");
            assertThat(type).isNotNull();
            return ModulithDependsOn.fingerprint(loader, type, "com.example.App", basePackages);
        }
    }

    /** Spring Modulith's own factory is a lambda, whose class is named anew in each JVM: a fingerprint cannot name it so. */
    @Test
    void theDefaultFactoryIsNamedTheSameInEveryJvm() {
        assertThat(ModulithScope.factoryName()).isEqualTo("default");
    }

    private static void writeJar(Path jar, String version) throws IOException {
        writeJar(jar, false, "BOOT-INF/classes/com/example/App.class", version);
    }

    /** A jar of one entry, with an entry for each of its directories, as build tools write them, or none. */
    private static void writeJar(Path jar, boolean directories, String entry, String content) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            if (directories) {
                for (int slash = entry.indexOf('/'); slash >= 0; slash = entry.indexOf('/', slash + 1)) {
                    zip.putNextEntry(new ZipEntry(entry.substring(0, slash + 1)));
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
