package org.entraide.course;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

/** A staff role in one course. Learners are not roles: they are enrolments. */
@Entity
@Table(name = "course_role")
public class CourseRole extends PanacheEntityBase {

    public enum Kind {
        /** Runs the course: settings, matching, groups. */
        TEAM,
        /** Schedules local meetups. */
        ORGANIZER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind role;

    /** Gives the person the role in the course (callers check they do not have it yet). */
    public static void grant(Course course, Person person, Kind kind) {
        CourseRole role = new CourseRole();
        role.course = course;
        role.person = person;
        role.role = kind;
        role.persist();
    }

    /** The person's roles in the course, in one query (none for learners and strangers). */
    public static Set<Kind> kindsOf(long courseId, long personId) {
        List<Kind> kinds = getEntityManager().createQuery(
                "select role from CourseRole where course.id = ?1 and person.id = ?2", Kind.class)
                .setParameter(1, courseId).setParameter(2, personId).getResultList();
        return kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds);
    }

    public static boolean has(long courseId, long personId, Kind role) {
        return Queries.count(CourseRole.class, "course.id = ?1 and person.id = ?2 and role = ?3", courseId, personId, role) > 0;
    }

    public static List<CourseRole> ofCourse(long courseId) {
        return list("course.id = ?1 order by role, person.displayName", courseId);
    }

    /** The person's roles with their courses (the list shows the titles); courses that ended come after the others. */
    public static List<CourseRole> ofPerson(long personId) {
        return list("from CourseRole r join fetch r.course c where r.person.id = ?1 order by case when c.endDate < ?2 then 1 else 0 end, c.title",
                personId, LocalDate.now(ZoneOffset.UTC));
    }
}
