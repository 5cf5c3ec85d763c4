package org.entraide.meetup;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.course.CourseRole;
import org.entraide.geo.Place;
import org.entraide.matching.MatchingService;
import org.entraide.matching.engine.MeetupCluster;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.LeavingCourse;
import org.entraide.web.InvalidInputException;
import org.entraide.web.RowLocks;

import io.quarkus.security.ForbiddenException;

/**
 * Learners who said "I could help organise a local meetup" (the profile's about step) become organizers when asked:
 * the organizers' page counts them where learners live close together, an organizer asks them, and each accepts or
 * not. P2PU's learning circles start the same way, from learners who offer to facilitate.
 */
@ApplicationScoped
public class OrganizerInvites {

    private final MeetupService meetups;
    private final MatchingService matching;
    private final NotificationService notifications;

    OrganizerInvites(MeetupService meetups, MatchingService matching, NotificationService notifications) {
        this.meetups = meetups;
        this.matching = matching;
        this.notifications = notifications;
    }

    /** The course's learners who offered to help organise, are not on its staff and were never asked: one statement. */
    static Set<Long> askable(long courseId) {
        return new HashSet<>(OrganizerInvite.getEntityManager().createQuery("""
                select e.person.id from Enrolment e where e.course.id = ?1 and e.canOrganiseMeetup = true and e.profileComplete = true
                and not exists (select r.id from CourseRole r where r.course = e.course and r.person = e.person)
                and not exists (select i.id from OrganizerInvite i where i.course = e.course and i.person = e.person)""", Long.class)
                .setParameter(1, courseId).getResultList());
    }

    /** How many of the cluster's learners could be asked. */
    static int askableIn(MeetupCluster cluster, Set<Long> askable) {
        return (int) cluster.members().stream().filter(id -> askable.contains(Long.valueOf(id))).count();
    }

    /**
     * Asks the learners who offered to help and live in the demand cluster around {@code placeId}; returns how many were
     * asked (none when the demand moved meanwhile, or they were asked already).
     */
    @Transactional
    public int ask(long courseId, long personId, String placeId, Locale locale) {
        // rights first, so that strangers learn nothing from the answer; locked: two organizers pressing at once ask each learner once
        Course course = RowLocks.lockAndReload(meetups.requireStaff(courseId, personId));
        Place place = meetups.placeOf(placeId).orElseThrow(() -> new BadRequestException("no such place"));
        String centre = Long.toString(place.id());
        String city = place.label(locale);
        Person organizer = Person.findById(personId);
        Set<Long> askable = askable(courseId);
        int asked = 0;
        for (MeetupCluster cluster : matching.meetupDemand(courseId).clusters()) {
            if (!cluster.centre().id().equals(centre)) {
                continue;
            }
            for (String member : cluster.members()) {
                if (!askable.contains(Long.valueOf(member))) {
                    continue;
                }
                OrganizerInvite invite = new OrganizerInvite();
                invite.course = course;
                invite.person = Person.findById(Long.valueOf(member));
                invite.invitedBy = organizer;
                invite.placeName = city;
                invite.invitedAt = Instant.now();
                invite.persist();
                notifications.notify(invite.person, NotificationKind.ORGANIZER_INVITED, organizer, "/courses/" + courseId + "/organize",
                        course.title, organizer.firstName(), city);
                asked++;
            }
        }
        return asked;
    }

    /** The person's invitation to organize meetups for the course; 404 when they were never asked. */
    public OrganizerInvite invite(long courseId, long personId) {
        return OrganizerInvite.of(courseId, personId).orElseThrow(NotFoundException::new);
    }

    /** Accepts ("yes": the person becomes an organizer of the course) or declines; answered once. */
    @Transactional
    public boolean answer(long courseId, long personId, String answer) {
        OrganizerInvite invite = RowLocks.lockAndReload(invite(courseId, personId));
        if (invite.answeredAt != null || !"yes".equals(answer) && !"no".equals(answer)) {
            // the page offers the two buttons only while the question is open
            throw new BadRequestException("already answered, or not an answer");
        }
        invite.answeredAt = Instant.now();
        invite.accepted = "yes".equals(answer);
        if (invite.accepted && !CourseRole.has(courseId, personId, CourseRole.Kind.ORGANIZER)) {
            CourseRole.grant(invite.course, invite.person, CourseRole.Kind.ORGANIZER);
            if (invite.invitedBy != null) {
                notifications.notify(invite.invitedBy, NotificationKind.ORGANIZER_ACCEPTED, invite.person, "/courses/" + courseId + "/manage/meetups",
                        invite.course.title, invite.person.firstName());
            }
        }
        return invite.accepted;
    }

    /**
     * An organizer gives the role up, once confirmed. The meetups they scheduled stay: the course team and the other
     * organizers manage every meetup of the course, and the team is told. Only organizers may (403 for the course's other
     * members: the team leaves on its settings page).
     */
    @Transactional
    public void stopOrganizing(long courseId, long personId, String confirmation) {
        Course course = meetups.requireStaff(courseId, personId);
        if (!CourseRole.has(courseId, personId, CourseRole.Kind.ORGANIZER)) {
            throw new ForbiddenException();
        }
        if (!"yes".equals(confirmation)) {
            throw InvalidInputException.of("confirm", "error.confirm-stop-organizing");
        }
        CourseRole.delete("course.id = ?1 and person.id = ?2 and role = ?3", courseId, personId, CourseRole.Kind.ORGANIZER);
        Person organizer = Person.findById(personId);
        for (CourseRole team : CourseRole.<CourseRole>list("course.id = ?1 and role = ?2", courseId, CourseRole.Kind.TEAM)) {
            notifications.notify(team.person, NotificationKind.ORGANIZER_STOPPED, organizer, "/courses/" + courseId + "/manage/meetups",
                    course.title, organizer.firstName());
        }
    }

    /** An invitation to organize the person received, as "Download my data" lists it. */
    public record InviteData(long courseId, String place, Instant invitedAt, Boolean accepted) {
    }

    void exportInvites(@Observes AccountExport export) {
        export.add("organizerInvites", OrganizerInvite.<OrganizerInvite>list("person.id = ?1 order by invitedAt", export.personId()).stream()
                .map(i -> new InviteData(i.course.id, i.placeName, i.invitedAt, i.accepted)).toList());
    }

    /** Someone who leaves the course may be asked again should they join it again. */
    void forgetInvite(@Observes LeavingCourse leaving) {
        OrganizerInvite.delete("course.id = ?1 and person.id = ?2", leaving.courseId(), leaving.personId());
    }
}
