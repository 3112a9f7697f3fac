package io.llmplatform.simulator.generation;

/** What the simulated model answers. */
public enum ContentMode {
    /** Repeats the last user message (chat) or the prompt (completions), token by token. */
    ECHO,
    /** Fluent English sentences from a word list, the same ones for the same {@code seed}. */
    RANDOM
}
