package io.llmplatform.models.hardware;

import io.llmplatform.contracts.models.GpuDeclaration;
import io.llmplatform.contracts.models.GpuDevice;
import io.llmplatform.contracts.models.PoolHardware;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.models.config.ModelManagerProperties.Pool;
import io.llmplatform.models.endpoint.VllmEndpointClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * A pool's GPUs from the first source its configuration names: declared, a DCGM exporter's metrics, or
 * {@code nvidia-smi}; otherwise DCGM metrics on the pool's own {@code /metrics}. A source that cannot be read gives
 * no GPUs and says why, within the status timeout.
 */
@Component
public class GpuInventory {

    private final VllmEndpointClient endpoints;
    private final Duration timeout;
    private final Clock clock;

    GpuInventory(VllmEndpointClient endpoints, ModelManagerProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.timeout = properties.status().timeout();
        this.clock = clock;
    }

    public PoolHardware read(Pool pool) {
        ModelManagerProperties.Hardware hardware = pool.hardware();
        if (present(hardware.declared())) {
            return found(pool, "declared", GpuDeclaration.devices(hardware.declared()));
        }
        if (present(hardware.nvidiaSmiCommand())) {
            return read(pool, "nvidia-smi", () -> NvidiaSmiOutput.parse(run(hardware.nvidiaSmiCommand())));
        }
        URI metrics = present(hardware.dcgmUrl()) ? URI.create(hardware.dcgmUrl()) : pool.baseUrl().resolve("/metrics");
        return read(pool, "dcgm", () -> {
            VllmEndpointClient.Reply reply = endpoints.get(metrics, present(hardware.dcgmUrl()) ? null
                    : pool.apiKey(), timeout);
            if (!reply.ok()) {
                throw new IOException(metrics + " answered " + reply.status());
            }
            return DcgmMetrics.parse(reply.body());
        });
    }

    private interface Source {
        List<GpuDevice> gpus() throws IOException;
    }

    private PoolHardware read(Pool pool, String source, Source gpus) {
        try {
            return found(pool, source, gpus.gpus());
        } catch (IOException | RuntimeException e) {
            return new PoolHardware(pool.name(), source, List.of(), e.getMessage(), clock.instant());
        }
    }

    private PoolHardware found(Pool pool, String source, List<GpuDevice> gpus) {
        return new PoolHardware(pool.name(), source, gpus, null, clock.instant());
    }

    private String run(String command) throws IOException {
        Process process = new ProcessBuilder(command.trim().split("\\s+")).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + command + "' did not finish within " + timeout);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("'" + command + "' exited with " + process.exitValue() + ": " + output.strip());
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
