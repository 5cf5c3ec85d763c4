package org.entraide.profile;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.web.InvalidInputException;

/** Joining a course as a learner and the state of one's enrolment. */
@ApplicationScoped
public class EnrolmentService {

    /** Joins through the course's invite link; joining twice returns the existing enrolment. */
    @Transactional
    public Enrolment joinByInvite(String inviteCode, long personId) {
        Course course = Course.findByInviteCode(inviteCode).orElseThrow(NotFoundException::new);
        Optional<Enrolment> existing = Enrolment.find(course.id, personId);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!course.signupOpen) {
            throw InvalidInputException.of("course", "error.signup-closed");
        }
        return create(course, Person.findById(personId));
    }

    @Transactional
    public Enrolment enrol(Course course, Person person) {
        return Enrolment.find(course.id, person.id).orElseGet(() -> create(course, person));
    }

    private static Enrolment create(Course course, Person person) {
        Enrolment enrolment = new Enrolment();
        enrolment.course = course;
        enrolment.person = person;
        enrolment.status = Enrolment.Status.DRAFT;
        enrolment.travelRadiusKm = course.defaultRadiusKm;
        enrolment.languages = course.languages;
        enrolment.joinedAt = Instant.now();
        enrolment.updatedAt = enrolment.joinedAt;
        enrolment.persist();
        return enrolment;
    }

    public Optional<Enrolment> of(long courseId, long personId) {
        return Enrolment.find(courseId, personId);
    }

    /** Puts a paused learner with a complete profile back in the queue for matching. */
    @Transactional
    public void resume(long courseId, long personId) {
        Enrolment enrolment = Enrolment.find(courseId, personId).orElseThrow(NotFoundException::new);
        if (enrolment.status == Enrolment.Status.PAUSED && enrolment.profileComplete) {
            enrolment.status = Enrolment.Status.WAITING;
            enrolment.waitingSince = Instant.now();
        }
    }
}
