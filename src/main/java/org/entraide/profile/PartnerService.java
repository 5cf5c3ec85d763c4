package org.entraide.profile;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.group.GroupService;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.web.EntraideConfig;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Queries;
import org.entraide.web.RowLocks;

/** "Bring a partner": personal invite links and the pre-formed tandems or groups they lead to. */
@ApplicationScoped
public class PartnerService {

    /** How one invite looks from one side. */
    public record PartnerView(long inviteId, String link, RelationKind relationKind, PartnerInvite.Status status,
            String otherFirstName, boolean inviter, PartnerInvite.Choice myChoice, PartnerInvite.Choice theirChoice,
            Set<Format> courseFormats) {

        public boolean open() {
            return status == PartnerInvite.Status.OPEN;
        }

        public boolean awaitingMe() {
            return status == PartnerInvite.Status.JOINED && myChoice == null;
        }

        /** Only the formats the course offers are proposed (the service refuses the others too). */
        public boolean tandemOffered() {
            return courseFormats.contains(Format.TANDEM);
        }

        public boolean groupOffered() {
            return courseFormats.contains(Format.STUDY_GROUP);
        }
    }

    /** The error field of an answer refused because the person already answered or the invite is settled. */
    public static final String ALREADY_ANSWERED = "invite";

    private final EntraideConfig config;

    private final GroupService groups;

    private final NotificationService notifications;

    PartnerService(EntraideConfig config, GroupService groups, NotificationService notifications) {
        this.config = config;
        this.groups = groups;
        this.notifications = notifications;
    }

    @Transactional
    public PartnerInvite create(long courseId, long personId, String relation) {
        Enrolment enrolment = Enrolment.find(courseId, personId).orElseThrow(NotFoundException::new);
        RelationKind kind = EnumSets.one(RelationKind.class, relation);
        if (kind == null) {
            throw InvalidInputException.of("relationKind", "error.invalid-choice");
        }
        if (enrolment.course.ended()) {
            throw InvalidInputException.of("relationKind", "error.course-ended");
        }
        if (Queries.count(PartnerInvite.class, "course.id = ?1 and inviter.id = ?2 and status = ?3", courseId, personId, PartnerInvite.Status.OPEN) >= 5) {
            throw InvalidInputException.of("relationKind", "error.too-many-invites");
        }
        PartnerInvite invite = new PartnerInvite();
        invite.course = enrolment.course;
        invite.inviter = enrolment.person;
        invite.code = CourseService.newCode();
        invite.relationKind = kind;
        invite.status = PartnerInvite.Status.OPEN;
        invite.createdAt = Instant.now();
        invite.persist();
        return invite;
    }

    /** An open invite by its code, or 404 (unknown, already used or the course closed). */
    public PartnerInvite requireOpen(String code) {
        return PartnerInvite.findByCode(code).filter(i -> i.status == PartnerInvite.Status.OPEN).orElseThrow(NotFoundException::new);
    }

    /** The invitee joins the course through the personal link. */
    @Transactional
    public Enrolment accept(String code, long personId, EnrolmentService enrolments) {
        PartnerInvite invite = requireOpen(code);
        // a personal link is for one person: of two people opening it at the same moment, the second finds it used
        if (RowLocks.lockAndReload(invite).status != PartnerInvite.Status.OPEN) {
            throw new NotFoundException();
        }
        if (invite.inviter.id.equals(personId)) {
            throw InvalidInputException.of("code", "error.own-invite");
        }
        Course course = invite.course;
        boolean alreadyIn = Enrolment.find(course.id, personId).isPresent();
        if (!alreadyIn && course.joinRefusal() != null) {
            throw InvalidInputException.of("course", course.joinRefusal());
        }
        Enrolment enrolment = enrolments.enrol(course, Person.findById(personId));
        invite.invitee = enrolment.person;
        invite.status = PartnerInvite.Status.JOINED;
        invite.acceptedAt = Instant.now();
        notifications.notify(invite.inviter, NotificationKind.PARTNER_JOINED, enrolment.person, "/courses/" + course.id, course.title,
                enrolment.person.firstName());
        return enrolment;
    }

    /** What one answer led to; the page tells the person who answered. */
    public enum ChoiceOutcome {
        /** The other person has not answered yet. */
        WAITING,
        /** Both chose the same format: their tandem or group exists now. */
        AGREED,
        /** One declined: they are matched separately. */
        DECLINED,
        /** One chose a tandem, the other a study group: both answers are cleared and both choose again. */
        DIFFERED
    }

    /**
     * Records one side's answer; when both chose the same way they become pre-formed partners. Each person answers once
     * per round: a repeated post (double click, back button) is refused, so the group is never formed twice.
     */
    @Transactional
    public ChoiceOutcome choose(long courseId, long inviteId, long personId, String choiceName) {
        // The row lock makes the two people's answers take turns: without it both could read "no answer yet" and
        // the later write would erase the earlier answer.
        PartnerInvite invite = PartnerInvite.findById(inviteId);
        if (invite != null) {
            RowLocks.lockAndReload(invite);
        }
        if (invite == null || !invite.course.id.equals(courseId) || invite.invitee == null
                || !(invite.inviter.id.equals(personId) || invite.invitee.id.equals(personId))) {
            throw new NotFoundException();
        }
        PartnerInvite.Choice choice = EnumSets.one(PartnerInvite.Choice.class, choiceName);
        if (choice == null) {
            throw InvalidInputException.of("choice", "error.invalid-choice");
        }
        boolean inviter = invite.inviter.id.equals(personId);
        PartnerInvite.Choice mine = inviter ? invite.inviterChoice : invite.inviteeChoice;
        if (invite.status != PartnerInvite.Status.JOINED || mine != null) {
            throw InvalidInputException.of(ALREADY_ANSWERED, "error.partner-already-answered");
        }
        if (choice.format() != null && !invite.course.offers(choice.format())) {
            throw InvalidInputException.of("choice", "error.format-not-offered");
        }
        if (inviter) {
            invite.inviterChoice = choice;
        } else {
            invite.inviteeChoice = choice;
        }
        PartnerInvite.Choice theirs = inviter ? invite.inviteeChoice : invite.inviterChoice;
        if (choice == PartnerInvite.Choice.DECLINE) {
            invite.status = PartnerInvite.Status.DECLINED;
            return ChoiceOutcome.DECLINED;
        }
        if (theirs == null) {
            return ChoiceOutcome.WAITING;
        }
        if (theirs != choice) {
            // Neither answer can win over the other: both choose again, and the one who answered first is told.
            invite.inviterChoice = null;
            invite.inviteeChoice = null;
            Person me = inviter ? invite.inviter : invite.invitee;
            Person other = inviter ? invite.invitee : invite.inviter;
            notifications.notify(other, NotificationKind.PARTNER_CHOICES_DIFFERED, me, "/courses/" + courseId, invite.course.title,
                    me.firstName());
            return ChoiceOutcome.DIFFERED;
        }
        // Both consented: they study together now, without waiting for a matching run.
        invite.status = PartnerInvite.Status.AGREED;
        groups.formPartners(invite.course, List.of(invite.inviter, invite.invitee), choice.format());
        return ChoiceOutcome.AGREED;
    }

    public List<PartnerView> partnersOf(long courseId, long personId) {
        return PartnerInvite.involving(courseId, personId).stream().map(invite -> {
            boolean inviter = invite.inviter.id.equals(personId);
            Person other = inviter ? invite.invitee : invite.inviter;
            return new PartnerView(invite.id, config.baseUrl() + "/partner/" + invite.code, invite.relationKind, invite.status,
                    other == null ? null : other.firstName(), inviter,
                    inviter ? invite.inviterChoice : invite.inviteeChoice, inviter ? invite.inviteeChoice : invite.inviterChoice,
                    invite.course.formatSet());
        }).toList();
    }
}
