package io.llmplatform.launcher.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A service's jar unpacked for fast starts: extracted once (the JDK's AOT cache needs plain jars on the class path),
 * and, when asked, with an AOT cache of its classes, loaded and linked, trained by one start-up that stops right
 * after the application context is ready. Both are rebuilt when the jar changes. The cache roughly halves start-up.
 */
public final class ServiceImage {

    private static final String STAMP = ".jar-stamp";

    private final PlatformService service;
    private final Path java;
    private final Path directory;
    private final List<String> jvmOptions;
    /** A cache only fits the JVM options it was trained with, so each set of options has its own. */
    private final Path cache;

    private ServiceImage(PlatformService service, Path java, Path directory, List<String> jvmOptions) {
        this.service = service;
        this.java = java;
        this.directory = directory;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.cache = directory.resolve("app-" + Integer.toHexString(String.join(" ", jvmOptions).hashCode())
                + ".aot");
    }

    /** Extracts {@code jar} into {@code appsDirectory/<module>} unless it is already there, unchanged. */
    public static ServiceImage prepare(PlatformService service, Path java, Path jar, Path appsDirectory,
            List<String> jvmOptions) throws IOException, InterruptedException {
        Path directory = appsDirectory.resolve(service.module());
        String stamp = Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
        Path stampFile = directory.resolve(STAMP);
        if (!Files.exists(stampFile) || !Files.readString(stampFile).equals(stamp)) {
            delete(directory);
            Files.createDirectories(directory.getParent());
            Process extract = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", directory.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0) {
                throw new IOException("could not extract " + jar);
            }
            Files.writeString(stampFile, stamp);
        }
        return new ServiceImage(service, java, directory, jvmOptions);
    }

    public boolean hasCache() {
        return Files.exists(cache);
    }

    /**
     * Trains the AOT cache with one start that exits once the context is refreshed; false if that failed. The
     * training process is handed to {@code started}, so that a stop can end it.
     */
    public boolean trainCache(Map<String, String> environment, Path log, Consumer<Process> started)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-XX:AOTCacheOutput=" + cache);
        command.add("-Dspring.context.exit=onRefresh");
        command.add("-jar");
        command.add(directory.resolve(service.module() + ".jar").toString());
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        Process training = builder.start();
        started.accept(training);
        if (!training.waitFor(3, TimeUnit.MINUTES)) {
            training.destroyForcibly();
            return false;
        }
        return training.exitValue() == 0 && hasCache();
    }

    /** The command that runs the service, with its cache when there is one. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        if (hasCache()) {
            command.add("-XX:AOTCache=" + cache);
        }
        command.add("-jar");
        command.add(directory.resolve(service.module() + ".jar").toString());
        return command;
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
