package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.launcher.LaunchFailure;
import io.llmplatform.launcher.LaunchSettings;
import io.llmplatform.launcher.LocalPlatform;
import io.llmplatform.launcher.service.PlatformService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A platform that cannot start stops whatever it had started and says, in one line, which part failed and why, rather
 * than leaving processes behind or printing a stack trace.
 */
class LaunchFailuresTest {

    private final Path repository = Path.of(System.getProperty("platform.repository", "..")).toAbsolutePath()
            .normalize();
    private final List<String> progress = new ArrayList<>();

    @Test
    void aTakenPortIsNamedBeforeAnythingStarts() throws Exception {
        int gatewayPort = PlatformService.GATEWAY.defaultPort();
        try (ServerSocket taken = new ServerSocket(gatewayPort, 1, InetAddress.getLoopbackAddress())) {
            LaunchSettings settings = LaunchSettings.builder(repository, dataDirectory("port-taken"))
                    .services(List.of(PlatformService.GATEWAY.module()))
                    .build();

            assertThatThrownBy(() -> LocalPlatform.start(settings, progress::add))
                    .isInstanceOf(LaunchFailure.class)
                    .hasMessage("port " + gatewayPort + " (api-gateway) is already in use; stop what uses it, or "
                            + "start with --free-ports");
        }
        assertThat(progress).as("no engine was started").noneMatch(line -> line.startsWith("Starting"));
    }

    @Test
    void aServiceThatCannotStartIsNamedWithItsCauseAndTheEnginesAreStopped() {
        Path data = dataDirectory("service-fails");
        LaunchSettings settings = LaunchSettings.builder(repository, data)
                .services(List.of(PlatformService.AUTH.module()))
                .freePorts(true)
                .aotCache(false)
                .environment("AUTH_KEY_ENCRYPTION_KEY", "")
                .build();

        assertThatThrownBy(() -> LocalPlatform.start(settings, progress::add))
                .isInstanceOf(LaunchFailure.class)
                .hasMessageStartingWith("auth-service exited with status")
                .hasMessageContaining("AUTH_KEY_ENCRYPTION_KEY")
                .hasMessageNotContaining("\tat ");
        assertThat(progress).contains("Stopping what was started.");
        assertThat(ProcessHandle.allProcesses()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains(data.toString())))
                .as("no process of this platform (embedded PostgreSQL, the service) is left running")
                .isEmpty();
    }

    private Path dataDirectory(String name) {
        return repository.resolve("e2e-tests/target/launch-failures").resolve(name);
    }
}
