package org.entraide.group;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.availability.OverlapGrid;
import org.entraide.availability.Slots;
import org.entraide.availability.WeekMask;
import org.entraide.availability.WeeklyAvailability;
import org.entraide.course.Course;
import org.entraide.matching.MatchExclusion;
import org.entraide.matching.Proposal;
import org.entraide.matching.ProposalMember;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.profile.Languages;
import org.entraide.web.Dates;
import org.entraide.web.I18n;
import org.entraide.web.InvalidInputException;
import org.entraide.web.RowLocks;
import org.entraide.web.Texts;

/** Groups formed from accepted proposals: their page, leaving, reporting, and refilling or dissolving small groups. */
@ApplicationScoped
public class GroupService {

    public static final int REASON_MAX = 1000;

    private final NotificationService notifications;

    GroupService(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** One member as the others see them, once everyone accepted (contacts included). */
    public record MemberView(long personId, String firstName, String displayName, String email, String city, List<String> languages,
            String introduction, String zone, String localTime, boolean me) {
    }

    /**
     * The group as one member sees it; {@code commonLocal}: the hours everyone is free, in the viewer's local week;
     * {@code overlap}: how many members are free at each hour of that week.
     */
    public record GroupView(LearningGroup group, List<MemberView> members, WeekMask commonLocal, String commonTimes, OverlapGrid overlap,
            String viewerZone, boolean belowMinimum, Facilitation facilitation, List<TeamNote> teamMessages) {
    }

    /** A message from the course team as the members read it: who (or "a former member"), when in the viewer's zone, what. */
    public record TeamNote(String author, Instant createdAt, String when, String body) {
    }

    /** Messages from the course team shown on the group page, newest first. */
    static final int TEAM_MESSAGES_SHOWN = 3;

    /** Who facilitates the group ({@code firstName} null: nobody), since when (a date in the viewer's words), and whether it is the viewer. */
    public record Facilitation(String firstName, String since, boolean mine) {
        public boolean anyone() {
            return firstName != null;
        }
    }

    /** Creates the group of an accepted proposal, or seats the joiners in the existing group it completes. */
    @Transactional
    public LearningGroup formFrom(Proposal proposal, List<ProposalMember> members) {
        Instant now = Instant.now();
        LearningGroup group = proposal.targetGroup;
        boolean refill = group != null;
        if (refill && group.status == LearningGroup.Status.DISSOLVED) {
            // dissolving withdraws the proposals that would refill a group; this only guards against a missed one
            throw InvalidInputException.of("proposal", "error.proposal-closed");
        }
        if (!refill) {
            group = new LearningGroup();
            group.course = proposal.course;
            group.format = proposal.format;
            group.modality = proposal.modality;
            group.createdAt = now;
        }
        List<Long> current = refill ? GroupMember.current(group.id).stream().map(m -> m.person.id).toList() : List.of();
        List<ProposalMember> joining = members.stream().filter(m -> m.response != ProposalMember.Response.MEMBER).toList();
        // a member may have left since the refill was proposed: then the joiners may not be enough yet
        group.status = current.size() + joining.size() >= group.minimumSize() ? LearningGroup.Status.ACTIVE : LearningGroup.Status.REFILLING;
        group.lastActivityAt = now;
        if (!refill) {
            group.persist();
        }
        String link = "/groups/" + group.id;
        for (ProposalMember member : members) {
            if (member.response == ProposalMember.Response.MEMBER) {
                if (current.contains(member.person.id)) { // not those who left since the proposal was made
                    // one notice per newcomer, who is its actor: should a newcomer delete the account, the name goes
                    for (ProposalMember joiner : joining) {
                        notifications.notify(member.person, NotificationKind.GROUP_REFILLED, joiner.person, link, proposal.course.title,
                                joiner.person.firstName());
                    }
                }
                continue;
            }
            GroupMember membership = new GroupMember();
            membership.group = group;
            membership.person = member.person;
            membership.joinedAt = now;
            membership.persist();
            Enrolment.find(proposal.course.id, member.person.id).ifPresent(e -> e.status = Enrolment.Status.MATCHED);
            notifications.notify(member.person, NotificationKind.GROUP_FORMED, link, proposal.course.title);
        }
        return group;
    }

    /**
     * Two people who came together (bring a partner) and both chose how to study: a tandem at once, or the start of a
     * study group that rolling matching completes with late joiners.
     */
    @Transactional
    public LearningGroup formPartners(Course course, List<Person> people, Format format) {
        Instant now = Instant.now();
        LearningGroup group = new LearningGroup();
        group.course = course;
        group.format = format;
        group.status = people.size() >= (format == Format.TANDEM ? 2 : course.groupMin)
                ? LearningGroup.Status.ACTIVE : LearningGroup.Status.REFILLING;
        group.createdAt = now;
        group.lastActivityAt = now;
        group.persist();
        // their proposals with other people cannot form any more: both are in a group now
        Set<Long> ids = people.stream().map(p -> p.id).collect(Collectors.toSet());
        withdraw(Proposal.list("select distinct m.proposal from ProposalMember m where m.proposal.course = ?1 and m.person.id in ?2"
                + " and (m.proposal.status = ?3 or m.proposal.status = ?4)", course, ids, Proposal.Status.PENDING, Proposal.Status.DRAFT),
                ids, now);
        for (Person person : people) {
            GroupMember membership = new GroupMember();
            membership.group = group;
            membership.person = person;
            membership.joinedAt = now;
            membership.persist();
            Enrolment.find(course.id, person.id).ifPresent(e -> e.status = Enrolment.Status.MATCHED);
            notifications.notify(person, NotificationKind.GROUP_FORMED, "/groups/" + group.id, course.title);
        }
        return group;
    }

    /** The group if the person is a current member; 404 for everyone else (course teams included: it is private). */
    public LearningGroup requireMember(long groupId, long personId) {
        LearningGroup group = LearningGroup.findById(groupId);
        if (group == null || GroupMember.currentMembership(groupId, personId).isEmpty()) {
            throw new NotFoundException();
        }
        return group;
    }

    public GroupView view(long groupId, long personId, Locale locale) {
        LearningGroup group = requireMember(groupId, personId);
        ZoneId viewerZone = Enrolment.zoneOf(group.course.id, personId);
        LocalDate week = LocalDate.now(ZoneOffset.UTC);
        WeekMask common = WeekMask.FULL;
        List<WeekMask> localWeeks = new ArrayList<>();
        List<MemberView> views = new ArrayList<>();
        DateTimeFormatter clock = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        for (GroupMember member : group.currentMembers()) {
            Optional<Enrolment> enrolment = Enrolment.find(group.course.id, member.person.id);
            ZoneId zone = enrolment.map(Enrolment::zone).orElse(ZoneOffset.UTC);
            if (enrolment.isPresent()) {
                WeekMask utc = new WeeklyAvailability(zone, enrolment.get().week()).toUtc(week);
                common = common.and(utc);
                localWeeks.add(WeeklyAvailability.toLocal(utc, viewerZone, week));
            }
            Person person = member.person;
            views.add(new MemberView(person.id, person.firstName(), person.displayName, person.email,
                    enrolment.map(e -> e.placeLabel(locale)).orElse(""),
                    enrolment.map(e -> e.languageSet().stream().map(code -> Languages.name(code, locale)).toList()).orElse(List.of()),
                    enrolment.map(e -> e.introduction).orElse(null), zone.getId(), ZonedDateTime.now(zone).format(clock),
                    person.id == personId));
        }
        WeekMask commonLocal = WeeklyAvailability.toLocal(common, viewerZone, week);
        Facilitation facilitation = group.facilitator == null ? new Facilitation(null, null, false)
                : new Facilitation(group.facilitator.firstName(), Dates.date(FormatStyle.LONG, locale)
                        .format(group.facilitatorSince.atZone(viewerZone)), group.facilitatedBy(personId));
        DateTimeFormatter when = Dates.dateTime(FormatStyle.MEDIUM, FormatStyle.SHORT, locale)
                .withZone(viewerZone);
        List<TeamNote> teamMessages = TeamMessage.latest(groupId, TEAM_MESSAGES_SHOWN).stream()
                .map(m -> new TeamNote(m.author == null ? I18n.message(locale, "post.former-member") : m.author.firstName(), m.createdAt,
                        when.format(m.createdAt), m.body)).toList();
        return new GroupView(group, views, commonLocal, Slots.summary(commonLocal, locale), OverlapGrid.of(localWeeks, locale), viewerZone.getId(),
                views.size() < group.minimumSize(), facilitation, teamMessages);
    }

    /** A group the person was in, as "Download my data" lists it. */
    public record MembershipData(long groupId, long courseId, String course, Format format, LearningGroup.Status groupStatus,
            Instant joinedAt, Instant leftAt, String leftReason, boolean removedByCourseTeam, boolean facilitator) {
    }

    /**
     * A report the person sent about a member (reports about the person are not listed: they would name who sent them);
     * no first name once that member has deleted the account.
     */
    public record ReportData(long groupId, String reportedFirstName, String reason, Instant createdAt, Instant handledAt) {
    }

    void exportGroups(@Observes AccountExport export) {
        export.add("groups", GroupMember.<GroupMember>list("person.id = ?1 order by joinedAt", export.personId()).stream()
                .map(m -> new MembershipData(m.group.id, m.group.course.id, m.group.course.title, m.group.format, m.group.status,
                        m.joinedAt, m.leftAt, m.leftReason, m.removedByTeam, m.group.facilitatedBy(export.personId())))
                .toList());
        export.add("reportsSent", MemberReport.<MemberReport>list("reporter.id = ?1 order by createdAt", export.personId()).stream()
                .map(r -> new ReportData(r.group.id, r.reported == null ? null : r.reported.firstName(), r.reason, r.createdAt, r.handledAt)).toList());
    }

    /** Leaves the group: the others are told, the leaver is not matched with them again, a small group is refilled or dissolved. */
    @Transactional
    public void leave(long groupId, long personId, String reason) {
        LearningGroup group = requireMember(groupId, personId);
        String trimmed = checkReason("leaveReason", reason, false);
        depart(group, GroupMember.currentMembership(groupId, personId).orElseThrow(), trimmed);
    }

    /**
     * The course team takes a current member out of the group (after a report, say). For the others it is as if the
     * member had left; the member is told that the course team did it. The caller has checked that it is the team.
     */
    @Transactional
    public void removeByTeam(LearningGroup group, long personId) {
        GroupMember membership = GroupMember.currentMembership(group.id, personId).orElseThrow(NotFoundException::new);
        membership.removedByTeam = true;
        depart(group, membership, null);
        notifications.notify(membership.person, NotificationKind.MEMBER_REMOVED, "/courses/" + group.course.id, group.course.title);
    }

    private void depart(LearningGroup group, GroupMember membership, String reason) {
        long groupId = group.id;
        long personId = membership.person.id;
        membership.leftAt = Instant.now();
        membership.leftReason = reason;
        group.releaseFacilitator(personId);
        long courseId = group.course.id;
        Enrolment.find(courseId, personId).ifPresent(e -> e.status = Enrolment.Status.PAUSED);
        List<GroupMember> remaining = GroupMember.current(groupId);
        for (GroupMember other : remaining) {
            MatchExclusion.add(courseId, personId, other.person.id, MatchExclusion.Reason.LEFT);
        }
        group.lastActivityAt = Instant.now();
        if (remaining.size() >= group.minimumSize()) {
            remaining.forEach(m -> notifications.notify(m.person, NotificationKind.MEMBER_LEFT, membership.person, "/groups/" + groupId,
                    group.course.title, membership.person.firstName()));
        } else if (group.format == Format.TANDEM || remaining.size() < 2) {
            dissolve(group, remaining);
        } else {
            group.status = LearningGroup.Status.REFILLING;
            remaining.forEach(m -> notifications.notify(m.person, NotificationKind.MEMBER_LEFT, membership.person, "/groups/" + groupId,
                    group.course.title, membership.person.firstName()));
        }
    }

    /**
     * Makes a member the group's facilitator: oneself at any time (the role is informal; whoever had it is told), or,
     * for the facilitator only, another member, who is told it was passed to them. {@code member}: a person id from
     * the page's hidden field or list, so anything else is a plain 400.
     */
    @Transactional
    public void facilitate(long groupId, long personId, String member) {
        LearningGroup group = requireMember(groupId, personId);
        Person chosen = GroupMember.current(groupId).stream().map(m -> m.person)
                .filter(p -> member != null && Long.toString(p.id).equals(member.strip())).findFirst()
                .orElseThrow(() -> InvalidInputException.of("facilitator", "error.invalid-choice"));
        if (group.facilitatedBy(chosen.id)) {
            return;
        }
        Person previous = group.facilitator;
        if (chosen.id != personId && (previous == null || previous.id != personId)) {
            throw InvalidInputException.of("facilitator", "error.facilitator-pass");
        }
        group.facilitator = chosen;
        group.facilitatorSince = Instant.now();
        String link = "/groups/" + groupId + "#facilitator";
        if (chosen.id != personId) {
            notifications.notify(chosen, NotificationKind.FACILITATOR_PASSED, previous, link, group.course.title, previous.firstName());
        } else if (previous != null) {
            notifications.notify(previous, NotificationKind.FACILITATOR_TAKEN, chosen, link, group.course.title, chosen.firstName());
        }
    }

    /** The facilitator puts the role down; for anyone else there is nothing to do. */
    @Transactional
    public void stopFacilitating(long groupId, long personId) {
        requireMember(groupId, personId).releaseFacilitator(personId);
    }

    /** Reports a member to the course team; the two are not matched together again. */
    @Transactional
    public void report(long groupId, long personId, long reportedId, String reason) {
        LearningGroup group = requireMember(groupId, personId);
        GroupMember reported = GroupMember.currentMembership(groupId, reportedId).orElseThrow(
                () -> InvalidInputException.of("reported", "error.invalid-choice"));
        if (reportedId == personId) {
            throw InvalidInputException.of("reported", "error.invalid-choice");
        }
        MemberReport report = new MemberReport();
        report.group = group;
        report.reporter = Person.findById(personId);
        report.reported = reported.person;
        report.reason = checkReason("reason", reason, true);
        report.createdAt = Instant.now();
        report.persist();
        MatchExclusion.add(group.course.id, personId, reportedId, MatchExclusion.Reason.REPORTED);
    }

    /** Groups still below their minimum after the course's maximum wait are dissolved with notice. */
    @Transactional
    public int dissolveStaleRefills(long courseId, Duration maxWait) {
        int dissolved = 0;
        Instant limit = Instant.now().minus(maxWait);
        // not while newcomers are being asked to join
        for (LearningGroup group : LearningGroup.<LearningGroup>list("from LearningGroup g where g.course.id = ?1 and g.status = ?2"
                + " and g.lastActivityAt < ?3 and not exists (select p.id from Proposal p where p.targetGroup = g and p.status = ?4)",
                courseId, LearningGroup.Status.REFILLING, limit, Proposal.Status.PENDING)) {
            dissolve(group, GroupMember.current(group.id));
            dissolved++;
        }
        return dissolved;
    }

    private void dissolve(LearningGroup group, List<GroupMember> remaining) {
        group.status = LearningGroup.Status.DISSOLVED;
        group.dissolvedAt = Instant.now();
        // the newcomers asked to join it go back to the queue (they waited in it meanwhile, so they keep their place)
        withdraw(Proposal.list("targetGroup = ?1 and (status = ?2 or status = ?3)", group, Proposal.Status.PENDING, Proposal.Status.DRAFT),
                Set.of(), group.dissolvedAt);
        for (GroupMember member : remaining) {
            member.leftAt = group.dissolvedAt;
            // back to the pool, keeping their original place in the queue
            Enrolment.find(group.course.id, member.person.id).ifPresent(e -> e.status = Enrolment.Status.WAITING);
            notifications.notify(member.person, NotificationKind.GROUP_DISSOLVED, "/courses/" + group.course.id, group.course.title);
        }
    }

    /**
     * Withdraws proposals that can no longer form (still draft or waiting for answers, checked under their lock): those
     * they were sent to are told and go back to the queue, where they kept their place; the current members of a group
     * being refilled, and the people {@code alreadyKnow}, are not told.
     */
    private void withdraw(List<Proposal> proposals, Set<Long> alreadyKnow, Instant now) {
        for (Proposal proposal : proposals) {
            Proposal.Status status = RowLocks.lockAndReload(proposal).status;
            if (status != Proposal.Status.PENDING && status != Proposal.Status.DRAFT) {
                continue; // accepted or closed meanwhile
            }
            if (status == Proposal.Status.PENDING) {
                proposal.members().stream().filter(m -> m.response != ProposalMember.Response.MEMBER && !alreadyKnow.contains(m.person.id))
                        .forEach(m -> notifications.notify(m.person, NotificationKind.PROPOSAL_WITHDRAWN,
                                "/courses/" + proposal.course.id + "/matches", proposal.course.title));
            }
            proposal.status = Proposal.Status.WITHDRAWN;
            proposal.decidedAt = now;
        }
    }

    /** The optional (leave) or required (report) text of the form field {@code field}. */
    private static String checkReason(String field, String reason, boolean required) {
        String trimmed = Texts.trimToNull(reason);
        if (trimmed == null) {
            if (required) {
                throw InvalidInputException.of(field, "error.required");
            }
            return null;
        }
        if (trimmed.length() > REASON_MAX) {
            throw InvalidInputException.of(field, "error.too-long");
        }
        if (Texts.hasControlCharacters(trimmed)) {
            throw InvalidInputException.of(field, "error.control-characters");
        }
        return trimmed;
    }
}
