package org.entraide.web;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.meetup.MeetupService;
import org.entraide.workspace.SessionService;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Sends the day-before reminders of study sessions and meetups, on one app instance at a time (database lease). */
@ApplicationScoped
public class Reminders {

    private static final String LOCK = "reminders";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(Reminders.class);

    private final SessionService sessions;
    private final MeetupService meetups;
    private final JobLock lock;

    Reminders(SessionService sessions, MeetupService meetups, JobLock lock) {
        this.sessions = sessions;
        this.meetups = meetups;
        this.lock = lock;
    }

    @Scheduled(every = "${entraide.reminders.every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!lock.tryAcquire(LOCK, LEASE)) {
            return;
        }
        try {
            Instant now = Instant.now();
            // each in its own transaction: a failure in one kind of reminder does not hold back the other
            try {
                sessions.remindDue(now);
            } catch (RuntimeException e) {
                LOG.error("Study session reminders failed", e);
            }
            try {
                meetups.remindDue(now);
            } catch (RuntimeException e) {
                LOG.error("Meetup reminders failed", e);
            }
        } finally {
            lock.release(LOCK);
        }
    }
}
