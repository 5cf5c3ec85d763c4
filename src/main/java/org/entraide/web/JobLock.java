package org.entraide.web;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A lease in the database so that scheduled work runs on exactly one app instance at a time.
 * Taking the lease is one conditional UPDATE (or the INSERT of its row), committed on its own: whichever
 * instance's statement lands first wins, the others see zero rows changed and skip the run.
 */
@ApplicationScoped
public class JobLock {

    /** Identifies this app instance in the lock table (for operators reading it). */
    private final String owner = UUID.randomUUID().toString();
    private final EntityManager entityManager;

    JobLock(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Takes the named lease for at most {@code duration}; false if another instance holds it. */
    public boolean tryAcquire(String name, Duration duration) {
        Instant now = Instant.now();
        boolean taken = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "update job_lock set owner = ?1, locked_until = ?2 where name = ?3 and (locked_until is null or locked_until < ?4)")
                .setParameter(1, owner).setParameter(2, now.plus(duration)).setParameter(3, name).setParameter(4, now)
                .executeUpdate() == 1);
        if (taken) {
            return true;
        }
        try {
            // inserted only where the row is missing, so a lease held elsewhere is no database error in the logs
            return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                    "insert into job_lock (name, owner, locked_until) select ?1, ?2, ?3 where not exists"
                            + " (select 1 from job_lock where name = ?4)")
                    .setParameter(1, name).setParameter(2, owner).setParameter(3, now.plus(duration)).setParameter(4, name)
                    .executeUpdate() == 1);
        } catch (RuntimeException insertedMeanwhile) {
            // another instance inserted the row between our check and our insert: the lease is theirs
            return false;
        }
    }

    /** Releases the lease early, if this instance holds it. */
    public void release(String name) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update job_lock set locked_until = null where name = ?1 and owner = ?2")
                .setParameter(1, name).setParameter(2, owner).executeUpdate());
    }
}
