package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.test.PostgresTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL files are read byte for byte as UTF-8 from every kind of location, and directories are read
 * as operators deploy them: links followed, hidden entries skipped, near-miss names refused.
 */
@PostgresTest
class SqlFilesTest {

    private static final String NAME = "blog/Migration202601010001.sql";

    /** {@code insert ... 'café'} with the é as given. */
    private static byte[] cafe(byte[] e) {
        byte[] head = "-- migrate:up\ncreate table word (w text);\ninsert into word values ('caf".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "');\n-- migrate:down\ndrop table word;\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + e.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(e, 0, all, head.length, e.length);
        System.arraycopy(tail, 0, all, head.length + e.length, tail.length);
        return all;
    }

    private static final byte[] LATIN1 = cafe(new byte[] {(byte) 0xE9});
    private static final int LATIN1_OFFSET = "-- migrate:up\ncreate table word (w text);\ninsert into word values ('caf".length();

    private static Path jar(Path dir, String entry, byte[] content) throws IOException {
        Path jar = dir.resolve("migrations.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (int slash = entry.indexOf('/'); slash > 0; slash = entry.indexOf('/', slash + 1)) {
                j.putNextEntry(new JarEntry(entry.substring(0, slash + 1)));
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry(entry));
            j.write(content);
            j.closeEntry();
        }
        return jar;
    }

    private static void write(Path dir, String relative, byte[] content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private static InvalidMigrationsException refused(DataSource ds, FluentConfiguration config) {
        List<String> catalog = Db.catalog(ds);
        InvalidMigrationsException e = catchThrowableOfType(InvalidMigrationsException.class, () -> config.load().migrate());
        assertThat(e).as("refused before anything runs (names at load, file contents when they are to run)").isNotNull();
        assertThat(Db.catalog(ds)).as("nothing changed").isEqualTo(catalog);
        assertThat(Db.tableExists(ds, "module_migrations")).isFalse();
        return e;
    }

    @Test
    void aLatin1ByteInAJarIsRefusedNamingFileLineAndOffset(DataSource ds, @TempDir Path dir) throws IOException {
        Path jar = jar(dir, "db/migrations/" + NAME, LATIN1);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            InvalidMigrationsException e = refused(ds, ModuleMigrations.configure().dataSource(ds).classLoader(loader)
                    .locations("classpath:db/migrations"));

            assertThat(e.problems()).singleElement().asString().startsWith("classpath:db/migrations/" + NAME + ": line 3, byte offset "
                    + LATIN1_OFFSET + " (byte 30 of the line): 0xE9 is not UTF-8").contains("was not run", "Save it as UTF-8");
        }
    }

    @Test
    void aLatin1ByteInADirectoryIsRefusedNamingFileLineAndOffset(DataSource ds, @TempDir Path dir) throws IOException {
        Path location = dir.resolve("db/migrations");
        write(location, NAME, LATIN1);

        InvalidMigrationsException onDisk = refused(ds, ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + location));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            InvalidMigrationsException onClasspath = refused(ds, ModuleMigrations.configure().dataSource(ds).classLoader(loader)
                    .locations("classpath:db/migrations"));
            assertThat(onClasspath.problems()).singleElement().asString().startsWith("classpath:db/migrations/" + NAME + ": line 3, byte offset "
                    + LATIN1_OFFSET + " (byte 30 of the line): 0xE9 is not UTF-8");
        }
        assertThat(onDisk.problems()).singleElement().asString().startsWith("filesystem:" + location + "/" + NAME + ": line 3, byte offset "
                + LATIN1_OFFSET + " (byte 30 of the line): 0xE9 is not UTF-8");
    }

    @Test
    void utf8WithAByteOrderMarkIsStoredExactly(DataSource ds, @TempDir Path dir) throws IOException {
        byte[] utf8 = cafe("é".getBytes(StandardCharsets.UTF_8));
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        Path jar = jar(dir, "db/migrations/" + NAME, withBom);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ModuleMigrations.configure().dataSource(ds).classLoader(loader).locations("classpath:db/migrations").load().migrate();
        }
        assertThat(Db.rows(ds, "select w, octet_length(w) from word")).containsExactly("café|5");
        Db.execute(ds, "drop table word; drop table module_migrations");
    }

    @Test
    void aSymlinkedModuleDirectoryAndFileAreFollowed(DataSource ds, @TempDir Path dir) throws IOException {
        Path shared = dir.resolve("shared");
        write(shared, "blog/Migration202601010001.sql", table("post"));
        write(shared, "other/Migration202601010002.sql", table("comment"));
        Path location = Files.createDirectories(dir.resolve("location"));
        Files.createSymbolicLink(location.resolve("blog"), shared.resolve("blog"));
        Files.createDirectories(location.resolve("forum"));
        Files.createSymbolicLink(location.resolve("forum/Migration202601010002.sql"), shared.resolve("other/Migration202601010002.sql"));

        ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + location).load();

        assertThat(migrations.migrate().applied()).extracting(m -> m.id().toString())
                .containsExactly("blog/Migration202601010001", "forum/Migration202601010002");
        assertThat(Db.tableExists(ds, "post")).isTrue();
        assertThat(Db.tableExists(ds, "comment")).isTrue();
        Db.execute(ds, "drop table post, comment, module_migrations");
    }

    @Test
    void aKubernetesConfigMapMountIsALocation(DataSource ds, @TempDir Path dir) throws IOException {
        Path location = dir.resolve("loc");
        String version = "..2026_11_30_12_00_00.123";
        write(location, version + "/blog/Migration202601010001.sql", table("post"));
        Files.createSymbolicLink(location.resolve("..data"), Path.of(version));
        Files.createSymbolicLink(location.resolve("blog"), Path.of("..data/blog"));

        ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + location).load();

        assertThat(migrations.migrations("blog")).singleElement()
                .satisfies(m -> assertThat(m.source()).isEqualTo("filesystem:" + location + "/blog/Migration202601010001.sql"));
        assertThat(migrations.modules()).containsExactly("blog");
        assertThat(migrations.migrate().applied()).hasSize(1);
        assertThat(Db.history(ds)).containsExactly("blog/Migration202601010001|1");
        Db.execute(ds, "drop table post, module_migrations");
    }

    @Test
    void aLinkLoopIsRefusedNamingThePath(DataSource ds, @TempDir Path dir) throws IOException {
        write(dir, "blog/Migration202601010001.sql", table("post"));
        Files.createSymbolicLink(dir.resolve("blog/again"), dir.resolve("blog"));

        InvalidMigrationsException e = refused(ds, ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir));

        assertThat(e.problems()).singleElement().asString().startsWith("filesystem:" + dir + "/blog/again: this directory leads back to "
                + dir.toRealPath().resolve("blog") + ", which contains it (a symbolic link loop)");
    }

    @Test
    void nearMissNamesAreRefusedNamingTheExpectedFormAndOtherFilesAreIgnored(DataSource ds, @TempDir Path dir) throws IOException {
        write(dir, "blog/Migration202601010001.SQL", table("a"));
        write(dir, "blog/migration202601010002.sql", table("b"));
        write(dir, "blog/Migration2026.sql", table("c"));
        write(dir, "blog/Migration202601010004.sql.orig", table("d"));
        write(dir, "blog/README.md", "notes".getBytes(StandardCharsets.UTF_8));
        write(dir, "blog/.Migration202601010005.sql.swp", table("e"));
        write(dir, ".git/blog/Migration202601010006.sql", table("f"));

        InvalidMigrationsException e = refused(ds, ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir));

        String source = "filesystem:" + dir + "/blog/";
        assertThat(e.problems()).containsExactlyInAnyOrder(
                source + "Migration202601010001.SQL: 'Migration202601010001.SQL' looks like a SQL migration but its name is not one:"
                        + " expected <name>.sql, with .sql in lower case, where " + io.modulemigrations.migration.MigrationId.NAME_FORM
                        + ". Rename it, or move it out of the location (files whose names neither end in .sql nor start with 'migration',"
                        + " such as README.md, are ignored, as are hidden ones)",
                source + "migration202601010002.sql: migration name 'migration202601010002' is not valid; " + io.modulemigrations.migration.MigrationId.NAME_FORM,
                source + "Migration2026.sql: migration name 'Migration2026' is not valid; " + io.modulemigrations.migration.MigrationId.NAME_FORM,
                source + "Migration202601010004.sql.orig: 'Migration202601010004.sql.orig' looks like a SQL migration but its name is not one:"
                        + " expected <name>.sql, with .sql in lower case, where " + io.modulemigrations.migration.MigrationId.NAME_FORM
                        + ". Rename it, or move it out of the location (files whose names neither end in .sql nor start with 'migration',"
                        + " such as README.md, are ignored, as are hidden ones)");
    }

    private static byte[] table(String name) {
        return ("-- migrate:up\ncreate table " + name + " (id int);\n-- migrate:down\ndrop table " + name + ";\n").getBytes(StandardCharsets.UTF_8);
    }
}
