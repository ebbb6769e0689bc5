package io.modulemigrations.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A jar being written as a build writes one: a manifest first, and before each file the directory
 * entries it needs (class-path scanners of some tools find a folder in a jar only by its entry).
 */
final class JarEntries implements Closeable {

    private final ZipOutputStream zip;
    private final Set<String> directories = new HashSet<>();

    /** Creates {@code jar} (replacing it) and writes its manifest. */
    JarEntries(Path jar) throws IOException {
        this.zip = new ZipOutputStream(Files.newOutputStream(jar));
        add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n");
    }

    /** Adds a file, in UTF-8, after the directory entries of its parents not written yet. */
    void add(String name, String text) throws IOException {
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            String directory = name.substring(0, slash + 1);
            if (directories.add(directory)) {
                zip.putNextEntry(new ZipEntry(directory));
                zip.closeEntry();
            }
        }
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
