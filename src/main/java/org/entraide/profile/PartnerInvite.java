package org.entraide.profile;

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
import org.entraide.course.Course;
import org.entraide.web.Texts;

/** A learner's personal link for someone they already know, and both sides' answer to "study together?". */
@Entity
@Table(name = "partner_invite")
public class PartnerInvite extends PanacheEntityBase {

    public enum Status {
        /** Link sent, nobody joined through it yet. */
        OPEN,
        /** The invitee joined the course; both are asked how they want to study together. */
        JOINED,
        /** Both chose the same way: they are pre-formed partners for matching. */
        AGREED,
        /** One of them declined; they are matched independently. */
        DECLINED
    }

    public enum Choice {
        TANDEM(Format.TANDEM), GROUP(Format.STUDY_GROUP), DECLINE(null);

        private final Format format;

        Choice(Format format) {
            this.format = format;
        }

        /** The format the two would study in, or null for DECLINE. */
        public Format format() {
            return format;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    @ManyToOne(optional = false)
    @JoinColumn(name = "inviter_id")
    public Person inviter;

    @Column(nullable = false, unique = true)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(name = "relation_kind", nullable = false)
    public RelationKind relationKind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @ManyToOne
    @JoinColumn(name = "invitee_id")
    public Person invitee;

    @Enumerated(EnumType.STRING)
    @Column(name = "inviter_choice")
    public Choice inviterChoice;

    @Enumerated(EnumType.STRING)
    @Column(name = "invitee_choice")
    public Choice inviteeChoice;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    public static Optional<PartnerInvite> findByCode(String code) {
        // anything that is not a code Entraide issues never reaches the database (PostgreSQL refuses a NUL: a 500)
        if (!Texts.isLinkCode(code)) {
            return Optional.empty();
        }
        return find("code", code).firstResultOptional();
    }

    public static List<PartnerInvite> involving(long courseId, long personId) {
        // both people are eager: fetched in the same statement rather than one more per invite
        return list("""
                from PartnerInvite i join fetch i.inviter left join fetch i.invitee
                where i.course.id = ?1 and (i.inviter.id = ?2 or i.invitee.id = ?2) order by i.createdAt""", courseId, personId);
    }
}
