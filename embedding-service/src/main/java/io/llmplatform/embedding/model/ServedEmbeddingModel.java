package io.llmplatform.embedding.model;

import java.util.List;

/** An embedding model this service serves: in process, or on a remote OpenAI-compatible server. */
public interface ServedEmbeddingModel {

    /** The name clients use. */
    String name();

    /** The length of its vectors, or null when it is not known (a remote model configured without it). */
    Integer dimensions();

    /** Whether its vectors may be shortened to fewer dimensions (Matryoshka training). */
    boolean matryoshka();

    /** Where it runs, for the model list: {@code in-process} or the remote server's address. */
    String servedBy();

    /**
     * Checks the inputs against the model's limits and counts their tokens.
     *
     * @throws io.llmplatform.support.PlatformException naming {@code input} for an input the model cannot take
     */
    PreparedInputs prepare(List<ModelInput> inputs);

    /** The inputs' vectors, in order. */
    Vectors embed(PreparedInputs inputs);
}
