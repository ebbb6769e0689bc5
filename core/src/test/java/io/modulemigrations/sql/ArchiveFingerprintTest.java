package io.modulemigrations.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What tells a start that the jar holding its migrations is the one an earlier start checked. */
class ArchiveFingerprintTest {

    @TempDir
    Path dir;

    @Test
    void theSameArchiveElsewhereHasTheSameFingerprint() throws IOException {
        Path here = zip("here.jar", files("create table author (id int);"));
        Path there = zip("there.jar", files("create table author (id int);"));

        assertThat(fingerprint("jar:" + here.toUri() + "!/db/migrations/")).isNotNull()
                .isEqualTo(fingerprint("jar:" + there.toUri() + "!/db/migrations/"));
    }

    /** Same name, same size, other bytes: only the entry's CRC-32 in the directory differs. */
    @Test
    void oneFileEditedToTheSameSizeChangesIt() throws IOException {
        Path before = zip("before.jar", files("create table author (id int);"));
        Path after = zip("after.jar", files("create table author (ID int);"));

        assertThat(Files.size(after)).isEqualTo(Files.size(before));
        assertThat(fingerprint("jar:" + after.toUri() + "!/db/migrations/")).isNotEqualTo(fingerprint("jar:" + before.toUri() + "!/db/migrations/"));
    }

    /** Spring Boot's URL of a folder in an executable jar names the outer archive, whose directory holds the nested jars' CRCs. */
    @Test
    void aNestedSpringBootUrlIsTheOuterArchives() throws IOException {
        Path app = zip("my app.jar", files("create table author (id int);"));
        String nested = "nested:" + app.toAbsolutePath().toString().replace(" ", "%20") + "/!BOOT-INF/classes/!/db/migrations/";
        // As Spring Boot's launcher makes it: its handler, not the JDK's, knows the nested: form.
        URL url = new URL("jar", "", -1, nested, new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                throw new UnsupportedOperationException();
            }
        });

        assertThat(ArchiveFingerprint.of(url)).isNotNull().isEqualTo(fingerprint("jar:" + app.toUri() + "!/db/migrations/"));
    }

    /** A fully executable jar starts with a launch script; its directory is found from the end. */
    @Test
    void anArchiveWithALaunchScriptInFrontIsRead() throws IOException {
        Path plain = zip("plain.jar", files("create table author (id int);"));
        Path script = dir.resolve("script.jar");
        try (OutputStream out = Files.newOutputStream(script)) {
            out.write("#!/bin/bash\nexec java -jar \"$0\" \"$@\"\n".getBytes(StandardCharsets.US_ASCII));
            out.write(Files.readAllBytes(plain));
        }

        assertThat(ArchiveFingerprint.of(new URL("jar:" + script.toUri() + "!/db/migrations/"))).isNotNull()
                .isEqualTo(fingerprint("jar:" + plain.toUri() + "!/db/migrations/"));
    }

    @Test
    void aDirectoryOrAnUnreadableArchiveHasNone() throws IOException {
        Path notAZip = Files.writeString(dir.resolve("broken.jar"), "not a zip");

        assertThat(ArchiveFingerprint.of(dir.toUri().toURL())).isNull();
        assertThat(fingerprint("jar:" + notAZip.toUri() + "!/db/migrations/")).isNull();
        assertThat(fingerprint("jar:" + dir.resolve("gone.jar").toUri() + "!/db/migrations/")).isNull();
        assertThat(ArchiveFingerprint.ofRoots(List.of(new URL("jar:" + zip("a.jar", files("x")).toUri() + "!/db/"), dir.toUri().toURL())))
                .as("one root a directory").isNull();
    }

    private static Map<String, String> files(String author) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/migrations/blog/Migration202501010001.sql", author);
        files.put("db/migrations/blog/Migration202501010002.sql", "create table post (id int);");
        return files;
    }

    private static String fingerprint(String url) throws IOException {
        return ArchiveFingerprint.of(new URL(url));
    }

    private Path zip(String name, Map<String, String> files) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(1_700_000_000_000L); // as a reproducible build writes it: two builds of the same files are equal
                out.putNextEntry(entry);
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
