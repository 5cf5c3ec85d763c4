package org.entraide.account;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A sign-up that finishes only through a link mailed to its address, because the address already holds something
 * (see {@link AccountService#signUp}): what the form gave, kept until the link is opened or expires.
 */
@Entity
@Table(name = "pending_sign_up")
public class PendingSignUp extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 254)
    public String email;

    @Column(name = "display_name", nullable = false, length = 80)
    public String displayName;

    /** Bcrypt, as it will be on the account. */
    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    @Column(name = "preferred_language", length = 5)
    public String preferredLanguage;

    /** The local page the person signed up from (an invite link, say), where the link takes them. */
    @Column(name = "next_path", nullable = false, length = 500)
    public String nextPath;

    /** Hex SHA-256 of the token in the link. */
    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
