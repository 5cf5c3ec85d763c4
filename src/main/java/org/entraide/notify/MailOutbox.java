package org.entraide.notify;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An e-mail waiting to be sent, sent, or given up on; rows are kept so operators can see what happened. */
@Entity
@Table(name = "mail_outbox")
public class MailOutbox extends PanacheEntityBase {

    public enum Status {
        /** Not sent yet: due at {@link MailOutbox#nextAttemptAt}. */
        PENDING,
        SENT,
        /** Every attempt failed; kept for operators, never retried automatically. */
        FAILED
    }

    static final int RECIPIENT_MAX = 254;
    static final int SUBJECT_MAX = 300;
    static final int BODY_MAX = 20000;
    static final int ERROR_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = RECIPIENT_MAX)
    public String recipient;

    @Column(nullable = false, length = SUBJECT_MAX)
    public String subject;

    @Column(nullable = false, length = BODY_MAX)
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error", length = ERROR_MAX)
    public String lastError;

    /** Where the recipient's mail app stops Entraide's e-mails in one click; none for an address without an account. */
    @Column(name = "unsubscribe_url", length = 300)
    public String unsubscribeUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** Ids of pending mails due at {@code now}, oldest first. */
    public static List<Long> dueIds(Instant now, int limit) {
        return getEntityManager()
                .createQuery("select id from MailOutbox where status = ?1 and nextAttemptAt <= ?2 order by nextAttemptAt, id", Long.class)
                .setParameter(1, Status.PENDING).setParameter(2, now).setMaxResults(limit).getResultList();
    }
}
