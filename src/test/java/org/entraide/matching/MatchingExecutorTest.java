package org.entraide.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MatchingExecutorTest {

    @Test
    void runsBeyondItsThreadsWaitTheirTurnOnItsOwnThreadsAndAFailureDoesNotStopTheQueue() throws InterruptedException {
        MatchingExecutor executor = new MatchingExecutor(1);
        try {
            CountDownLatch firstStarted = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            CountDownLatch allDone = new CountDownLatch(1);
            List<String> threads = new CopyOnWriteArrayList<>();
            List<String> order = new CopyOnWriteArrayList<>();

            executor.submit(() -> {
                threads.add(Thread.currentThread().getName());
                firstStarted.countDown();
                await(releaseFirst);
                order.add("first");
            });
            executor.submit(() -> {
                order.add("failing");
                throw new IllegalStateException("a run that fails");
            });
            executor.submit(() -> {
                threads.add(Thread.currentThread().getName());
                order.add("third");
                allDone.countDown();
            });

            assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
            Thread.sleep(200);
            assertTrue(order.isEmpty(), "with one thread the queued runs wait while the first computes: " + order);
            assertEquals(3, executor.pending(), "the run computing and the two waiting");
            releaseFirst.countDown();
            assertTrue(allDone.await(5, TimeUnit.SECONDS), "the run after a failing one still runs");
            assertEquals(List.of("first", "failing", "third"), order);
            for (int wait = 0; wait < 100 && executor.pending() > 0; wait++) {
                Thread.sleep(20); // the last run counts down its latch just before it ends
            }
            assertEquals(0, executor.pending(), "every run ended, the failing one too");
            assertTrue(threads.stream().allMatch(name -> name.startsWith("entraide-matching-")), threads.toString());
        } finally {
            executor.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
