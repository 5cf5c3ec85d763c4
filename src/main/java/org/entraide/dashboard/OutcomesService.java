package org.entraide.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.dashboard.OutcomeFigures.GroupSpan;
import org.entraide.dashboard.OutcomeFigures.WeekSurvival;
import org.entraide.group.LearningGroup;
import org.entraide.group.MemberReport;
import org.entraide.matching.Proposal;
import org.entraide.meetup.Meetup;
import org.entraide.meetup.MeetupRsvp;
import org.entraide.profile.CourseResult;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.profile.PartnersHelped;
import org.entraide.web.Queries;
import org.entraide.workspace.GroupCheckin;
import org.entraide.workspace.GroupPost;
import org.entraide.workspace.GroupTask;
import org.entraide.workspace.StudySession;

/**
 * How matching works out in a course, for its team: who got partners, how fast, how proposals were answered, how
 * long groups last, what they do in their workspaces and how meetups go. Counts only; nothing members write to each
 * other is read. A fixed number of queries per page.
 */
@ApplicationScoped
public class OutcomesService {

    /** How many weeks after forming the persistence curve follows groups when the course does not say its length. */
    static final int DEFAULT_WEEKS = 8;
    static final int MAX_WEEKS = 26;

    private final CourseService courses;

    OutcomesService(CourseService courses) {
        this.courses = courses;
    }

    /**
     * Learners still in the course, from joining to having been matched; {@code reminded}: those reminded to finish their
     * profile, of whom {@code finishedAfterReminder} have a complete one now.
     */
    public record Learners(long joined, long complete, long waiting, long paused, long matched, long reminded, long finishedAfterReminder) {

        /** Of the learners with a complete profile, the share matched at least once. */
        public double matchedShare() {
            return complete == 0 ? 0 : Math.min(1, (double) matched / complete);
        }
    }

    /** A wait written the way people say it: in hours (at least one) up to two days, then in days. */
    public record Wait(long hours) {

        public String messageKey() {
            return hours < 48 ? "outcomes.hours" : "outcomes.days";
        }

        public long amount() {
            return hours < 48 ? Math.max(1, hours) : Math.round(hours / 24.0);
        }
    }

    /** From joining the course to entering a first group, over the learners matched since they joined. */
    public record TimeToPartners(int learners, Wait median, Wait ninetieth) {

        /** Of fewer than ten learners the nearest-rank 90th percentile is the longest wait: "all", not "nine in ten". */
        public boolean ninetiethIsLongest() {
            return learners < 10;
        }
    }

    /** Proposals sent to learners (previews the team never published are not counted), by how they ended. */
    public record Answers(long accepted, long declined, long expired, long pending) {

        public long sent() {
            return accepted + declined + expired + pending;
        }

        /** Of the proposals answered (or left to expire), the share everyone accepted. */
        public double acceptedShare() {
            long decided = accepted + declined + expired;
            return decided == 0 ? 0 : (double) accepted / decided;
        }
    }

    public record Groups(Map<Format, Long> formed, Map<LearningGroup.Status, Long> byStatus, long openReports) {

        public long total() {
            return formed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * What groups did in their workspaces over the last {@value #ACTIVITY_DAYS} days, and how the week's check-ins went.
     * {@code sessionsHeld}: sessions that took place in that time (not cancelled); {@code sessionsAhead}: those planned
     * to come. Counted by date rather than by when they were planned, since a weekly series plans weeks at once.
     */
    public record Activity(long sessionsHeld, long sessionsAhead, long messages, long tasksDone, Map<GroupCheckin.Progress, Long> checkins) {
    }

    /** Meetups held and to come (cancelled ones aside); of the seats taken at those held, who came as recorded. */
    public record Meetups(long held, long upcoming, long came, long didNotCome, long notRecorded) {
    }

    /**
     * Answers to "How did the course go?" of learners who were in a tandem or group of the course, or of those who were
     * not: where they are with the course, and whether studying with others helped. Shown only from
     * {@value #MIN_ANSWERS_SHOWN} answers, so that nobody's answer can be told from the counts.
     */
    public record Results(long finished, long stillGoing, long stopped, Map<PartnersHelped, Long> helped) {

        public long answered() {
            return finished + stillGoing + stopped;
        }

        public boolean shown() {
            return answered() >= MIN_ANSWERS_SHOWN;
        }

        public double finishedShare() {
            return answered() == 0 ? 0 : (double) finished / answered();
        }
    }

    /** The end-of-course answers, apart for learners who studied in a tandem or group and for the others. */
    public record WrapUps(Results together, Results alone) {

        public long answered() {
            return together.answered() + alone.answered();
        }

        public int minimumShown() {
            return MIN_ANSWERS_SHOWN;
        }

        /** The table's rows: each with its label's message key. */
        public List<Map.Entry<String, Results>> rows() {
            return List.of(Map.entry("outcomes.wrapup-together", together), Map.entry("outcomes.wrapup-alone", alone));
        }
    }

    static final int MIN_ANSWERS_SHOWN = 5;

    /** The whole page; {@code timeToPartners} is null until someone is matched. */
    public record Outcomes(Course course, Learners learners, TimeToPartners timeToPartners, Answers answers, Groups groups,
            List<WeekSurvival> persistence, Activity activity, Meetups meetups, WrapUps wrapUps) {
    }

    static final int ACTIVITY_DAYS = 28;

    public Outcomes outcomes(long courseId, long personId, Instant now) {
        Course course = courses.requireTeam(courseId, personId);
        EntityManager em = Course.getEntityManager();
        List<Duration> waits = waitsForPartners(em, courseId);
        return new Outcomes(course, learners(em, courseId, waits.size()), timeToPartners(waits), answers(em, courseId), groups(em, courseId),
                OutcomeFigures.survival(groupSpans(em, courseId), now, weeksFollowed(course)), activity(em, courseId, now),
                meetups(em, courseId, now), wrapUps(em, courseId));
    }

    private static WrapUps wrapUps(EntityManager em, long courseId) {
        return new WrapUps(results(em, courseId, true), results(em, courseId, false));
    }

    /** The answers of learners who were (or were not) in a group of the course since they last joined it. */
    private static Results results(EntityManager em, long courseId, boolean together) {
        Map<CourseResult, Long> byResult = new EnumMap<>(CourseResult.class);
        Map<PartnersHelped, Long> helped = new EnumMap<>(PartnersHelped.class);
        for (PartnersHelped answer : PartnersHelped.values()) {
            helped.put(answer, 0L);
        }
        for (Object[] row : em.createQuery("select e.courseResult, e.partnersHelped, count(e) from Enrolment e where e.course.id = ?1"
                + " and e.wrapUpAnsweredAt is not null and " + (together ? "" : "not ") + "exists (select m.id from GroupMember m"
                + " where m.person = e.person and m.group.course = e.course and m.joinedAt >= e.joinedAt)"
                + " group by e.courseResult, e.partnersHelped", Object[].class).setParameter(1, courseId).getResultList()) {
            long count = (Long) row[2];
            byResult.merge((CourseResult) row[0], count, Long::sum);
            helped.merge((PartnersHelped) row[1], count, Long::sum);
        }
        return new Results(byResult.getOrDefault(CourseResult.FINISHED, 0L), byResult.getOrDefault(CourseResult.STILL_GOING, 0L),
                byResult.getOrDefault(CourseResult.STOPPED, 0L), helped);
    }

    private static Activity activity(EntityManager em, long courseId, Instant now) {
        Instant since = now.minus(Duration.ofDays(ACTIVITY_DAYS));
        Map<GroupCheckin.Progress, Long> checkins = new EnumMap<>(GroupCheckin.Progress.class);
        for (GroupCheckin.Progress progress : GroupCheckin.Progress.values()) {
            checkins.put(progress, 0L);
        }
        for (Object[] row : em.createQuery("select c.progress, count(c) from GroupCheckin c where c.group.course.id = ?1 and c.updatedAt >= ?2"
                + " group by c.progress", Object[].class).setParameter(1, courseId).setParameter(2, now.minus(Duration.ofDays(7)))
                .getResultList()) {
            checkins.put((GroupCheckin.Progress) row[0], (Long) row[1]);
        }
        return new Activity(
                Queries.count(StudySession.class, "group.course.id = ?1 and startsAt >= ?2 and startsAt < ?3 and cancelledAt is null",
                        courseId, since, now),
                Queries.count(StudySession.class, "group.course.id = ?1 and startsAt >= ?2 and cancelledAt is null", courseId, now),
                Queries.count(GroupPost.class, "group.course.id = ?1 and createdAt >= ?2", courseId, since),
                Queries.count(GroupTask.class, "group.course.id = ?1 and doneAt >= ?2", courseId, since), checkins);
    }

    private static Meetups meetups(EntityManager em, long courseId, Instant now) {
        long held = Queries.count(Meetup.class, "course.id = ?1 and cancelledAt is null and startsAt <= ?2", courseId, now);
        long upcoming = Queries.count(Meetup.class, "course.id = ?1 and cancelledAt is null and startsAt > ?2", courseId, now);
        long came = 0;
        long didNotCome = 0;
        long notRecorded = 0;
        for (Object[] row : em.createQuery("select r.attended, count(r) from MeetupRsvp r where r.meetup.course.id = ?1 and r.status = ?2"
                + " and r.meetup.cancelledAt is null and r.meetup.startsAt <= ?3 group by r.attended", Object[].class)
                .setParameter(1, courseId).setParameter(2, MeetupRsvp.Status.GOING).setParameter(3, now).getResultList()) {
            long count = (Long) row[1];
            if (row[0] == null) {
                notRecorded += count;
            } else if ((Boolean) row[0]) {
                came += count;
            } else {
                didNotCome += count;
            }
        }
        return new Meetups(held, upcoming, came, didNotCome, notRecorded);
    }

    private static Learners learners(EntityManager em, long courseId, long matched) {
        long joined = 0;
        long complete = 0;
        long waiting = 0;
        long paused = 0;
        long reminded = 0;
        long finishedAfterReminder = 0;
        // count(column) counts the rows where it is set: those reminded, in the same statement
        for (Object[] row : em.createQuery("select e.status, e.profileComplete, count(e), count(e.profileRemindedAt) from Enrolment e"
                + " where e.course.id = ?1 group by e.status, e.profileComplete", Object[].class).setParameter(1, courseId).getResultList()) {
            long count = (Long) row[2];
            boolean profileComplete = (Boolean) row[1];
            joined += count;
            complete += profileComplete ? count : 0;
            waiting += row[0] == Enrolment.Status.WAITING ? count : 0;
            paused += row[0] == Enrolment.Status.PAUSED ? count : 0;
            reminded += (Long) row[3];
            finishedAfterReminder += profileComplete ? (Long) row[3] : 0;
        }
        return new Learners(joined, complete, waiting, paused, matched, reminded, finishedAfterReminder);
    }

    /**
     * For each learner of the course matched since joining it, the time from joining to their first group. A learner
     * who left the course and joined again counts from the new start: earlier groups are not theirs any more.
     */
    private static List<Duration> waitsForPartners(EntityManager em, long courseId) {
        List<Duration> waits = new ArrayList<>();
        for (Object[] row : em.createQuery("select e.joinedAt, min(m.joinedAt) from Enrolment e join GroupMember m on m.person = e.person"
                + " where e.course.id = ?1 and m.group.course.id = ?1 and m.joinedAt >= e.joinedAt group by e.id, e.joinedAt", Object[].class)
                .setParameter(1, courseId).getResultList()) {
            waits.add(Duration.between((Instant) row[0], (Instant) row[1]));
        }
        waits.sort(null);
        return waits;
    }

    private static TimeToPartners timeToPartners(List<Duration> waits) {
        if (waits.isEmpty()) {
            return null;
        }
        return new TimeToPartners(waits.size(), new Wait(OutcomeFigures.percentile(waits, 0.5).toHours()),
                new Wait(OutcomeFigures.percentile(waits, 0.9).toHours()));
    }

    private static Answers answers(EntityManager em, long courseId) {
        Map<Proposal.Status, Long> byStatus = new EnumMap<>(Proposal.Status.class);
        for (Object[] row : em.createQuery("select p.status, count(p) from Proposal p where p.course.id = ?1 group by p.status", Object[].class)
                .setParameter(1, courseId).getResultList()) {
            byStatus.put((Proposal.Status) row[0], (Long) row[1]);
        }
        return new Answers(byStatus.getOrDefault(Proposal.Status.ACCEPTED, 0L), byStatus.getOrDefault(Proposal.Status.DECLINED, 0L),
                byStatus.getOrDefault(Proposal.Status.EXPIRED, 0L), byStatus.getOrDefault(Proposal.Status.PENDING, 0L));
    }

    private static Groups groups(EntityManager em, long courseId) {
        Map<Format, Long> formed = new EnumMap<>(Format.class);
        Map<LearningGroup.Status, Long> byStatus = new EnumMap<>(LearningGroup.Status.class);
        for (LearningGroup.Status status : LearningGroup.Status.values()) {
            byStatus.put(status, 0L);
        }
        for (Object[] row : em.createQuery("select g.format, g.status, count(g) from LearningGroup g where g.course.id = ?1"
                + " group by g.format, g.status", Object[].class).setParameter(1, courseId).getResultList()) {
            long count = (Long) row[2];
            formed.merge((Format) row[0], count, Long::sum);
            byStatus.merge((LearningGroup.Status) row[1], count, Long::sum);
        }
        long openReports = Queries.count(MemberReport.class, "group.course.id = ?1 and handledAt is null", courseId);
        return new Groups(formed, byStatus, openReports);
    }

    private static List<GroupSpan> groupSpans(EntityManager em, long courseId) {
        return em.createQuery("select g.createdAt, g.dissolvedAt from LearningGroup g where g.course.id = ?1", Object[].class)
                .setParameter(1, courseId).getResultList().stream()
                .map(row -> new GroupSpan((Instant) row[0], (Instant) row[1])).toList();
    }

    private static int weeksFollowed(Course course) {
        return course.weeks == null ? DEFAULT_WEEKS : Math.max(1, Math.min(MAX_WEEKS, course.weeks));
    }
}
