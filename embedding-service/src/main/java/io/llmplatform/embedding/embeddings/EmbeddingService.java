package io.llmplatform.embedding.embeddings;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.openai.EmbeddingRequest;
import io.llmplatform.contracts.openai.EmbeddingResponse;
import io.llmplatform.embedding.config.EmbeddingProperties;
import io.llmplatform.embedding.model.EmbeddingModels;
import io.llmplatform.embedding.model.ModelInput;
import io.llmplatform.embedding.model.PreparedInputs;
import io.llmplatform.embedding.model.ServedEmbeddingModel;
import io.llmplatform.embedding.model.Vectors;
import io.llmplatform.embedding.usage.CallOrigin;
import io.llmplatform.embedding.usage.EmbeddingUsage;
import io.llmplatform.support.PlatformException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * {@code POST /v1/embeddings}: check the request against the model's limits, admit it against the user's quota,
 * embed, bill, and answer in OpenAI's shape (floats or base64, in input order, shortened when {@code dimensions}
 * asks and the model allows it).
 */
@Service
class EmbeddingService {

    private static final String OPERATION = "embeddings";

    private final EmbeddingModels models;
    private final EmbeddingUsage usage;
    private final int maxInputs;

    EmbeddingService(EmbeddingModels models, EmbeddingUsage usage, EmbeddingProperties properties) {
        this.models = models;
        this.usage = usage;
        this.maxInputs = properties.maxInputs();
    }

    EmbeddingResponse embed(EmbeddingRequest request, CallOrigin origin) {
        ServedEmbeddingModel model = models.resolve(request.model());
        boolean base64 = base64(request.encodingFormat());
        int dimensions = dimensions(model, request.dimensions());
        List<ModelInput> inputs = EmbeddingInputs.read(request.input(), maxInputs);
        PreparedInputs prepared = model.prepare(inputs);
        Vectors vectors = usage.spend(origin, OPERATION, prepared.tokens(), () -> model.embed(prepared),
                embedded -> new EmbeddingUsage.Spent(model.name(), embedded.promptTokens()));
        List<EmbeddingResponse.Embedding> data = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = Dimensions.shorten(vectors.vectors().get(i), dimensions);
            data.add(base64 ? EmbeddingResponse.Embedding.base64(i, vector)
                    : EmbeddingResponse.Embedding.floats(i, vector));
        }
        return EmbeddingResponse.of(model.name(), data, vectors.promptTokens());
    }

    private static boolean base64(String format) {
        if (format == null || EmbeddingRequest.FLOAT_FORMAT.equals(format)) {
            return false;
        }
        if (EmbeddingRequest.BASE64_FORMAT.equals(format)) {
            return true;
        }
        throw new PlatformException(ErrorCode.VALIDATION_FAILED, "encoding_format must be 'float' or 'base64'",
                "encoding_format");
    }

    /** The vector length asked for, or 0 for the model's own. */
    private static int dimensions(ServedEmbeddingModel model, Integer requested) {
        if (requested == null || requested.equals(model.dimensions())) {
            return 0;
        }
        if (model.matryoshka() && model.dimensions() != null && requested >= 1 && requested < model.dimensions()) {
            return requested;
        }
        String allowed = model.dimensions() == null ? "it does not say how long its vectors are"
                : model.matryoshka() ? "it takes 1 to " + model.dimensions()
                : "its vectors have " + model.dimensions() + " dimensions and cannot be shortened";
        throw new PlatformException(ErrorCode.VALIDATION_FAILED, "dimensions " + requested + " is not available for "
                + model.name() + ": " + allowed, "dimensions");
    }
}
