package io.llmplatform.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.llmplatform.testkit.deploy.DeployTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One kustomize overlay, built as an operator would ({@code kustomize build k8s/overlays/<name>}) and every object
 * parsed into fabric8's typed model: a kind the model does not know, or a field its type does not have, fails.
 */
record Overlay(String name, List<HasMetadata> objects) {

    /** The platform's services, each with its Deployment, Service, HPA, PDB, ConfigMap and ServiceAccount. */
    static final List<String> SERVICES = List.of("api-gateway", "auth-service", "chat-service", "embedding-service",
            "document-service", "model-manager-service");

    private static final Map<String, Overlay> BUILT = new ConcurrentHashMap<>();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Overlay of(String name) {
        return BUILT.computeIfAbsent(name, Overlay::build);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(objectName)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String objectName) {
        return find(type, objectName).orElseThrow(() -> new AssertionError(
                "overlay " + name + " has no " + type.getSimpleName() + " " + objectName));
    }

    private static Overlay build(String name) {
        DeployTools tools = DeployTools.forThisBuild();
        Path k8s = copyOfK8s(tools.repository());
        String yaml = tools.kustomize("build", k8s.resolve("overlays").resolve(name).toString())
                .orFail("kustomize build k8s/overlays/" + name);
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
                problems.add("not a known Kubernetes type: " + document.lines().limit(3).toList());
                continue;
            }
            UnknownFields.of(object).forEach(path -> problems.add(object.getKind() + " "
                    + object.getMetadata().getName() + ": unknown field " + path));
            objects.add(object);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("overlay " + name + ":\n" + String.join("\n", problems));
        }
        return new Overlay(name, List.copyOf(objects));
    }

    /** k8s/ in a scratch directory, with the dev overlay's uncommitted secrets.env made from its example. */
    private static Path copyOfK8s(Path repository) {
        try {
            Path source = repository.resolve("k8s");
            Path copy = Files.createTempDirectory("k8s");
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : paths.toList()) {
                    Path target = copy.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else if (!path.getFileName().toString().equals("secrets.env")) {
                        Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Path dev = copy.resolve("overlays/dev");
            Files.copy(dev.resolve("secrets.env.example"), dev.resolve("secrets.env"));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
