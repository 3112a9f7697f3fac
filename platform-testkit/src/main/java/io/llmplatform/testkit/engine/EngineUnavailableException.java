package io.llmplatform.testkit.engine;

/** A test needs an engine this machine cannot start; the message says how to get it. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
