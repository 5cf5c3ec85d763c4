package org.entraide.web;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.meetup.MeetupService;
import org.entraide.profile.EnrolmentService;
import org.entraide.profile.WrapUpService;
import org.entraide.workspace.MessageDigest;
import org.entraide.workspace.SessionService;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Sends the day-before reminders of study sessions and meetups, the message digests, the reminders to finish a
 * profile and the end-of-course questions that are due, on one app instance at a time (database lease).
 */
@ApplicationScoped
public class Reminders {

    private static final String LOCK = "reminders";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(Reminders.class);

    private final SessionService sessions;
    private final MeetupService meetups;
    private final MessageDigest digests;
    private final EnrolmentService enrolments;
    private final WrapUpService wrapUps;
    private final JobLock lock;

    Reminders(SessionService sessions, MeetupService meetups, MessageDigest digests, EnrolmentService enrolments, WrapUpService wrapUps,
            JobLock lock) {
        this.sessions = sessions;
        this.meetups = meetups;
        this.digests = digests;
        this.enrolments = enrolments;
        this.wrapUps = wrapUps;
        this.lock = lock;
    }

    @Scheduled(every = "${entraide.reminders.every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!lock.tryAcquire(LOCK, LEASE)) {
            return;
        }
        try {
            Instant now = Instant.now();
            // each in its own transaction: a failure in one kind does not hold back the others
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
            try {
                digests.sendDue(now);
            } catch (RuntimeException e) {
                LOG.error("Message digests failed", e);
            }
            try {
                enrolments.remindUnfinished(now);
            } catch (RuntimeException e) {
                LOG.error("Reminders to finish a profile failed", e);
            }
            try {
                wrapUps.askDue(now);
            } catch (RuntimeException e) {
                LOG.error("End-of-course questions failed", e);
            }
        } finally {
            lock.release(LOCK);
        }
    }
}
