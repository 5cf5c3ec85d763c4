package org.entraide.meetup;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.web.JobLock;

import io.quarkus.scheduler.Scheduled;

/** Sends the day-before reminders of meetups, on one app instance at a time. */
@ApplicationScoped
public class MeetupReminders {

    private static final String LOCK = "meetup-reminders";
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final MeetupService meetups;
    private final JobLock lock;

    MeetupReminders(MeetupService meetups, JobLock lock) {
        this.meetups = meetups;
        this.lock = lock;
    }

    @Scheduled(every = "${entraide.meetup-reminders.every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!lock.tryAcquire(LOCK, LEASE)) {
            return;
        }
        try {
            meetups.remindDue(Instant.now());
        } finally {
            lock.release(LOCK);
        }
    }
}
