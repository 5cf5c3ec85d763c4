package org.entraide.course;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.web.JobLock;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Delivers announcements to the learners the sending request left (a large course's), batch after batch, on one app
 * instance at a time (database lease). Each batch commits on its own, so a stop loses at most the batch under way,
 * which the next run delivers again from the last learner reached.
 */
@ApplicationScoped
public class AnnouncementDelivery {

    private static final String LOCK = "announcements";
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** A run stops well within its lease; the next one goes on where it stopped. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    private static final Logger LOG = Logger.getLogger(AnnouncementDelivery.class);

    private final AnnouncementService announcements;
    private final JobLock lock;

    AnnouncementDelivery(AnnouncementService announcements, JobLock lock) {
        this.announcements = announcements;
        this.lock = lock;
    }

    @Scheduled(every = "${entraide.announcements.every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!lock.tryAcquire(LOCK, LEASE)) {
            return;
        }
        try {
            Instant stopAt = Instant.now().plus(RUN_LIMIT);
            while (Instant.now().isBefore(stopAt) && announcements.deliverNextBatch(Instant.now())) {
                // one batch per transaction
            }
        } catch (RuntimeException e) {
            LOG.error("Delivering announcements failed", e);
        } finally {
            lock.release(LOCK);
        }
    }
}
