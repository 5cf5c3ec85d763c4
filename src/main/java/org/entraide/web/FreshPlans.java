package org.entraide.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * For work that makes tables grow by tens of thousands of rows (a matching run's proposals, the exclusions of a run's
 * expired proposals): PostgreSQL caches the plans of repeated statements, foreign-key checks included, and a plan made
 * while a table was small (or analyzed empty) scans it whole, so the work grows with the square of its size (a
 * 100,000-learner run: 170 s instead of 38). Planning each statement afresh sees the tables as they grow; it costs
 * a fraction of a millisecond a statement, so pages keep their cached plans.
 */
@ApplicationScoped
public class FreshPlans {

    private final EntityManager entityManager;
    private final boolean postgresql;

    FreshPlans(EntityManager entityManager, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.entityManager = entityManager;
        this.postgresql = "postgresql".equals(dbKind);
    }

    /** Plans every statement of the current transaction afresh (PostgreSQL; other databases need nothing). */
    @Transactional(TxType.MANDATORY)
    public void forThisTransaction() {
        if (postgresql) {
            entityManager.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
        }
    }
}
