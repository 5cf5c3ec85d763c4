package org.entraide.workspace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;

/** A member's answer to a planned study session: coming, or not. */
@Entity
@Table(name = "session_answer")
public class SessionAnswer extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "session_id")
    public StudySession session;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    @Column(nullable = false)
    public boolean coming;

    @Column(name = "answered_at", nullable = false)
    public Instant answeredAt;

    public static Optional<SessionAnswer> of(long sessionId, long personId) {
        return SessionAnswer.find("session.id = ?1 and person.id = ?2", sessionId, personId).firstResultOptional();
    }

    /** The answers to these sessions, in one query. */
    public static List<SessionAnswer> to(List<Long> sessionIds) {
        return sessionIds.isEmpty() ? List.of() : SessionAnswer.list("session.id in ?1 order by answeredAt", sessionIds);
    }
}
