package org.entraide.group;

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

/** Membership of one person in one group; leaving keeps the row (with the date and reason) for group health. */
@Entity
@Table(name = "group_member")
public class GroupMember extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_id")
    public LearningGroup group;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    @Column(name = "left_at")
    public Instant leftAt;

    @Column(name = "left_reason")
    public String leftReason;

    /** Taken out of the group by the course team rather than gone of their own accord. */
    @Column(name = "removed_by_team", nullable = false)
    public boolean removedByTeam;

    public static List<GroupMember> current(long groupId) {
        return list("group.id = ?1 and leftAt is null order by joinedAt, id", groupId);
    }

    public static List<GroupMember> all(long groupId) {
        return list("group.id = ?1 order by joinedAt, id", groupId);
    }

    public static Optional<GroupMember> currentMembership(long groupId, long personId) {
        return find("group.id = ?1 and person.id = ?2 and leftAt is null", groupId, personId).firstResultOptional();
    }

    /** The person's active groups in a course. */
    public static List<GroupMember> activeOf(long courseId, long personId) {
        // the group is eager: fetched in the same statement rather than one more per group
        return list("""
                from GroupMember m join fetch m.group g
                where g.course.id = ?1 and m.person.id = ?2 and m.leftAt is null and g.status <> ?3 order by m.joinedAt desc""",
                courseId, personId, LearningGroup.Status.DISSOLVED);
    }
}
