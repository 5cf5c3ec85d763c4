package org.entraide.web;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The failed batches of something delivered batch after batch (an announcement, a published run's notices). A batch
 * that fails is rolled back and tried again later, 1, 2, 4, 8 then 16 minutes on, so that one item that cannot be
 * delivered holds back neither the items after it nor the logs; after {@link #STOP_AFTER} failures in a row it stops,
 * and the course team sees it and may try again.
 */
@Embeddable
public class DeliveryFailures {

    public static final int STOP_AFTER = 6;
    private static final Logger LOG = Logger.getLogger(DeliveryFailures.class);

    /** Failed batches since the last one that went through. */
    @Column(name = "delivery_failures", nullable = false)
    public int inARow;

    /** Not tried again before this, after a failed batch. */
    @Column(name = "delivery_retry_at")
    public Instant retryAt;

    /** When it stopped after {@link #STOP_AFTER} failed batches in a row; null while it is delivered or tried again. */
    @Column(name = "delivery_stopped_at")
    public Instant stoppedAt;

    /** The query condition that the failures at {@code path} (say {@code a.deliveryFailures}) allow a batch at {@code :now}. */
    public static String due(String path) {
        return path + ".stoppedAt is null and (" + path + ".retryAt is null or " + path + ".retryAt <= :now)";
    }

    public boolean stopped() {
        return stoppedAt != null;
    }

    void record(Instant now) {
        inARow++;
        if (inARow >= STOP_AFTER) {
            retryAt = null;
            stoppedAt = now;
        } else {
            retryAt = now.plus(Duration.ofMinutes(1L << (inARow - 1)));
        }
    }

    /** Tries again from where it stopped, at the next delivery run. */
    public void reset() {
        inARow = 0;
        retryAt = null;
        stoppedAt = null;
    }

    /**
     * Delivers the next batch of the item in its own transaction, the item's row locked (an instance whose lease ran
     * out may still be delivering it); a batch that fails is rolled back, logged, and recorded on the item in a
     * transaction of its own, where {@code whenStopped} learns of the failure that stops it. {@code stillDue} is checked
     * under the lock: another instance may have finished it.
     */
    public static <T> void attempt(Class<T> type, long id, Function<T, DeliveryFailures> failuresOf, Predicate<T> stillDue,
            Consumer<T> batch, Consumer<T> whenStopped, Instant now) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                T item = locked(type, id);
                if (stillDue.test(item)) {
                    batch.accept(item);
                    DeliveryFailures failures = failuresOf.apply(item);
                    if (failures.inARow > 0) {
                        failures.reset();
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Delivering a batch of %s %d failed", type.getSimpleName(), id);
            QuarkusTransaction.requiringNew().run(() -> {
                T item = locked(type, id);
                DeliveryFailures failures = failuresOf.apply(item);
                failures.record(now);
                if (failures.stopped()) {
                    whenStopped.accept(item);
                }
            });
        }
    }

    private static <T> T locked(Class<T> type, long id) {
        return RowLocks.lockAndReload(Panache.getEntityManager().find(type, id));
    }
}
