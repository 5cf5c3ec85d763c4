package org.entraide.meetup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.web.Queries;

/** A learner's answer to a meetup: a seat, or a place on the waiting list in the order of answering. */
@Entity
@Table(name = "meetup_rsvp")
public class MeetupRsvp extends PanacheEntityBase {

    public enum Status {
        GOING, WAITLISTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "meetup_id")
    public Meetup meetup;

    /** Null once the learner deleted the account: the answer to a meetup that had started stays, for its counts. */
    @ManyToOne
    @JoinColumn(name = "person_id")
    public Person person;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "answered_at", nullable = false)
    public Instant answeredAt;

    /** Recorded by the organizer after the start; null until then. */
    public Boolean attended;

    public boolean answeredBy(long personId) {
        return person != null && person.id == personId;
    }

    public static Optional<MeetupRsvp> of(long meetupId, long personId) {
        return MeetupRsvp.find("meetup.id = ?1 and person.id = ?2", meetupId, personId).firstResultOptional();
    }

    public static long count(long meetupId, Status status) {
        return Queries.count(MeetupRsvp.class, "meetup.id = ?1 and status = ?2", meetupId, status);
    }

    /** Those with this answer, in the order they answered (the waiting list's order). */
    public static List<MeetupRsvp> list(long meetupId, Status status) {
        return MeetupRsvp.list("meetup.id = ?1 and status = ?2 order by answeredAt, id", meetupId, status);
    }
}
