package org.entraide.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import org.entraide.course.CourseAnnouncement;
import org.entraide.matching.MatchingRun;
import org.entraide.notify.MailOutbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * What operators watch on {@code /q/metrics}: mail waiting to be sent or given up on, and notices to many learners
 * under way or stopped after failed batches ({@link DeliveryFailures}). Counted by a job rather than at each scrape,
 * so that a scrape never waits for the database; every instance reports the same figures (alert on their maximum).
 * <ul>
 * <li>{@code entraide_mail_outbox{status="pending"|"failed"}}: mails not sent yet; mails whose every attempt failed.</li>
 * <li>{@code entraide_deliveries{kind="announcement"|"proposal_notices", state="sending"|"retrying"|"stopped"}}:
 * announcements and published runs' notices still being delivered, waiting to retry a failed batch, or stopped.</li>
 * </ul>
 */
@ApplicationScoped
public class Backlogs {

    private static final List<String> KINDS = List.of("announcement", "proposal_notices");
    private static final List<String> STATES = List.of("sending", "retrying", "stopped");

    private final AtomicLong mailPending = new AtomicLong();
    private final AtomicLong mailFailed = new AtomicLong();
    /** By "kind/state". */
    private final Map<String, AtomicLong> deliveries = new HashMap<>();

    Backlogs(MeterRegistry registry) {
        Gauge.builder("entraide.mail.outbox", mailPending, AtomicLong::get).tag("status", "pending")
                .description("Mails not sent yet").register(registry);
        Gauge.builder("entraide.mail.outbox", mailFailed, AtomicLong::get).tag("status", "failed")
                .description("Mails whose every attempt failed (never retried)").register(registry);
        for (String kind : KINDS) {
            for (String state : STATES) {
                AtomicLong value = new AtomicLong();
                deliveries.put(kind + "/" + state, value);
                Gauge.builder("entraide.deliveries", value, AtomicLong::get).tag("kind", kind).tag("state", state)
                        .description("Notices to many learners still being delivered, retrying a failed batch, or stopped").register(registry);
            }
        }
    }

    @Scheduled(every = "${entraide.metrics.every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void count() {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            mailPending.set(MailOutbox.count("status", MailOutbox.Status.PENDING));
            mailFailed.set(MailOutbox.count("status", MailOutbox.Status.FAILED));
            count("announcement", "from CourseAnnouncement a where a.deliveredAt is null", "a.deliveryFailures", Map.of("now", now));
            count("proposal_notices", "from MatchingRun r where r.status = :published and r.notifiedAt is null", "r.noticeFailures",
                    Map.of("now", now, "published", MatchingRun.Status.PUBLISHED));
        });
    }

    /** Counts what {@code undelivered} selects, by the state of its failures (at {@code :now}). */
    private void count(String kind, String undelivered, String failures, Map<String, Object> parameters) {
        TypedQuery<Object[]> query = MailOutbox.getEntityManager().createQuery("select count(*),"
                + " sum(case when " + failures + ".stoppedAt is not null then 1 else 0 end),"
                + " sum(case when " + failures + ".stoppedAt is null and " + failures + ".retryAt > :now then 1 else 0 end) "
                + undelivered, Object[].class);
        parameters.forEach(query::setParameter);
        Object[] row = query.getSingleResult();
        long all = ((Number) row[0]).longValue();
        long stopped = row[1] == null ? 0 : ((Number) row[1]).longValue();
        long retrying = row[2] == null ? 0 : ((Number) row[2]).longValue();
        deliveries.get(kind + "/stopped").set(stopped);
        deliveries.get(kind + "/retrying").set(retrying);
        deliveries.get(kind + "/sending").set(all - stopped - retrying);
    }
}
