package io.llmplatform.simulator.engine;

import io.llmplatform.simulator.http.VllmError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * vLLM's batch limit: at most {@code max-num-seqs} requests run at once, later ones wait in arrival order in a
 * bounded queue, and a request that finds the queue full is refused with 503. While the engine sleeps nothing is
 * scheduled: new requests wait until it wakes up, as vLLM's paused scheduler keeps them.
 */
public final class RequestScheduler {

    private final int maxRunning;
    private final int maxWaiting;
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private boolean paused;
    // Written under the lock, read without it: metrics and the load factor read them often.
    private volatile int running;
    private volatile int waitingCount;

    public RequestScheduler(int maxRunning, int maxWaiting) {
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Admits a request: it runs now, or waits; {@code onGranted} runs (on the thread that freed the slot) once it
     * may run. Throws a 503 {@link VllmError} when the waiting queue is full.
     */
    public Ticket enter(Runnable onGranted) {
        Ticket ticket = new Ticket(onGranted);
        synchronized (this) {
            if (!paused && running < maxRunning && waiting.isEmpty()) {
                running++;
                ticket.state = Ticket.State.RUNNING;
            } else if (waiting.size() >= maxWaiting) {
                throw VllmError.serviceUnavailable("The server is overloaded: " + running + " requests are running"
                        + " and the waiting queue is full (" + maxWaiting + " requests). Retry later.");
            } else {
                waiting.add(ticket);
                waitingCount = waiting.size();
            }
        }
        if (ticket.state == Ticket.State.RUNNING) {
            onGranted.run();
        }
        return ticket;
    }

    public int running() {
        return running;
    }

    public int waiting() {
        return waitingCount;
    }

    public int maxRunning() {
        return maxRunning;
    }

    /** Stops scheduling waiting requests, for sleep mode. */
    public synchronized void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (this) {
            paused = false;
        }
        grantWaiting();
    }

    private void leave(Ticket ticket) {
        synchronized (this) {
            switch (ticket.state) {
                case WAITING -> {
                    waiting.remove(ticket);
                    waitingCount = waiting.size();
                }
                case RUNNING -> running--;
                case LEFT -> {
                    return;
                }
            }
            ticket.state = Ticket.State.LEFT;
        }
        grantWaiting();
    }

    private void grantWaiting() {
        List<Ticket> granted = new ArrayList<>();
        synchronized (this) {
            while (!paused && running < maxRunning && !waiting.isEmpty()) {
                Ticket next = waiting.poll();
                next.state = Ticket.State.RUNNING;
                running++;
                granted.add(next);
            }
            waitingCount = waiting.size();
        }
        granted.forEach(ticket -> ticket.onGranted.run());
    }

    /** One request's place: waiting, then running; {@link #leave()} frees it whatever it is, once. */
    public final class Ticket {

        private enum State { WAITING, RUNNING, LEFT }

        private final Runnable onGranted;
        private State state = State.WAITING;

        private Ticket(Runnable onGranted) {
            this.onGranted = onGranted;
        }

        public void leave() {
            RequestScheduler.this.leave(this);
        }
    }
}
