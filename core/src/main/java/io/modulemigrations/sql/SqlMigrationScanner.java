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
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds {@code .sql} files below a location: {@code classpath:db/migrations} (directories and jars,
 * every classpath root that has the folder) or {@code filesystem:/path}. A location without a
 * prefix is a classpath location.
 */
public final class SqlMigrationScanner {

    /**
     * A SQL file found below a location.
     *
     * @param source       where it is, for messages: the location plus the relative path
     * @param relativePath the path below the location, with {@code /} separators
     * @param text         the file's text (UTF-8)
     */
    public record SqlResource(String source, String relativePath, String text) {
    }

    private SqlMigrationScanner() {
    }

    public static List<SqlResource> scan(String location, ClassLoader classLoader) {
        try {
            if (location.startsWith("filesystem:")) {
                String dir = location.substring("filesystem:".length());
                List<SqlResource> found = new ArrayList<>();
                scanDirectory(location, Paths.get(dir), found);
                return found;
            }
            String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            path = strip(path);
            String prefix = "classpath:" + path;
            List<SqlResource> found = new ArrayList<>();
            Enumeration<URL> roots = classLoader.getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    scanDirectory(prefix, Paths.get(root.toURI()), found);
                } else {
                    scanJar(prefix, path, root, found);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read SQL migrations from " + location + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Could not read SQL migrations from " + location + ": " + e.getMessage(), e);
        }
    }

    private static String strip(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static void scanDirectory(String prefix, Path dir, List<SqlResource> found) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String relative = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (relative.endsWith(".sql")) {
                    found.add(new SqlResource(prefix + "/" + relative, relative, Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
    }

    private static void scanJar(String prefix, String path, URL root, List<SqlResource> found) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("unsupported classpath root " + root);
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            String entryPrefix = jarConnection.getEntryName() == null ? path + "/" : strip(jarConnection.getEntryName()) + "/";
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(entryPrefix) && name.endsWith(".sql")) {
                    String relative = name.substring(entryPrefix.length());
                    try (InputStream in = jar.getInputStream(entry)) {
                        found.add(new SqlResource(prefix + "/" + relative, relative, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
    }
}
