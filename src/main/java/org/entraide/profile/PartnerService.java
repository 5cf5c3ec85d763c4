package org.entraide.profile;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.group.GroupService;
import org.entraide.web.EntraideConfig;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Queries;

/** "Bring a partner": personal invite links and the pre-formed tandems or groups they lead to. */
@ApplicationScoped
public class PartnerService {

    /** How one invite looks from one side. */
    public record PartnerView(long inviteId, String link, RelationKind relationKind, PartnerInvite.Status status,
            String otherFirstName, boolean inviter, PartnerInvite.Choice myChoice, PartnerInvite.Choice theirChoice) {

        public boolean open() {
            return status == PartnerInvite.Status.OPEN;
        }

        public boolean awaitingMe() {
            return status == PartnerInvite.Status.JOINED && myChoice == null;
        }
    }

    private final EntraideConfig config;

    private final GroupService groups;

    PartnerService(EntraideConfig config, GroupService groups) {
        this.config = config;
        this.groups = groups;
    }

    @Transactional
    public PartnerInvite create(long courseId, long personId, String relation) {
        Enrolment enrolment = Enrolment.find(courseId, personId).orElseThrow(NotFoundException::new);
        RelationKind kind = EnumSets.one(RelationKind.class, relation);
        if (kind == null) {
            throw InvalidInputException.of("relationKind", "error.invalid-choice");
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
        if (invite.inviter.id.equals(personId)) {
            throw InvalidInputException.of("code", "error.own-invite");
        }
        Course course = invite.course;
        boolean alreadyIn = Enrolment.find(course.id, personId).isPresent();
        if (!alreadyIn && !course.signupOpen) {
            throw InvalidInputException.of("course", "error.signup-closed");
        }
        Enrolment enrolment = enrolments.enrol(course, Person.findById(personId));
        invite.invitee = enrolment.person;
        invite.status = PartnerInvite.Status.JOINED;
        invite.acceptedAt = Instant.now();
        return enrolment;
    }

    /** Records one side's answer; when both chose the same way they become pre-formed partners. */
    @Transactional
    public void choose(long courseId, long inviteId, long personId, String choiceName) {
        PartnerInvite invite = PartnerInvite.findById(inviteId);
        if (invite == null || !invite.course.id.equals(courseId) || invite.invitee == null
                || !(invite.inviter.id.equals(personId) || invite.invitee.id.equals(personId))) {
            throw new NotFoundException();
        }
        PartnerInvite.Choice choice = EnumSets.one(PartnerInvite.Choice.class, choiceName);
        if (choice == null) {
            throw InvalidInputException.of("choice", "error.invalid-choice");
        }
        if (invite.inviter.id.equals(personId)) {
            invite.inviterChoice = choice;
        } else {
            invite.inviteeChoice = choice;
        }
        if (choice == PartnerInvite.Choice.DECLINE) {
            invite.status = PartnerInvite.Status.DECLINED;
        } else if (invite.inviterChoice != null && invite.inviterChoice == invite.inviteeChoice) {
            // Both consented: they study together now, without waiting for a matching run.
            invite.status = PartnerInvite.Status.AGREED;
            groups.formPartners(invite.course, List.of(invite.inviter, invite.invitee),
                    choice == PartnerInvite.Choice.TANDEM ? Format.TANDEM : Format.STUDY_GROUP);
        } else {
            invite.status = PartnerInvite.Status.JOINED;
        }
    }

    public List<PartnerView> partnersOf(long courseId, long personId) {
        return PartnerInvite.involving(courseId, personId).stream().map(invite -> {
            boolean inviter = invite.inviter.id.equals(personId);
            Person other = inviter ? invite.invitee : invite.inviter;
            return new PartnerView(invite.id, config.baseUrl() + "/partner/" + invite.code, invite.relationKind, invite.status,
                    other == null ? null : other.firstName(), inviter,
                    inviter ? invite.inviterChoice : invite.inviteeChoice, inviter ? invite.inviteeChoice : invite.inviterChoice);
        }).toList();
    }
}
