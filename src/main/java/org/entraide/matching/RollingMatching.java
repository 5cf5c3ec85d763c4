package org.entraide.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.course.Course;
import org.entraide.group.GroupService;
import org.entraide.group.LearningGroup;
import org.entraide.profile.Format;
import org.entraide.web.JobLock;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Rolling matching: at each course's cadence, waiting learners are matched and proposals sent without a preview.
 * A database lease per course makes each run happen once even with several app instances on one database.
 */
@ApplicationScoped
public class RollingMatching {

    private static final Logger LOG = Logger.getLogger(RollingMatching.class);
    private static final Duration LEASE = Duration.ofMinutes(15);

    private final MatchingService matching;
    private final ConsentService consent;
    private final GroupService groups;
    private final JobLock lock;

    RollingMatching(MatchingService matching, ConsentService consent, GroupService groups, JobLock lock) {
        this.matching = matching;
        this.consent = consent;
        this.groups = groups;
        this.lock = lock;
    }

    @Scheduled(every = "${entraide.rolling.every:5m}", delayed = "${entraide.rolling.delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        matching.failInterruptedRuns();
        matching.discardAbandonedPreviews();
        expireProposals();
        runDue();
        dissolveStaleRefillsWithoutRolling();
    }

    /** Expires proposals past their consent window and reminds those about to expire (once, across instances). */
    public int expireProposals() {
        if (!lock.tryAcquire("proposal-expiry", LEASE)) {
            return 0;
        }
        try {
            return consent.expireAndRemind();
        } finally {
            lock.release("proposal-expiry");
        }
    }

    /** Runs every course whose cadence has elapsed; returns the number of courses run by this call. */
    public int runDue() {
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> Course.<Course>list("rollingEnabled", true).stream()
                .filter(RollingMatching::isDue).map(c -> c.id).toList());
        int ran = 0;
        for (long courseId : due) {
            String name = "rolling-course-" + courseId;
            if (!lock.tryAcquire(name, LEASE)) {
                continue;
            }
            try {
                if (runCourse(courseId)) {
                    ran++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Rolling matching failed for course %d", courseId);
            } finally {
                lock.release(name);
            }
        }
        return ran;
    }

    private boolean runCourse(long courseId) {
        // Another instance may have run this course, or its team turned rolling off, between our list and our lease:
        // check again under the lease.
        List<Format> formats = QuarkusTransaction.requiringNew().call(() -> {
            Course course = Course.findById(courseId);
            if (course == null || !isDue(course)) {
                return null;
            }
            course.lastRollingRunAt = Instant.now();
            return course.formatSet().stream().filter(f -> f != Format.LOCAL_MEETUP).toList();
        });
        if (formats == null) {
            return false;
        }
        for (Format format : formats) {
            try {
                matching.runRolling(courseId, format);
            } catch (RuntimeException e) {
                // one format's failure must not keep the others (or the small groups' deadline) from running
                LOG.errorf(e, "Rolling matching of %s failed for course %d", format, courseId);
            }
        }
        dissolveStaleRefills(courseId);
        return true;
    }

    /**
     * Courses without rolling matching keep the same rule for small groups: dissolved, with notice, after the
     * maximum wait (rolling courses do it after each run).
     */
    int dissolveStaleRefillsWithoutRolling() {
        if (!lock.tryAcquire("stale-refills", LEASE)) {
            return 0;
        }
        try {
            List<Long> courses = QuarkusTransaction.requiringNew().call(() -> Course.<Course>list("from Course c where c.rollingEnabled = false"
                    + " and exists (select g.id from LearningGroup g where g.course = c and g.status = ?1)", LearningGroup.Status.REFILLING)
                    .stream().map(c -> c.id).toList());
            return courses.stream().mapToInt(this::dissolveStaleRefills).sum();
        } finally {
            lock.release("stale-refills");
        }
    }

    private int dissolveStaleRefills(long courseId) {
        Course course = QuarkusTransaction.requiringNew().call(() -> Course.findById(courseId));
        return groups.dissolveStaleRefills(courseId, Duration.ofDays(Math.max(1, course.maxWaitDays)));
    }

    /** Rolling matching stops once the course has ended: nobody is proposed partners for a course that is over. */
    static boolean isDue(Course course) {
        return course.rollingEnabled && !course.ended() && (course.lastRollingRunAt == null
                || course.lastRollingRunAt.plus(Duration.ofHours(Math.max(1, course.rollingCadenceHours))).isBefore(Instant.now()));
    }
}
