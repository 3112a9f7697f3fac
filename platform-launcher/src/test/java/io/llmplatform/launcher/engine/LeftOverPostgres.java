package io.llmplatform.launcher.engine;

import java.nio.file.Path;

/** A launcher of its own, killed outright by the test: starts embedded PostgreSQL, says so, and waits. */
public final class LeftOverPostgres {

    public static void main(String[] args) throws InterruptedException {
        LocalPostgres.start(Integer.parseInt(args[0]), Path.of(args[1]));
        System.out.println("started");
        Thread.sleep(Long.MAX_VALUE);
    }

    private LeftOverPostgres() {
    }
}
