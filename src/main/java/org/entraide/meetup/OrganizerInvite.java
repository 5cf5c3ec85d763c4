package org.entraide.meetup;

import java.time.Instant;
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
import org.entraide.course.Course;

/** An organizer asked a learner who offered to help organise meetups to become an organizer of the course. */
@Entity
@Table(name = "organizer_invite")
public class OrganizerInvite extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    /** Null once the organizer who asked deleted their account. */
    @ManyToOne
    @JoinColumn(name = "invited_by_id")
    public Person invitedBy;

    /** The city the learners around the person live near, as the organizer saw it. */
    @Column(name = "place_name", nullable = false)
    public String placeName;

    @Column(name = "invited_at", nullable = false)
    public Instant invitedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    /** Null until answered. */
    public Boolean accepted;

    public static Optional<OrganizerInvite> of(long courseId, long personId) {
        return find("from OrganizerInvite i left join fetch i.invitedBy where i.course.id = ?1 and i.person.id = ?2", courseId, personId)
                .firstResultOptional();
    }
}
