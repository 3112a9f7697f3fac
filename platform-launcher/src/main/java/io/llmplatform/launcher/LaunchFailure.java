package io.llmplatform.launcher;

/** The platform could not start; the message names what failed and why. */
public class LaunchFailure extends Exception {

    LaunchFailure(String message) {
        super(message);
    }

    LaunchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
