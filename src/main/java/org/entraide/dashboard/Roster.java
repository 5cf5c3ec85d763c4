package org.entraide.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.group.LearningGroup;
import org.entraide.matching.engine.UnmatchedReason;
import org.entraide.profile.Enrolment;
import org.entraide.profile.EnumSets;
import org.entraide.profile.Format;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Paged;
import org.entraide.web.Texts;

/**
 * The course team's list of learners (as Canvas's "People" or Open edX's membership list): who joined, where each stands
 * (profile unfinished, waiting and why the last run placed them nowhere, in which formats they are together, paused),
 * found by name or e-mail. It answers "why has X no partner?" without reading the database.
 */
@ApplicationScoped
public class Roster {

    public static final int PAGE_SIZE = 50;
    public static final int QUERY_MAX = 100;

    private final CourseService courses;

    Roster(CourseService courses) {
        this.courses = courses;
    }

    /**
     * One learner: {@code together} are the formats of the tandems and groups they are in now; a waiting learner's
     * {@code unplacedReason} is why the last run for {@code unplacedFormat} placed them nowhere.
     */
    public record Row(String name, String email, Enrolment.Status status, Instant joinedAt, Instant waitingSince,
            UnmatchedReason unplacedReason, Format unplacedFormat, List<Format> together) {
    }

    /** {@code counts}: learners per status among those the search finds (every status, so the filter shows them all). */
    public record RosterPage(Course course, String query, Enrolment.Status status, Map<Enrolment.Status, Long> counts, List<Row> rows,
            int page, int pages) implements Paged {

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The address of this search with another status filter (null for all) and page. */
        public String link(Enrolment.Status filter, int toPage) {
            StringBuilder link = new StringBuilder("/courses/" + course.id + "/manage/learners?page=" + toPage);
            if (!query.isEmpty()) {
                link.append("&q=").append(URLEncoder.encode(query, StandardCharsets.UTF_8));
            }
            if (filter != null) {
                link.append("&status=").append(filter.name());
            }
            return link.toString();
        }

        public String link(int toPage) {
            return link(status, toPage);
        }

        /** The page shown with a refused search: the search as typed, nobody listed. */
        static RosterPage refused(Course course, String query) {
            return new RosterPage(course, query == null ? "" : query, null, noneCounted(), List.of(), 1, 1);
        }
    }

    /** The page of learners the search and status filter find; 400 for an unknown status or an unreadable search. */
    public RosterPage page(long courseId, long personId, String query, String status, int page) {
        Course course = courses.requireTeam(courseId, personId);
        FormErrors errors = new FormErrors();
        String search = Texts.check(errors, "q", query, false, QUERY_MAX);
        Enrolment.Status wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = EnumSets.one(Enrolment.Status.class, status);
            if (wanted == null) {
                errors.add("status", "error.invalid-choice");
            }
        }
        errors.throwIfAny();

        String pattern = search == null ? null : "%" + likeEscaped(search.toLowerCase(Locale.ROOT)) + "%";
        String matches = pattern == null ? "" : " and (lower(p.displayName) like :pattern escape '\\' or lower(p.email) like :pattern escape '\\')";
        Map<Enrolment.Status, Long> counts = noneCounted();
        TypedQuery<Object[]> counting = Enrolment.getEntityManager().createQuery(
                "select e.status, count(e) from Enrolment e join e.person p where e.course.id = :course" + matches + " group by e.status",
                Object[].class).setParameter("course", courseId);
        bindPattern(counting, pattern).getResultList().forEach(row -> counts.put((Enrolment.Status) row[0], (Long) row[1]));

        long found = wanted == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(wanted);
        int pages = (int) Math.max(1, (found + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(page, pages);
        TypedQuery<Enrolment> listing = Enrolment.getEntityManager().createQuery("select e from Enrolment e join fetch e.person p"
                + " where e.course.id = :course" + (wanted == null ? "" : " and e.status = :status") + matches
                + " order by lower(p.displayName), e.id", Enrolment.class).setParameter("course", courseId);
        if (wanted != null) {
            listing.setParameter("status", wanted);
        }
        List<Enrolment> enrolments = bindPattern(listing, pattern).setFirstResult((shown - 1) * PAGE_SIZE).setMaxResults(PAGE_SIZE)
                .getResultList();

        Map<Long, List<Format>> together = together(courseId, enrolments.stream().map(e -> e.person.id).toList());
        List<Row> rows = enrolments.stream().map(e -> {
            // the reason belongs to the waiting: it stays on the profile of one who paused, and is cleared when placed
            boolean waiting = e.status == Enrolment.Status.WAITING;
            return new Row(e.person.displayName, e.person.email, e.status, e.joinedAt, waiting ? e.waitingSince : null,
                    waiting ? e.unplacedReason : null, e.unplacedFormat, together.getOrDefault(e.person.id, List.of()));
        }).toList();
        return new RosterPage(course, search == null ? "" : search, wanted, counts, rows, shown, pages);
    }

    /** The formats of the tandems and groups (not ended) each of these people is a member of now, in one statement. */
    private static Map<Long, List<Format>> together(long courseId, List<Long> personIds) {
        Map<Long, List<Format>> formats = new HashMap<>();
        if (personIds.isEmpty()) {
            return formats;
        }
        Enrolment.getEntityManager().createQuery("""
                select m.person.id, g.format from GroupMember m join m.group g
                where g.course.id = ?1 and g.status <> ?2 and m.leftAt is null and m.person.id in ?3
                order by g.createdAt""", Object[].class)
                .setParameter(1, courseId).setParameter(2, LearningGroup.Status.DISSOLVED).setParameter(3, personIds).getResultList()
                .forEach(row -> formats.computeIfAbsent((Long) row[0], id -> new ArrayList<>()).add((Format) row[1]));
        return formats;
    }

    private static Map<Enrolment.Status, Long> noneCounted() {
        Map<Enrolment.Status, Long> counts = new EnumMap<>(Enrolment.Status.class);
        for (Enrolment.Status status : Enrolment.Status.values()) {
            counts.put(status, 0L);
        }
        return counts;
    }

    private static <T> TypedQuery<T> bindPattern(TypedQuery<T> query, String pattern) {
        return pattern == null ? query : query.setParameter("pattern", pattern);
    }

    /** The search as a LIKE pattern's literal text: "50%" finds "50%", not everything starting with 50. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
