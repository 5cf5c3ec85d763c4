package org.entraide.web;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.course.AnnouncementService;
import org.entraide.matching.MatchingService;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Delivers what the requests left to tell many learners, batch after batch: announcements to a large course and the
 * proposals of a large published matching run. One app instance at a time (database lease); each batch commits on its
 * own, so a stop loses at most the batch under way, which the next run delivers again from the last learner reached.
 */
@ApplicationScoped
public class Deliveries {

    private static final String LOCK = "deliveries";
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** A run stops well within its lease; the next one goes on where it stopped. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final AnnouncementService announcements;
    private final MatchingService matching;
    private final JobLock lock;

    Deliveries(AnnouncementService announcements, MatchingService matching, JobLock lock) {
        this.announcements = announcements;
        this.matching = matching;
        this.lock = lock;
    }

    @Scheduled(every = "${entraide.delivery.every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void tick() {
        if (!lock.tryAcquire(LOCK, LEASE)) {
            return;
        }
        try {
            Instant stopAt = Instant.now().plus(RUN_LIMIT);
            // proposals first: they wait for an answer within a consent window
            deliver("proposal notices", matching::notifyNextBatch, stopAt);
            deliver("announcements", announcements::deliverNextBatch, stopAt);
        } finally {
            lock.release(LOCK);
        }
    }

    /**
     * Delivers batch after batch until none is due or the run's time is up. A failed batch is recorded on its item,
     * which waits for its retry while the others go on ({@link DeliveryFailures}); what fails here (the database gone,
     * say) holds back only this kind until the next run.
     */
    private static void deliver(String what, Predicate<Instant> nextBatch, Instant stopAt) {
        try {
            while (Instant.now().isBefore(stopAt) && nextBatch.test(Instant.now())) {
                // one batch per transaction
            }
        } catch (RuntimeException e) {
            LOG.error("Delivering " + what + " failed", e);
        }
    }
}
