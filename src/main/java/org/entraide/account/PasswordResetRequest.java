package org.entraide.account;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A "Forgot your password?" request waiting for the background job: only the e-mail as typed (normalized), which may
 * have no account. Stored the same way for every address, so the request's timing says nothing about accounts.
 */
@Entity
@Table(name = "password_reset_request")
public class PasswordResetRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 254)
    public String email;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    static List<Long> oldestIds(int limit) {
        return getEntityManager().createQuery("select id from PasswordResetRequest order by id", Long.class).setMaxResults(limit)
                .getResultList();
    }
}
