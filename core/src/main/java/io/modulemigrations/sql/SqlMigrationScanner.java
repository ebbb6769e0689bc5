package io.modulemigrations.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The default {@link SqlMigrationSource}: classpath locations are read from a class loader (directories
 * and jars, every root that has the folder), file-system locations from the directory.
 */
public final class SqlMigrationScanner implements SqlMigrationSource {

    private final ClassLoader classLoader;

    /** Reads classpath locations from {@code classLoader}. */
    public SqlMigrationScanner(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public List<SqlResource> sqlFiles(Location location) {
        try {
            List<SqlResource> found = new ArrayList<>();
            if (!location.isClasspath()) {
                scanDirectory(location, Paths.get(location.path()), found);
                return found;
            }
            // A class loader may list one root twice (e.g. a parent and a child both see it).
            Map<String, URL> roots = new LinkedHashMap<>();
            for (URL root : Collections.list(classLoader.getResources(location.path()))) {
                roots.putIfAbsent(root.toExternalForm(), root);
            }
            for (URL root : roots.values()) {
                if ("file".equals(root.getProtocol())) {
                    scanDirectory(location, Paths.get(root.toURI()), found);
                } else {
                    scanJar(location, root, found);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read SQL migrations from " + location + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Could not read SQL migrations from " + location + ": " + e.getMessage(), e);
        }
    }

    private static void scanDirectory(Location location, Path dir, List<SqlResource> found) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String relative = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (relative.endsWith(".sql")) {
                    found.add(new SqlResource(location.source(relative), relative, Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
    }

    private static void scanJar(Location location, URL root, List<SqlResource> found) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("unsupported classpath root " + root);
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            String entryPrefix = location.path() + "/";
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(entryPrefix) && name.endsWith(".sql")) {
                    String relative = name.substring(entryPrefix.length());
                    try (InputStream in = jar.getInputStream(entry)) {
                        found.add(new SqlResource(location.source(relative), relative, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
    }
}
