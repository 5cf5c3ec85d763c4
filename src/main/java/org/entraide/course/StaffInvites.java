package org.entraide.course;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.Person;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.EnumSets;
import org.entraide.web.FormErrors;
import org.entraide.web.I18n;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Queries;
import org.entraide.web.RowLocks;
import org.entraide.web.SecretLinks;
import org.entraide.web.Texts;

/**
 * The course team names someone for its team or as an organizer by their e-mail address; they take the role only once
 * they accept. Anyone can create a course, so a role nobody chose would put strangers on a course's staff, and the
 * staff list would show the team the name behind any address it knows: until the answer it shows the address typed.
 */
@ApplicationScoped
public class StaffInvites {

    /** Where an invitation by link is read and answered, followed by its token. */
    public static final String LINK_PATH = "/staff-invite/";

    private final CourseService courses;
    private final NotificationService notifications;

    StaffInvites(CourseService courses, NotificationService notifications) {
        this.courses = courses;
        this.notifications = notifications;
    }

    /**
     * Invites the person with this e-mail to the role. An account that confirmed its address is told and answers on the
     * course's invitation page; any other address gets a link by e-mail, if a platform administrator allowed the course to
     * write to new addresses (the permission of imports), since anyone can create a course.
     */
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
            // someone a team imported has a person but no sign-in of their own, and a local account whose address is not
            // confirmed may be held by whoever typed the address first: then the link proves the mailbox is theirs
            Optional<Person> holder = Person.findByEmail(normalized).filter(Person::ownsAccount);
            person = holder.filter(Person::hasConfirmedAddress).orElse(null);
            if (person == null && !course.importAllowed) {
                errors.add("email", holder.isPresent() ? "error.address-unconfirmed" : "error.no-such-account");
            } else if (kind != null && person != null && CourseRole.has(courseId, person.id, kind)) {
                errors.add("email", "error.already-staff");
            } else if (kind != null && Queries.count(StaffInvite.class, "course.id = ?1 and email = ?2 and role = ?3", courseId, normalized,
                    kind) > 0) {
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
        invite.email = normalized;
        invite.role = kind;
        invite.invitedBy = inviter;
        invite.invitedAt = Instant.now();
        if (person != null) {
            invite.persist();
            notifications.notify(person, NotificationKind.STAFF_INVITED, inviter, "/courses/" + courseId + "/staff-invite", course.title,
                    inviter.firstName());
            return;
        }
        String token = SecretLinks.newToken();
        invite.tokenHash = SecretLinks.hash(token);
        invite.persist();
        Locale locale = inviter.mailLocale(); // the address has no language of its own here: the inviter's is the likeliest
        notifications.queueMailTo(normalized, I18n.message(locale, "staff-invite.mail.subject", inviter.firstName(), course.title),
                I18n.message(locale, "staff-invite.mail.body", inviter.firstName(), course.title, I18n.message(locale, "role." + kind.name()),
                        I18n.message(locale, "staff-invite.what." + kind.name()), notifications.siteUrl() + LINK_PATH + token, normalized));
    }

    /** The invitation a link holds; 404 when it was answered or withdrawn, or never made. */
    public StaffInvite requireByLink(String token) {
        return StaffInvite.byToken(token).orElseThrow(NotFoundException::new);
    }

    /**
     * The signed-in person answers the invitation of a link: "yes" gives them its role, whatever their account's
     * address (as Canvas lets an invitation be accepted with another account), "no" declines it. The link then stops
     * working. Returns the course when accepted, else null.
     */
    @Transactional
    public Course answerByLink(String token, long personId, String answer) {
        boolean accepted = parse(answer);
        StaffInvite found = requireByLink(token);
        // locked first, as for an invitation to an account: a double click waits, then finds the link answered (404)
        RowLocks.lockAndReload(found.course);
        StaffInvite invite = requireByLink(token);
        if (accepted) {
            grant(invite, Person.findById(personId));
        }
        invite.delete();
        return accepted ? invite.course : null;
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
        boolean accepted = parse(answer);
        for (StaffInvite invite : open) {
            if (accepted) {
                grant(invite, invite.person);
            }
            invite.delete();
        }
        return accepted;
    }

    private static boolean parse(String answer) {
        if (!"yes".equals(answer) && !"no".equals(answer)) {
            throw new BadRequestException("not an answer");
        }
        return "yes".equals(answer);
    }

    /** Gives the person the invitation's role, unless they have it already, and tells whoever invited them. */
    private void grant(StaffInvite invite, Person person) {
        if (CourseRole.has(invite.course.id, person.id, invite.role)) {
            return;
        }
        CourseRole.grant(invite.course, person, invite.role);
        if (invite.invitedBy != null && !invite.invitedBy.id.equals(person.id)) {
            notifications.notify(invite.invitedBy, NotificationKind.STAFF_ACCEPTED, person, "/courses/" + invite.course.id + "/manage#staff",
                    invite.course.title, person.firstName());
        }
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
