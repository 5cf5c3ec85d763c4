package org.entraide.web;

import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Row locks that see the row as it is once locked. On PostgreSQL, Hibernate locks an entity loaded with joins in a
 * second statement ("follow-on locking"), so {@code findById(id, PESSIMISTIC_WRITE)} or a locking query returns the
 * state read <em>before</em> waiting for the lock: a request that waited for another would act on what that one
 * changed. Here the lock comes first and the state is read again under it.
 */
public final class RowLocks {

    private RowLocks() {
    }

    /** Locks the managed entity's row for the rest of the transaction and reloads it; returns it for chaining. */
    public static <T> T lockAndReload(T entity) {
        Panache.getEntityManager().lock(entity, LockModeType.PESSIMISTIC_WRITE);
        Panache.getEntityManager().refresh(entity);
        return entity;
    }
}
