package org.entraide.group;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.profile.Format;
import org.entraide.profile.Modality;

/** An accepted tandem or study group, with its members. */
@Entity
@Table(name = "learning_group")
public class LearningGroup extends PanacheEntityBase {

    @Schema(name = "GroupStatus", description = "ACTIVE; REFILLING: below its minimum size, looking for new members; DISSOLVED: ended")
    public enum Status {
        ACTIVE,
        /** Below its minimum size: rolling matching looks for new members until the course's maximum wait. */
        REFILLING,
        DISSOLVED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    public Modality modality;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;

    @Column(name = "dissolved_at")
    public Instant dissolvedAt;

    /** The member who keeps the group going for now (plans, opens the check-in, welcomes newcomers), or nobody. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "facilitator_id")
    public Person facilitator;

    @Column(name = "facilitator_since")
    public Instant facilitatorSince;

    public boolean facilitatedBy(long personId) {
        return facilitator != null && facilitator.id == personId;
    }

    /** The person stops facilitating (they put the role down or left); nothing changes if they did not have it. */
    void releaseFacilitator(long personId) {
        if (facilitatedBy(personId)) {
            facilitator = null;
            facilitatorSince = null;
        }
    }

    public List<GroupMember> currentMembers() {
        return GroupMember.current(id);
    }

    public int minimumSize() {
        return format == Format.TANDEM ? 2 : course.groupMin;
    }

    public int maximumSize() {
        return format == Format.TANDEM ? 2 : course.groupMax;
    }

    public static List<LearningGroup> ofCourse(long courseId) {
        return list("course.id = ?1 order by createdAt desc", courseId);
    }
}
