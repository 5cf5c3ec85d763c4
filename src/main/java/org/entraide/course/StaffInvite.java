package org.entraide.course;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.entraide.web.SecretLinks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A role in a course offered by its team to the person with an e-mail address; it becomes a {@link CourseRole} when
 * they accept. An address with no account of its own gets a link by e-mail instead ({@link #tokenHash}), which whoever
 * holds it answers once signed in.
 */
@Entity
@Table(name = "staff_invite")
public class StaffInvite extends PanacheEntityBase {

    /** Open invitations a course may have at once: enough for any real team, too few to write to strangers in bulk. */
    public static final int PER_COURSE_MAX = 20;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    /** The account invited; null for an invitation by link. */
    @ManyToOne
    @JoinColumn(name = "person_id")
    public Person person;

    /** The address the course team typed (normalized): all it sees until the answer. */
    @Column(nullable = false, length = 254)
    public String email;

    /** The hash of the e-mailed link's token, for an address with no account of its own; null otherwise. */
    @Column(name = "token_hash", length = 64)
    public String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CourseRole.Kind role;

    @ManyToOne
    @JoinColumn(name = "invited_by_id")
    public Person invitedBy;

    @Column(name = "invited_at", nullable = false)
    public Instant invitedAt;

    public static List<StaffInvite> ofCourse(long courseId) {
        return list("course.id = ?1 order by invitedAt, id", courseId);
    }

    /** The invitation whose link holds this token. */
    public static Optional<StaffInvite> byToken(String token) {
        return SecretLinks.storedFormOf(token).flatMap(hash -> find("tokenHash", hash).firstResultOptional());
    }

    /** A course whose staff the person is invited to join, with the roles offered (one answer covers them all). */
    public record Offer(Course course, List<CourseRole.Kind> roles) {
    }

    /** The person's open invitations, a course each, the oldest first. */
    public static List<Offer> offersTo(long personId) {
        Map<Course, List<CourseRole.Kind>> rolesByCourse = new LinkedHashMap<>();
        for (StaffInvite invite : StaffInvite.<StaffInvite> list(
                "from StaffInvite i join fetch i.course where i.person.id = ?1 order by i.invitedAt, i.id, i.role", personId)) {
            rolesByCourse.computeIfAbsent(invite.course, course -> new ArrayList<>()).add(invite.role);
        }
        return rolesByCourse.entrySet().stream().map(entry -> new Offer(entry.getKey(), entry.getValue())).toList();
    }

    /** The person's open invitations to the course (a role each). */
    public static List<StaffInvite> of(long courseId, long personId) {
        return list("course.id = ?1 and person.id = ?2 order by role", courseId, personId);
    }
}
