package io.llmplatform.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.simulator.http.VllmError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSchedulerTest {

    private final RequestScheduler scheduler = new RequestScheduler(2, 2);
    private final List<String> granted = new ArrayList<>();

    @Test
    void runsAtMostMaxNumSeqsAndQueuesTheRest() {
        enter("a");
        enter("b");
        enter("c");

        assertThat(granted).containsExactly("a", "b");
        assertThat(scheduler.running()).isEqualTo(2);
        assertThat(scheduler.waiting()).isEqualTo(1);
    }

    @Test
    void grantsWaitingRequestsInArrivalOrderAsSlotsFree() {
        RequestScheduler.Ticket first = enter("a");
        enter("b");
        enter("c");
        enter("d");

        first.leave();

        assertThat(granted).containsExactly("a", "b", "c");
        assertThat(scheduler.running()).isEqualTo(2);
        assertThat(scheduler.waiting()).isEqualTo(1);
    }

    @Test
    void refusesWith503WhenTheQueueIsFull() {
        enter("a");
        enter("b");
        enter("c");
        enter("d");

        assertThatThrownBy(() -> enter("e")).isInstanceOfSatisfying(VllmError.class,
                error -> assertThat(error.status()).isEqualTo(503));
        assertThat(scheduler.waiting()).isEqualTo(2);
    }

    @Test
    void aWaitingRequestThatLeavesGivesUpItsPlaceAndLeavingTwiceCountsOnce() {
        RequestScheduler.Ticket running = enter("a");
        enter("b");
        RequestScheduler.Ticket waiting = enter("c");

        waiting.leave();
        waiting.leave();
        running.leave();
        running.leave();

        assertThat(granted).containsExactly("a", "b");
        assertThat(scheduler.running()).isEqualTo(1);
        assertThat(scheduler.waiting()).isZero();
    }

    @Test
    void whilePausedNewRequestsWaitAndResumeGrantsThem() {
        scheduler.pause();
        enter("a");

        assertThat(granted).isEmpty();
        assertThat(scheduler.waiting()).isEqualTo(1);

        scheduler.resume();

        assertThat(granted).containsExactly("a");
        assertThat(scheduler.running()).isEqualTo(1);
    }

    private RequestScheduler.Ticket enter(String name) {
        return scheduler.enter(() -> granted.add(name));
    }
}
