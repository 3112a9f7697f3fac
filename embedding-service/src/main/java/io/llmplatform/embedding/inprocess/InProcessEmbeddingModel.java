package io.llmplatform.embedding.inprocess;

import com.github.benmanes.caffeine.cache.Cache;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.embedding.model.ModelInput;
import io.llmplatform.embedding.model.PreparedInputs;
import io.llmplatform.embedding.model.ServedEmbeddingModel;
import io.llmplatform.embedding.model.Vectors;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.upstream.ModelServerErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * all-MiniLM-L6-v2 in this process. Texts are tokenized on the request's thread (their counts are exact, for the
 * quota and the usage), vectors of recently seen texts come from the cache, and the rest go to the
 * {@link MicroBatcher} shortest first, so each batch pads little.
 */
public final class InProcessEmbeddingModel implements ServedEmbeddingModel {

    private final String name;
    private final MiniLmEncoder encoder;
    private final MicroBatcher batcher;
    private final Cache<String, float[]> recent;
    private final int maxInputTokens;
    private final Duration timeout;

    public InProcessEmbeddingModel(String name, MiniLmEncoder encoder, MicroBatcher batcher,
            Cache<String, float[]> recent, int maxInputTokens, Duration timeout) {
        this.name = name;
        this.encoder = encoder;
        this.batcher = batcher;
        this.recent = recent;
        this.maxInputTokens = maxInputTokens;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Integer dimensions() {
        return MiniLmEncoder.DIMENSIONS;
    }

    @Override
    public boolean matryoshka() {
        return false;
    }

    @Override
    public String servedBy() {
        return "in-process";
    }

    /** The most tokens an input may have, [CLS] and [SEP] included. */
    public int maxInputTokens() {
        return maxInputTokens;
    }

    @Override
    public PreparedInputs prepare(List<ModelInput> inputs) {
        List<long[]> tokenIds = new ArrayList<>(inputs.size());
        long tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            long[] ids = switch (inputs.get(i)) {
                case ModelInput.Text text -> encoder.tokenize(text.text());
                case ModelInput.TokenIds given -> given.ids();
            };
            if (inputs.get(i) instanceof ModelInput.TokenIds && !encoder.knows(ids)) {
                throw new PlatformException(ErrorCode.VALIDATION_FAILED, "input[" + i + "] holds token ids outside "
                        + name + "'s vocabulary", "input");
            }
            if (ids.length > maxInputTokens) {
                throw new PlatformException(ErrorCode.CONTEXT_LENGTH_EXCEEDED, "input[" + i + "] has " + ids.length
                        + " tokens; " + name + " takes at most " + maxInputTokens + " per input", "input");
            }
            tokenIds.add(ids);
            tokens += ids.length;
        }
        return new PreparedInputs(inputs, tokenIds, tokens);
    }

    @Override
    public Vectors embed(PreparedInputs prepared) {
        List<ModelInput> inputs = prepared.inputs();
        float[][] vectors = new float[inputs.size()][];
        List<Integer> toRun = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            vectors[i] = inputs.get(i) instanceof ModelInput.Text text ? recent.getIfPresent(text.text()) : null;
            if (vectors[i] == null) {
                toRun.add(i);
            }
        }
        toRun.sort(Comparator.comparingInt(i -> prepared.tokenIds().get(i).length));
        List<CompletableFuture<float[]>> running = new ArrayList<>(toRun.size());
        for (int i : toRun) {
            CompletableFuture<float[]> vector = batcher.submit(prepared.tokenIds().get(i));
            if (vector == null) {
                running.forEach(started -> started.cancel(false));
                throw ModelServerErrors.unavailable("The model '" + name + "' is busy; try again shortly", "1");
            }
            running.add(vector);
        }
        await(running);
        for (int k = 0; k < toRun.size(); k++) {
            int i = toRun.get(k);
            vectors[i] = running.get(k).join();
            if (inputs.get(i) instanceof ModelInput.Text text) {
                recent.put(text.text(), vectors[i]);
            }
        }
        return new Vectors(List.of(vectors), (int) prepared.tokens());
    }

    private void await(List<CompletableFuture<float[]>> running) {
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            running.forEach(vector -> vector.cancel(false));
            throw new PlatformException(ErrorCode.MODEL_TIMEOUT, "The model '" + name + "' did not answer within "
                    + timeout);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the in-process model failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw ModelServerErrors.unavailable("Interrupted while waiting for the model", "1");
        }
    }
}
