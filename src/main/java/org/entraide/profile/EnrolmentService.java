package org.entraide.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountDeleting;
import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.availability.Slots;
import org.entraide.availability.WeekMask;
import org.entraide.course.Course;
import org.entraide.group.GroupMember;
import org.entraide.group.GroupService;
import org.entraide.matching.ConsentService;
import org.entraide.matching.engine.UnmatchedReason;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.web.InvalidInputException;

/** Joining a course as a learner, the state of one's enrolment, and leaving. */
@ApplicationScoped
public class EnrolmentService {

    /** An unfinished profile is reminded of this long after the learner's last save… */
    static final Duration REMIND_UNFINISHED_AFTER = Duration.ofDays(2);
    /** …but not when that save is older than this: someone who walked away weeks ago is not written to on deployment. */
    static final Duration REMIND_UNFINISHED_WITHIN = Duration.ofDays(14);
    /** Reminders sent per run of the reminders job; the rest go on the next run. */
    static final int REMIND_BATCH = 500;

    private final ConsentService consent;
    private final GroupService groups;
    private final NotificationService notifications;
    private final Event<LeavingCourse> leaving;

    EnrolmentService(ConsentService consent, GroupService groups, NotificationService notifications, Event<LeavingCourse> leaving) {
        this.consent = consent;
        this.groups = groups;
        this.notifications = notifications;
        this.leaving = leaving;
    }

    /** Joins through the course's invite link; joining twice returns the existing enrolment. */
    @Transactional
    public Joined joinByInvite(String inviteCode, long personId) {
        Course course = Course.findByInviteCode(inviteCode).orElseThrow(NotFoundException::new);
        Optional<Enrolment> existing = Enrolment.find(course.id, personId);
        if (existing.isPresent()) {
            return new Joined(existing.get(), false);
        }
        if (course.joinRefusal() != null) {
            throw InvalidInputException.of("course", course.joinRefusal());
        }
        Enrolment created = create(course, Person.findById(personId));
        return new Joined(created, created.placeId != null);
    }

    /** The person's enrolment in the course they joined; {@code prefilled}: new, and started from another course's answers. */
    public record Joined(Enrolment enrolment, boolean prefilled) {
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
        Enrolment.<Enrolment>find("person.id = ?1 and profileComplete = true order by updatedAt desc", person.id).firstResultOptional()
                .ifPresent(earlier -> startFrom(enrolment, earlier));
        enrolment.persist();
        return enrolment;
    }

    /**
     * A learner joining another course starts from their latest complete profile: where they live, their week, the
     * languages they speak, how they meet and who they are. What belongs to the course (formats, motives and goals) is
     * asked again, and the profile stays a draft until they go through every step and the privacy page.
     */
    private static void startFrom(Enrolment e, Enrolment earlier) {
        e.placeId = earlier.placeId;
        e.placeName = earlier.placeName;
        e.countryCode = earlier.countryCode;
        e.latitude = earlier.latitude;
        e.longitude = earlier.longitude;
        e.travelRadiusKm = earlier.travelRadiusKm;
        e.timeZone = earlier.timeZone;
        e.localWeek = earlier.localWeek;
        e.languages = earlier.languages;
        e.modalities = earlier.modalities;
        e.situation = earlier.situation;
        e.sector = earlier.sector;
        e.organisation = earlier.organisation;
        e.moocExperience = earlier.moocExperience;
        e.introduction = earlier.introduction;
        e.canOrganiseMeetup = earlier.canOrganiseMeetup;
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

    /** A learner waiting for partners stops being matched until they resume; proposals already sent stay open. */
    @Transactional
    public void pause(long courseId, long personId) {
        Enrolment enrolment = Enrolment.find(courseId, personId).orElseThrow(NotFoundException::new);
        if (enrolment.status == Enrolment.Status.WAITING) {
            enrolment.status = Enrolment.Status.PAUSED;
        }
    }

    /**
     * Leaves the course as a learner, once confirmed: open proposals close as declined, the person leaves their groups
     * (the others are told, small groups are refilled or dissolved), partner links not yet agreed end, and the profile
     * for this course is deleted. Course-team and organizer roles are not touched. Joining again starts afresh.
     */
    @Transactional
    public void leave(long courseId, long personId, String confirmation) {
        Enrolment enrolment = Enrolment.find(courseId, personId).orElseThrow(NotFoundException::new);
        if (!"yes".equals(confirmation)) {
            throw InvalidInputException.of("confirm", "error.confirm-leave");
        }
        consent.withdrawFromCourse(courseId, personId);
        for (GroupMember membership : GroupMember.activeOf(courseId, personId)) {
            groups.leave(membership.group.id, personId, null);
        }
        PartnerInvite.update("status = ?1 where course.id = ?2 and (inviter.id = ?3 or invitee.id = ?3) and (status = ?4 or status = ?5)",
                PartnerInvite.Status.DECLINED, courseId, personId, PartnerInvite.Status.OPEN, PartnerInvite.Status.JOINED);
        leaving.fire(new LeavingCourse(courseId, personId));
        enrolment.delete();
    }

    /**
     * Reminds, once, the learners who joined a course still running and left their profile unfinished two days ago:
     * only complete profiles are matched, and many stop at a step without noticing. Returns how many were reminded.
     */
    @Transactional
    public int remindUnfinished(Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<Enrolment> due = Enrolment.<Enrolment>find("""
                from Enrolment e join fetch e.course c join fetch e.person
                where e.status = ?1 and e.profileComplete = false and e.profileRemindedAt is null
                and e.updatedAt <= ?2 and e.updatedAt > ?3 and (c.endDate is null or c.endDate >= ?4)
                order by e.id""", Enrolment.Status.DRAFT, now.minus(REMIND_UNFINISHED_AFTER), now.minus(REMIND_UNFINISHED_WITHIN), today)
                .page(0, REMIND_BATCH).list();
        for (Enrolment enrolment : due) {
            enrolment.profileRemindedAt = now;
            // the profile's first page sends the learner on to the first step still to answer
            notifications.notify(enrolment.person, NotificationKind.PROFILE_UNFINISHED, "/courses/" + enrolment.course.id + "/profile",
                    enrolment.course.title);
        }
        return due.size();
    }

    /** A course profile as "Download my data" lists it, availability written out in the reader's language. */
    public record ProfileData(long courseId, String course, Enrolment.Status status, Instant joinedAt, String place, String countryCode,
            Integer travelRadiusKm, String timeZone, String weeklyAvailability, String languages, String formats, String modalities,
            String motives, CertificateIntent certificateIntent, FollowMode followMode, String interactionObjects, Situation situation,
            String sector, String organisation, MoocExperience moocExperience, String introduction, boolean canOrganiseMeetup,
            UnmatchedReason lastRunLeftUnplacedFor, CourseResult courseResult, PartnersHelped partnersHelped) {
    }

    /** A personal partner link the person made or answered (its code is left out: it still opens the link). */
    public record PartnerLinkData(long courseId, String course, boolean madeByMe, RelationKind relationKind, PartnerInvite.Status status,
            Instant createdAt) {
    }

    void exportProfiles(@Observes AccountExport export) {
        export.add("courseProfiles", Enrolment.<Enrolment>list("person.id = ?1 order by joinedAt", export.personId()).stream()
                .map(e -> new ProfileData(e.course.id, e.course.title, e.status, e.joinedAt, e.placeName, e.countryCode, e.travelRadiusKm,
                        e.timeZone, e.localWeek == null ? null : Slots.summary(WeekMask.fromHex(e.localWeek), export.locale()), e.languages,
                        e.formats, e.modalities, e.motives, e.certificateIntent, e.followMode, e.interactionObjects, e.situation, e.sector,
                        e.organisation, e.moocExperience, e.introduction, e.canOrganiseMeetup, e.unplacedReason, e.courseResult,
                        e.partnersHelped))
                .toList());
        export.add("partnerLinks", PartnerInvite.<PartnerInvite>list("inviter.id = ?1 or invitee.id = ?1 order by createdAt", export.personId())
                .stream().map(link -> new PartnerLinkData(link.course.id, link.course.title, link.inviter.id == export.personId(),
                        link.relationKind, link.status, link.createdAt))
                .toList());
    }

    /** Someone deleting their account leaves each course as if they had pressed "Leave", so the others are told. */
    void leaveAllCourses(@Observes @Priority(AccountDeleting.LEAVE) AccountDeleting deleted) {
        for (Enrolment enrolment : Enrolment.<Enrolment>list("person.id", deleted.personId())) {
            leave(enrolment.course.id, deleted.personId(), "yes");
        }
    }
}
