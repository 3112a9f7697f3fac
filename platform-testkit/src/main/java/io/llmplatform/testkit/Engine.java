package io.llmplatform.testkit;

/** The real engines a test can ask for with {@link RealEngines}. */
public enum Engine {
    POSTGRES,
    KAFKA,
    CHROMA,
    REDIS,
    /** Not an engine but auth-service's stand-in: a JWKS endpoint and tokens signed by its key. */
    TOKEN_ISSUER
}
