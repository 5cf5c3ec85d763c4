package org.entraide.web;

import jakarta.persistence.TypedQuery;

import io.quarkus.hibernate.orm.panache.Panache;

/** Queries Panache's shortcuts make needlessly expensive on hot paths. */
public final class Queries {

    private Queries() {
    }

    /**
     * Counts the rows of {@code entity} matching {@code where} (positional parameters ?1, ?2 …) with an explicit
     * {@code select count(*)} query. Panache's {@code count(...)} asks Hibernate 6 for the result count of a derived
     * query, which is translated to SQL again on every call; this query's translation is cached like any other.
     * It was a third of the CPU time of the course page under load.
     */
    public static long count(Class<?> entity, String where, Object... params) {
        TypedQuery<Long> query = Panache.getEntityManager(entity)
                .createQuery("select count(*) from " + entity.getSimpleName() + " where " + where, Long.class);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.getSingleResult();
    }
}
