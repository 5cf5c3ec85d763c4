package org.entraide.group;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Format;
import org.entraide.web.FormErrors;
import org.entraide.web.Paged;
import org.entraide.web.Texts;

/**
 * What the course team sees of a course's groups: size against the minimum, dates, departures and reports.
 * Only membership metadata is read, never what members write to each other. Every method checks that the
 * caller is on the course team; each page costs a fixed number of queries whatever the number of groups.
 */
@ApplicationScoped
public class GroupHealthService {

    public static final int PAGE_SIZE = 50;

    private final CourseService courses;
    private final GroupService groups;
    private final NotificationService notifications;

    GroupHealthService(CourseService courses, GroupService groups, NotificationService notifications) {
        this.courses = courses;
        this.groups = groups;
        this.notifications = notifications;
    }

    /** A member who left, was removed by the course team, or whose group ended, as the course team sees it. */
    public record Departure(String firstName, Instant leftAt, String reason, boolean groupEnded, boolean removedByTeam) {
    }

    /** A current member as the course team sees them on the health page. */
    public record Member(long personId, String firstName) {
    }

    /** Questions asked in a group that no reply answers yet (by count and age: nothing of what was written). */
    public record OpenQuestions(long count, Instant oldest) {
        static final OpenQuestions NONE = new OpenQuestions(0, null);

        /** Whole days the oldest open question has waited. */
        public long oldestDays() {
            return oldest == null ? 0 : Duration.between(oldest, Instant.now()).toDays();
        }
    }

    /** One group's health: its current members against its minimum, its dates, who left and its open questions. */
    public record GroupHealth(LearningGroup group, List<Member> members, int minimum, List<Departure> departures,
            OpenQuestions openQuestions) {

        public int memberCount() {
            return members.size();
        }

        public boolean belowMinimum() {
            return group.status != LearningGroup.Status.DISSOLVED && members.size() < minimum;
        }

        /** The facilitator's first name, or null: a group nobody keeps going is one to watch. */
        public String facilitatorName() {
            return members.stream().filter(m -> group.facilitatedBy(m.personId())).map(Member::firstName).findFirst().orElse(null);
        }
    }

    /** What the course team confirms before taking a member out of a group. */
    public record Removal(Course course, LearningGroup group, Member member) {
    }

    /**
     * One page of groups (newest first), with the number of groups per status for the whole course; {@code quietOnly}:
     * only the groups quiet for {@link #QUIET_AFTER} or more, of which there are {@code quietCount}.
     */
    public record HealthPage(Course course, List<GroupHealth> groups, Map<LearningGroup.Status, Long> counts, int page, int pages,
            boolean quietOnly, long quietCount) implements Paged {

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A group with its current and past memberships, persons loaded: what exports and the API are built from. */
    public record GroupMembers(LearningGroup group, List<GroupMember> current, List<GroupMember> all) {
    }

    /** A group with no activity (message, session, task, check-in, note, member change) for this long is one to look at. */
    public static final Duration QUIET_AFTER = Duration.ofDays(14);

    public HealthPage page(long courseId, long personId, int requestedPage, boolean quietOnly) {
        Course course = courses.requireTeam(courseId, personId);
        Map<LearningGroup.Status, Long> counts = new EnumMap<>(LearningGroup.Status.class);
        for (LearningGroup.Status status : LearningGroup.Status.values()) {
            counts.put(status, 0L);
        }
        for (Object[] row : LearningGroup.getEntityManager().createQuery(
                "select g.status, count(g) from LearningGroup g where g.course.id = ?1 group by g.status", Object[].class)
                .setParameter(1, courseId).getResultList()) {
            counts.put((LearningGroup.Status) row[0], (Long) row[1]);
        }
        String quiet = "course.id = ?1 and status <> ?2 and lastActivityAt < ?3";
        Object[] quietParameters = {courseId, LearningGroup.Status.DISSOLVED, Instant.now().minus(QUIET_AFTER)};
        long quietCount = LearningGroup.count(quiet, quietParameters);
        long total = quietOnly ? quietCount : counts.values().stream().mapToLong(Long::longValue).sum();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(Math.max(1, requestedPage), pages);
        List<LearningGroup> groups = (quietOnly ? LearningGroup.find(quiet + " order by lastActivityAt, id", quietParameters)
                : LearningGroup.find("course.id = ?1 order by createdAt desc, id desc", courseId)).page(page - 1, PAGE_SIZE).list();
        Map<Long, OpenQuestions> questions = openQuestions(groups);
        List<GroupHealth> rows = new ArrayList<>();
        for (GroupMembers members : withMembers(groups)) {
            LearningGroup group = members.group();
            List<Member> current = members.current().stream().map(m -> new Member(m.person.id, m.person.firstName())).toList();
            List<Departure> departures = members.all().stream().filter(m -> m.leftAt != null)
                    .map(m -> new Departure(m.person.firstName(), m.leftAt, m.leftReason,
                            !m.removedByTeam && m.leftReason == null && m.leftAt.equals(group.dissolvedAt), m.removedByTeam))
                    .toList();
            rows.add(new GroupHealth(group, current, minimumSize(group, course), departures,
                    questions.getOrDefault(group.id, OpenQuestions.NONE)));
        }
        return new HealthPage(course, rows, counts, page, pages, quietOnly, quietCount);
    }

    /**
     * The groups' open questions in one query. By entity name, since workspace builds on this package: the course
     * team learns how many questions wait and since when, never what they say.
     */
    private static Map<Long, OpenQuestions> openQuestions(List<LearningGroup> groups) {
        Map<Long, OpenQuestions> open = new HashMap<>();
        if (groups.isEmpty()) {
            return open;
        }
        for (Object[] row : LearningGroup.getEntityManager().createQuery("""
                select p.group.id, count(p), min(p.createdAt) from GroupPost p
                where p.group.id in ?1 and p.replyTo is null and p.question = true and p.answer is null and p.deletedAt is null
                group by p.group.id""", Object[].class).setParameter(1, groups.stream().map(g -> g.id).toList()).getResultList()) {
            open.put((Long) row[0], new OpenQuestions((Long) row[1], (Instant) row[2]));
        }
        return open;
    }

    /** Every group of the course with its members (two queries), oldest first: for exports and the API. */
    public List<GroupMembers> allGroups(long courseId, long personId) {
        courses.requireTeam(courseId, personId);
        return withMembers(LearningGroup.list("course.id = ?1 order by createdAt, id", courseId));
    }

    /** The learner's current group in the course (the most recently joined, or the one of the given format). */
    public GroupMembers currentGroupOf(long courseId, long personId, long learnerId, Format format) {
        courses.requireTeam(courseId, personId);
        List<LearningGroup> groups = GroupMember.activeOf(courseId, learnerId).stream().map(m -> m.group)
                .filter(g -> format == null || g.format == format).toList();
        if (groups.isEmpty()) {
            throw new NotFoundException();
        }
        return withMembers(List.of(groups.get(0))).get(0);
    }

    /** The member the course team is about to remove; a group of another course, or someone not in it, is a 404. */
    public Removal removal(long courseId, long personId, long groupId, long memberId) {
        Course course = courses.requireTeam(courseId, personId);
        LearningGroup group = groupOfCourse(courseId, groupId);
        GroupMember member = GroupMember.currentMembership(groupId, memberId).orElseThrow(NotFoundException::new);
        return new Removal(course, group, new Member(memberId, member.person.firstName()));
    }

    /**
     * Takes the member (a person id, as the confirmation form sends it) out of the group, for the course team (see
     * {@link GroupService#removeByTeam}). Rights are checked before the form, so strangers learn nothing from it.
     */
    @Transactional
    public void remove(long courseId, long personId, long groupId, String memberId) {
        courses.requireTeam(courseId, personId);
        LearningGroup group = groupOfCourse(courseId, groupId);
        long member;
        try {
            member = Long.parseLong(memberId == null ? "" : memberId.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException();
        }
        groups.removeByTeam(group, member);
    }

    /** The page where the course team writes to one group: the group, who is in it and what the team wrote before. */
    public record TeamMessagePage(Course course, LearningGroup group, List<Member> members, List<TeamMessage> earlier) {
    }

    static final int TEAM_MESSAGES_SHOWN = 20;

    public TeamMessagePage teamMessagePage(long courseId, long personId, long groupId) {
        Course course = courses.requireTeam(courseId, personId);
        LearningGroup group = groupOfCourse(courseId, groupId);
        List<Member> members = GroupMember.current(groupId).stream().map(m -> new Member(m.person.id, m.person.firstName())).toList();
        return new TeamMessagePage(course, group, members, TeamMessage.latest(groupId, TEAM_MESSAGES_SHOWN));
    }

    /**
     * A course-team member writes to a group: an intervention the members read on their page and are notified of.
     * A group nobody is in any more has no one to read it.
     */
    @Transactional
    public void writeToGroup(long courseId, long personId, long groupId, String body) {
        Course course = courses.requireTeam(courseId, personId);
        LearningGroup group = groupOfCourse(courseId, groupId);
        FormErrors errors = new FormErrors();
        String text = Texts.check(errors, "body", body, true, TeamMessage.BODY_MAX);
        List<GroupMember> members = GroupMember.current(groupId);
        if (members.isEmpty()) {
            errors.add("body", "error.group-empty");
        }
        errors.throwIfAny();
        TeamMessage message = new TeamMessage();
        message.group = group;
        message.author = Person.findById(personId);
        message.body = text;
        message.createdAt = Instant.now();
        message.persist();
        for (GroupMember member : members) {
            if (member.person.id != personId) {
                // quoted in the e-mail: a quiet group's members may not open Entraide to read it
                notifications.notifyQuoting(member.person, NotificationKind.TEAM_MESSAGE, message.author, "/groups/" + groupId + "#team",
                        text, course.title, message.author.firstName());
            }
        }
    }

    /** A message the person wrote to a group as a course-team member, as "Download my data" lists it. */
    public record TeamMessageData(long groupId, String body, Instant createdAt) {
    }

    void exportTeamMessages(@Observes AccountExport export) {
        export.add("teamMessages", TeamMessage.<TeamMessage>list("author.id = ?1 order by createdAt, id", export.personId()).stream()
                .map(m -> new TeamMessageData(m.group.id, m.body, m.createdAt)).toList());
    }

    private static LearningGroup groupOfCourse(long courseId, long groupId) {
        LearningGroup group = LearningGroup.findById(groupId);
        if (group == null || !group.course.id.equals(courseId)) {
            throw new NotFoundException();
        }
        return group;
    }

    /** Reports about members of the course's groups, unhandled first, then newest first. */
    public List<MemberReport> reports(long courseId, long personId) {
        courses.requireTeam(courseId, personId);
        return MemberReport.list("select r from MemberReport r left join fetch r.reporter left join fetch r.reported join fetch r.group g "
                + "where g.course.id = ?1 order by case when r.handledAt is null then 0 else 1 end, r.createdAt desc, r.id desc", courseId);
    }

    /** Marks a report as dealt with; a report of another course is a 404. */
    @Transactional
    public void markHandled(long courseId, long personId, long reportId) {
        courses.requireTeam(courseId, personId);
        MemberReport report = MemberReport.findById(reportId);
        if (report == null || !report.group.course.id.equals(courseId)) {
            throw new NotFoundException();
        }
        if (report.handledAt == null) {
            report.handledAt = Instant.now();
        }
    }

    /** Loads the memberships of the given groups with their persons in one query, keeping the groups' order. */
    static List<GroupMembers> withMembers(List<LearningGroup> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<Long, List<GroupMember>> byGroup = new LinkedHashMap<>();
        groups.forEach(g -> byGroup.put(g.id, new ArrayList<>()));
        List<Long> ids = List.copyOf(byGroup.keySet());
        // chunks keep the IN list within what every database accepts
        for (int from = 0; from < ids.size(); from += 1000) {
            List<GroupMember> members = GroupMember.list("select m from GroupMember m join fetch m.person where m.group.id in ?1 "
                    + "order by m.joinedAt, m.person.displayName, m.id", ids.subList(from, Math.min(ids.size(), from + 1000)));
            members.forEach(m -> byGroup.get(m.group.id).add(m));
        }
        List<GroupMembers> result = new ArrayList<>();
        for (LearningGroup group : groups) {
            List<GroupMember> all = byGroup.get(group.id);
            result.add(new GroupMembers(group, all.stream().filter(m -> m.leftAt == null).toList(), all));
        }
        return result;
    }

    /** Tandems need two; study groups the course's smallest size (read from the course already loaded). */
    private static int minimumSize(LearningGroup group, Course course) {
        return group.format == Format.TANDEM ? 2 : course.groupMin;
    }

    /** The name Entraide gives a group outside the app, e.g. {@code tandem-12} or {@code study-group-40}. */
    public static String teamName(LearningGroup group) {
        return slug(group.format) + "-" + group.id;
    }

    /** {@code STUDY_GROUP} → {@code study-group}. */
    public static String slug(Format format) {
        return format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
