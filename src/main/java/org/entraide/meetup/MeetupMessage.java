package org.entraide.meetup;

import java.time.Instant;
import java.util.List;

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
import org.entraide.web.Queries;

/** A message an organizer wrote to those who answered a meetup; everyone who can see the meetup reads it. */
@Entity
@Table(name = "meetup_message")
public class MeetupMessage extends PanacheEntityBase {

    public static final int BODY_MAX = 1000;
    /** Messages a meetup may have: plenty for practical news, and a bound on how often attendees are notified. */
    public static final int PER_MEETUP_MAX = 20;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "meetup_id")
    public Meetup meetup;

    @ManyToOne(optional = false)
    @JoinColumn(name = "author_id")
    public Person author;

    @Column(nullable = false, length = BODY_MAX)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The meetup's messages with their authors (one statement), the newest first. */
    public static List<MeetupMessage> of(long meetupId) {
        return MeetupMessage.list("from MeetupMessage m join fetch m.author where m.meetup.id = ?1 order by m.createdAt desc, m.id desc",
                meetupId);
    }

    public static long count(long meetupId) {
        return Queries.count(MeetupMessage.class, "meetup.id = ?1", meetupId);
    }
}
