package org.entraide.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.web.JobLock;
import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the e-mail outbox: due mails oldest first, each in its own transaction; a failure is retried with
 * exponential backoff (30 s, 1 min, 2 min … capped at 1 h) and after {@code entraide.outbox.max-attempts}
 * the mail is marked FAILED and kept. A database lease makes one instance send at a time, so nothing is sent twice.
 */
@ApplicationScoped
public class OutboxSender {

    static final String LOCK = "mail-outbox";
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    /** Long enough for a full batch of slow sends; the batch stops early rather than outlive it. */
    static final Duration LEASE = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(OutboxSender.class);

    private final ReactiveMailer mailer;
    private final JobLock jobLock;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration sendTimeout;

    OutboxSender(ReactiveMailer mailer, JobLock jobLock, OutboxConfig config) {
        this.mailer = mailer;
        this.jobLock = jobLock;
        this.batchSize = config.batchSize();
        this.maxAttempts = config.maxAttempts();
        this.sendTimeout = config.sendTimeout();
    }

    @Scheduled(identity = LOCK, every = "${entraide.outbox.every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sendDue();
    }

    /** Sends the mails that are due now, if no other instance is doing so; returns how many were sent. */
    public int sendDue() {
        if (!jobLock.tryAcquire(LOCK, LEASE)) {
            return 0;
        }
        try {
            Instant started = Instant.now();
            // a send never outlives the lease: past this point another instance may take over
            Instant stopBy = started.plus(LEASE).minus(sendTimeout.multipliedBy(2));
            List<Long> due = QuarkusTransaction.requiringNew().call(() -> MailOutbox.dueIds(started, batchSize));
            int sent = 0;
            for (Long id : due) {
                if (Instant.now().isAfter(stopBy)) {
                    break;
                }
                if (deliver(id)) {
                    sent++;
                }
            }
            return sent;
        } finally {
            jobLock.release(LOCK);
        }
    }

    /** Sends one mail outside any transaction (no connection held during SMTP), then records the outcome. */
    private boolean deliver(long id) {
        MailOutbox mail = QuarkusTransaction.requiringNew().call(() -> MailOutbox.<MailOutbox>findById(id));
        if (mail == null || mail.status != MailOutbox.Status.PENDING || mail.nextAttemptAt.isAfter(Instant.now())) {
            return false;
        }
        try {
            // RFC 3834: out-of-office replies are not sent back to a machine's mail
            Mail message = Mail.withText(mail.recipient, mail.subject, mail.body).addHeader("Auto-Submitted", "auto-generated");
            if (mail.unsubscribeUrl != null) {
                message.addHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl + ">")
                        .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            mailer.send(message).await().atMost(sendTimeout);
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> recordFailure(id, e));
            return false;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            MailOutbox row = MailOutbox.findById(id);
            if (row == null) {
                return; // its recipient deleted their account meanwhile
            }
            row.status = MailOutbox.Status.SENT;
            row.sentAt = Instant.now();
            row.lastError = null;
        });
        return true;
    }

    private void recordFailure(long id, RuntimeException error) {
        MailOutbox row = MailOutbox.findById(id);
        if (row == null) {
            return;
        }
        row.attempts++;
        row.lastError = NotificationService.truncate(describe(error), MailOutbox.ERROR_MAX);
        if (row.attempts >= maxAttempts) {
            row.status = MailOutbox.Status.FAILED;
            LOG.warnf("Mail %d failed %d times, giving up (status FAILED): %s", row.id, row.attempts, row.lastError);
        } else {
            row.nextAttemptAt = Instant.now().plus(backoff(row.attempts));
            LOG.infof("Mail %d failed (attempt %d), next try at %s: %s", row.id, row.attempts, row.nextAttemptAt, row.lastError);
        }
    }

    /** Delay after the given number of failed attempts: 30 s doubling each time, at most 1 h. */
    static Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < MailOutbox.ERROR_MAX; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
