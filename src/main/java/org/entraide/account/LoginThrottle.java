package org.entraide.account;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Failed logins per e-mail, kept in the database so that every app instance sees the same count. */
@Entity
@Table(name = "login_throttle")
public class LoginThrottle extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "throttle_key", nullable = false, unique = true)
    public String throttleKey;

    @Column(nullable = false)
    public int failures;

    @Column(name = "first_failure_at", nullable = false)
    public Instant firstFailureAt;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    static LoginThrottle findByKey(String key) {
        return find("throttleKey", key).firstResult();
    }
}
