package io.llmplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.testkit.deploy.DeployTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The steps of docker/Dockerfile that no Docker engine here can run, run as the image build runs them: the layered
 * extraction, then docker/train-aot-cache.sh with the image's JVM options, with no database, broker or model server
 * anywhere (as during an image build). auth-service stands for the rest: it needs the most at start-up (its
 * database, Kafka, its key-encryption key).
 */
class ImageTrainingTest {

    private static final Pattern JVM_OPTIONS = Pattern.compile("JDK_JAVA_OPTIONS=\"([^\"]+)\"");

    private final DeployTools tools = DeployTools.forThisBuild();

    @Test
    void theImageBuildTrainsAnAotCacheWithoutAnyEngineRunning() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // As the Dockerfile does: the jar as app.jar, so the extracted application jar is app.jar too.
        Path jar = Files.copy(tools.repository().resolve("auth-service/target/auth-service.jar"),
                Files.createTempDirectory("jar").resolve("app.jar"));
        Path layers = Files.createTempDirectory("layers");
        run(List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers",
                "--destination", layers.toString()), layers, null);
        Path app = Files.createTempDirectory("app");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            copyInto(layers.resolve(layer), app);
        }

        String output = run(List.of("bash", tools.repository().resolve("docker/train-aot-cache.sh").toString(),
                app.toString()), app, imageJvmOptions());

        assertThat(app.resolve("app.aot")).as(output).isNotEmptyFile();
        assertThat(output).contains("AOTCache creation is complete");
    }

    /** The runtime stage's JDK_JAVA_OPTIONS, so the cache is trained with the options the image runs with. */
    private String imageJvmOptions() throws IOException {
        Matcher options = JVM_OPTIONS.matcher(Files.readString(tools.repository().resolve("docker/Dockerfile")));
        assertThat(options.find()).as("the Dockerfile sets JDK_JAVA_OPTIONS").isTrue();
        return options.group(1);
    }

    private static String run(List<String> command, Path directory, String jvmOptions)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("training", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (jvmOptions != null) {
            builder.environment().put("JDK_JAVA_OPTIONS", jvmOptions);
        }
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                + System.getenv("PATH"));
        Process process = builder.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished && process.exitValue() == 0).as(command + " failed:\n" + output).isTrue();
        return output;
    }

    private static void copyInto(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
    }
}
