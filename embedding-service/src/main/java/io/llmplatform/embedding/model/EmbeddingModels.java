package io.llmplatform.embedding.model;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.embedding.routing.RemoteRoutes;
import io.llmplatform.support.PlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedding models this service serves, by the names clients use: the in-process model, which announcements
 * never affect, then the remote ones as model-manager routes them. A request naming none gets the default.
 */
public final class EmbeddingModels {

    private final ServedEmbeddingModel inProcess;
    private final RemoteRoutes<ServedEmbeddingModel> remote;
    private final String defaultModel;

    /** @param inProcess the model in this process, or null when it is switched off */
    public EmbeddingModels(ServedEmbeddingModel inProcess, RemoteRoutes<ServedEmbeddingModel> remote,
            String defaultModel) {
        if (inProcess != null && remote.configuredNames().contains(inProcess.name())) {
            throw new IllegalStateException("two embedding models are named '" + inProcess.name() + "'");
        }
        if (!isInProcess(inProcess, defaultModel) && !remote.configuredNames().contains(defaultModel)) {
            throw new IllegalStateException("platform.embedding.default-model '" + defaultModel
                    + "' is none of the embedding models configured: " + configuredNames(inProcess, remote));
        }
        this.inProcess = inProcess;
        this.remote = remote;
        this.defaultModel = defaultModel;
    }

    /**
     * The model for {@code requested}, or the default when it names none.
     *
     * @throws PlatformException 404 {@code model_not_found} for a name nothing serves; 503 while its pool switches
     */
    public ServedEmbeddingModel resolve(String requested) {
        String name = requested == null || requested.isBlank() ? defaultModel : requested;
        return find(name).orElseThrow(() -> new PlatformException(ErrorCode.MODEL_NOT_FOUND, "The model '" + name
                + "' does not exist; embedding models served here: " + String.join(", ",
                all().stream().map(ServedEmbeddingModel::name).toList()), "model"));
    }

    /** The model serving {@code name} now, if any; a pool that is switching is 503 as in {@link #resolve}. */
    public Optional<ServedEmbeddingModel> find(String name) {
        return isInProcess(inProcess, name) ? Optional.of(inProcess) : remote.resolve(name);
    }

    public ServedEmbeddingModel defaultModel() {
        return resolve(defaultModel);
    }

    /** Every model that can serve now, the in-process one first. */
    public List<ServedEmbeddingModel> all() {
        List<ServedEmbeddingModel> models = new ArrayList<>();
        if (inProcess != null) {
            models.add(inProcess);
        }
        remote.available().stream().filter(model -> !isInProcess(inProcess, model.name())).forEach(models::add);
        return models;
    }

    private static boolean isInProcess(ServedEmbeddingModel inProcess, String name) {
        return inProcess != null && inProcess.name().equals(name);
    }

    private static List<String> configuredNames(ServedEmbeddingModel inProcess,
            RemoteRoutes<ServedEmbeddingModel> remote) {
        List<String> names = new ArrayList<>(remote.configuredNames());
        if (inProcess != null) {
            names.addFirst(inProcess.name());
        }
        return names;
    }
}
