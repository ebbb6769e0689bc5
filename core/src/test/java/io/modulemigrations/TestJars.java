package io.modulemigrations;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Jars of SQL migrations below {@code db/migrations/}, as a build packs them (or unpacked), and class loaders that see only them. */
final class TestJars {

    private TestJars() {
    }

    static Path jar(Path jar, Map<String, String> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            Set<String> directories = new HashSet<>();
            for (Map.Entry<String, String> file : files.entrySet()) {
                String name = "db/migrations/" + file.getKey();
                // Directory entries, as a build writes them: a class loader finds a folder in a jar by its entry.
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    if (directories.add(name.substring(0, slash + 1))) {
                        zip.putNextEntry(new ZipEntry(name.substring(0, slash + 1)));
                        zip.closeEntry();
                    }
                }
                zip.putNextEntry(new ZipEntry(name));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** The same files unpacked below {@code root}, as an exploded jar or an IDE's output has them; returns {@code root/db/migrations}. */
    static Path exploded(Path root, Map<String, String> files) throws IOException {
        Path migrations = root.resolve("db/migrations");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = migrations.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return migrations;
    }

    static URLClassLoader loader(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

}
