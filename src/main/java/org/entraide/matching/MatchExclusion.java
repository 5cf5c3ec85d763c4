package org.entraide.matching;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.entraide.web.Queries;

/** Two people of a course who must never be proposed together again (a decline, a departure, a report). */
@Entity
@Table(name = "match_exclusion")
public class MatchExclusion extends PanacheEntityBase {

    public enum Reason {
        DECLINED, LEFT, REPORTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "course_id", nullable = false)
    public long courseId;

    @Column(name = "person_id", nullable = false)
    public long personId;

    @Column(name = "other_person_id", nullable = false)
    public long otherPersonId;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Reason reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Records that {@code personId} and {@code otherPersonId} are not to be matched again (idempotent). */
    public static void add(long courseId, long personId, long otherPersonId, Reason reason) {
        if (personId == otherPersonId || Queries.count(MatchExclusion.class, "courseId = ?1 and personId = ?2 and otherPersonId = ?3", courseId, personId, otherPersonId) > 0) {
            return;
        }
        MatchExclusion exclusion = new MatchExclusion();
        exclusion.courseId = courseId;
        exclusion.personId = personId;
        exclusion.otherPersonId = otherPersonId;
        exclusion.reason = reason;
        exclusion.createdAt = Instant.now();
        exclusion.persist();
    }

    /** Everyone each person of the course must not meet, in both directions. */
    public static Map<Long, Set<Long>> ofCourse(long courseId) {
        Map<Long, Set<Long>> result = new HashMap<>();
        List<MatchExclusion> all = list("courseId", courseId);
        for (MatchExclusion e : all) {
            result.computeIfAbsent(e.personId, k -> new HashSet<>()).add(e.otherPersonId);
            result.computeIfAbsent(e.otherPersonId, k -> new HashSet<>()).add(e.personId);
        }
        return result;
    }
}
