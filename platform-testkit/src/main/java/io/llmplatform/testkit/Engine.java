package io.llmplatform.testkit;

/** The real engines a test can ask for with {@link RealEngines}. */
public enum Engine {
    POSTGRES,
    KAFKA,
    CHROMA,
    REDIS
}
