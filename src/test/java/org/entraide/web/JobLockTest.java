package org.entraide.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JobLockTest {

    @Inject
    EntityManager entityManager;

    @Test
    void oneInstanceHoldsTheLeaseUntilItIsReleased() {
        // two app instances: each JobLock has its own owner id
        JobLock first = new JobLock(entityManager);
        JobLock second = new JobLock(entityManager);
        String name = "test-job-" + UUID.randomUUID();

        assertTrue(first.tryAcquire(name, Duration.ofMinutes(5)), "the first instance creates the lease");
        assertFalse(second.tryAcquire(name, Duration.ofMinutes(5)), "a lease held elsewhere is refused");
        assertFalse(first.tryAcquire(name, Duration.ofMinutes(5)), "not even its holder takes it twice");

        first.release(name);
        assertTrue(second.tryAcquire(name, Duration.ofMinutes(5)), "a released lease can be taken");
        second.release(name);
    }

    @Test
    void anExpiredLeaseIsTakenOver() {
        JobLock first = new JobLock(entityManager);
        JobLock second = new JobLock(entityManager);
        String name = "test-job-" + UUID.randomUUID();

        assertTrue(first.tryAcquire(name, Duration.ofMillis(-1)), "a lease that is already over");
        assertTrue(second.tryAcquire(name, Duration.ofMinutes(5)), "an expired lease goes to the next instance");
        second.release(name);
    }
}
