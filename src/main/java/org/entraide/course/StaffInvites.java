package org.entraide.course;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.Person;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.EnumSets;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Queries;
import org.entraide.web.RowLocks;
import org.entraide.web.Texts;

/**
 * The course team names someone for its team or as an organizer by the e-mail of their account; they take the role only
 * once they accept. Anyone can create a course, so a role nobody chose would put strangers on a course's staff, and the
 * staff list would show the team the name behind any address it knows: until the answer it shows the address typed.
 */
@ApplicationScoped
public class StaffInvites {

    private final CourseService courses;
    private final NotificationService notifications;

    StaffInvites(CourseService courses, NotificationService notifications) {
        this.courses = courses;
        this.notifications = notifications;
    }

    /** Invites the account with this e-mail to the role; they are told and answer on the course's invitation page. */
    @Transactional
    public void invite(long courseId, long personId, String email, String roleName) {
        // locked: two invitations at once keep to the limit
        Course course = RowLocks.lockAndReload(courses.requireTeam(courseId, personId));
        FormErrors errors = new FormErrors();
        CourseRole.Kind kind = EnumSets.one(CourseRole.Kind.class, roleName);
        if (kind == null) {
            errors.add("role", "error.invalid-choice");
        }
        String normalized = Person.normalizeEmail(Texts.trimToNull(email));
        Person person = null;
        if (normalized == null) {
            errors.add("email", "error.required");
        } else if (!Texts.isEmail(normalized)) {
            errors.add("email", "error.email");
        } else {
            person = Person.findByEmail(normalized).orElse(null);
            if (person == null) {
                errors.add("email", "error.no-such-account");
            } else if (kind != null && CourseRole.has(courseId, person.id, kind)) {
                errors.add("email", "error.already-staff");
            } else if (kind != null && Queries.count(StaffInvite.class, "course.id = ?1 and person.id = ?2 and role = ?3", courseId,
                    person.id, kind) > 0) {
                errors.add("email", "error.already-invited");
            } else if (Queries.count(StaffInvite.class, "course.id = ?1", courseId) >= StaffInvite.PER_COURSE_MAX) {
                errors.add("email", "error.too-many-staff-invites", List.of(Integer.toString(StaffInvite.PER_COURSE_MAX)));
            }
        }
        errors.throwIfAny();
        Person inviter = Person.findById(personId);
        StaffInvite invite = new StaffInvite();
        invite.course = course;
        invite.person = person;
        invite.role = kind;
        invite.invitedBy = inviter;
        invite.invitedAt = Instant.now();
        invite.persist();
        notifications.notify(person, NotificationKind.STAFF_INVITED, inviter, "/courses/" + courseId + "/staff-invite", course.title,
                inviter.firstName());
    }

    /** The person's open invitations to the course; 404 when there are none, whoever asks. */
    public List<StaffInvite> requireOpen(long courseId, long personId) {
        List<StaffInvite> open = StaffInvite.of(courseId, personId);
        if (open.isEmpty()) {
            throw new NotFoundException();
        }
        return open;
    }

    /** Accepts ("yes": the person takes every role offered) or declines ("no") the person's open invitations to the course. */
    @Transactional
    public boolean answer(long courseId, long personId, String answer) {
        // locked first: a double click on "Accept" waits here, then finds the invitation answered (404)
        RowLocks.lockAndReload(Course.<Course>findByIdOptional(courseId).orElseThrow(NotFoundException::new));
        List<StaffInvite> open = requireOpen(courseId, personId);
        if (!"yes".equals(answer) && !"no".equals(answer)) {
            throw new BadRequestException("not an answer");
        }
        boolean accepted = "yes".equals(answer);
        for (StaffInvite invite : open) {
            if (accepted && !CourseRole.has(courseId, personId, invite.role)) {
                CourseRole.grant(invite.course, invite.person, invite.role);
                if (invite.invitedBy != null) {
                    notifications.notify(invite.invitedBy, NotificationKind.STAFF_ACCEPTED, invite.person, "/courses/" + courseId + "/manage#staff",
                            invite.course.title, invite.person.firstName());
                }
            }
            invite.delete();
        }
        return accepted;
    }

    /** The course team takes back an invitation not answered yet. */
    @Transactional
    public void withdraw(long courseId, long personId, long inviteId) {
        courses.requireTeam(courseId, personId);
        StaffInvite invite = StaffInvite.findById(inviteId);
        if (invite == null || !invite.course.id.equals(courseId)) {
            throw new NotFoundException();
        }
        invite.delete();
    }
}
