package io.llmplatform.embedding.rerank;

import java.util.List;

/** Scores documents for their relevance to a query. */
public interface Reranker {

    /** The name clients use to ask for it. */
    String name();

    /** Where it runs, for the model list. */
    String servedBy();

    /**
     * Checks the query and documents against the model's limits: what {@link Ranking#run()} will cost is then
     * known, for the quota, before the model runs.
     */
    Ranking prepare(String query, List<String> documents);

    /** A ranking ready to run. */
    interface Ranking {

        /** The most input tokens running it costs. */
        long tokensAtMost();

        Scores run();
    }

    /**
     * One score per document, in document order.
     *
     * @param model the name the answer carries: what actually scored the documents
     * @param promptTokens the input tokens it cost
     */
    record Scores(String model, double[] scores, int promptTokens) {
    }
}
