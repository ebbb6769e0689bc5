package io.modulemigrations.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

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

    /** The {@link ArchiveFingerprint#ofRoots fingerprints} of the archives of a classpath location's roots, when all are jars; else null. */
    @Override
    public @Nullable String fingerprint(Location location) {
        if (!location.isClasspath()) {
            return null;
        }
        try {
            return ArchiveFingerprint.ofRoots(Collections.list(classLoader.getResources(location.path())));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Every listed file below {@code dir}, as operators deploy directories: symbolic links to directories
     * and files are followed (a link back to a directory that contains it is refused as a loop), hidden
     * entries ({@code .git}, and Kubernetes' {@code ..data} and {@code ..<timestamp>} of a ConfigMap or
     * Secret mount, reached through the visible links instead) are skipped.
     */
    public static void scanDirectory(Location location, Path dir, List<SqlResource> found) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Deque<Path> ancestors = new ArrayDeque<>();
        ancestors.push(dir.toRealPath());
        walk(location, dir, "", ancestors, found);
    }

    private static void walk(Location location, Path dir, String prefix, Deque<Path> ancestors, List<SqlResource> found) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            String relative = prefix + name;
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                if (SqlResource.isListed(name)) {
                    throw new InvalidSqlMigrationException(location.source(relative), "a symbolic link to " + Files.readSymbolicLink(entry)
                            + ", which does not exist; nothing was run. Repoint or remove the link, then start again.");
                }
                continue;
            }
            if (attributes.isDirectory()) {
                Path real = entry.toRealPath();
                if (ancestors.contains(real)) {
                    throw new InvalidSqlMigrationException(location.source(relative), "this directory leads back to " + real
                            + ", which contains it (a symbolic link loop); nothing was run. Remove or repoint the link, then start again.");
                }
                ancestors.push(real);
                walk(location, entry, relative + "/", ancestors, found);
                ancestors.pop();
            } else if (SqlResource.isListed(name)) {
                found.add(SqlResource.of(location, relative, () -> Files.readAllBytes(entry)));
            }
        }
    }

    /**
     * Lists a jar from its directory, which also holds each entry's CRC-32: files are read only when
     * needed. The jar is the shared, cached one of its URL (as class loaders and Spring read it), left open.
     */
    public static void scanJar(Location location, URL root, List<SqlResource> found) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("unsupported classpath root " + root);
        }
        JarFile jar = jarConnection.getJarFile();
        String entryPrefix = jarConnection.getEntryName() == null ? "" : jarConnection.getEntryName();
        if (!entryPrefix.isEmpty() && !entryPrefix.endsWith("/")) {
            entryPrefix += "/";
        }
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            addEntry(location, jar, entryPrefix, entries.nextElement(), found);
        }
    }

    // One call per entry, so the JIT compiles it early: the loop above runs once per start, interpreted.
    private static void addEntry(Location location, JarFile jar, String entryPrefix, JarEntry entry, List<SqlResource> found) {
        String name = entry.getName();
        if (entry.isDirectory() || !name.startsWith(entryPrefix)) {
            return;
        }
        String relative = name.substring(entryPrefix.length());
        if (!SqlResource.isHidden(relative) && SqlResource.isListed(relative, relative.lastIndexOf('/') + 1)) {
            found.add(SqlResource.of(location, relative, () -> {
                try (InputStream in = jar.getInputStream(entry)) {
                    // the directory knows the size: one array of it, not a 16 KB buffer per file copied down
                    long size = entry.getSize();
                    return size >= 0 && size < Integer.MAX_VALUE ? in.readNBytes((int) size) : in.readAllBytes();
                }
            }, entry.getCrc()));
        }
    }
}
