package org.entraide.matching;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.entraide.course.Course;
import org.junit.jupiter.api.Test;

/** When rolling matching runs a course: at its cadence, and never once its team turned it off or the course ended. */
class RollingDueTest {

    private static Course course(boolean rolling, Duration sinceLastRun) {
        Course course = new Course();
        course.rollingEnabled = rolling;
        course.rollingCadenceHours = 24;
        course.lastRollingRunAt = sinceLastRun == null ? null : Instant.now().minus(sinceLastRun);
        return course;
    }

    @Test
    void aCourseIsDueOnceItsCadenceHasElapsedOrWhenItNeverRan() {
        assertTrue(RollingMatching.isDue(course(true, null)));
        assertTrue(RollingMatching.isDue(course(true, Duration.ofHours(25))));
        assertFalse(RollingMatching.isDue(course(true, Duration.ofHours(23))));
    }

    @Test
    void aCourseWhoseTeamTurnedRollingOffIsNeverDue() {
        // checked again under the lease: the team may turn it off after the job listed the course
        assertFalse(RollingMatching.isDue(course(false, null)));
        assertFalse(RollingMatching.isDue(course(false, Duration.ofDays(30))));
    }

    @Test
    void aCourseIsNotDueOnceItHasEnded() {
        Course ended = course(true, null);
        ended.endDate = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        assertFalse(RollingMatching.isDue(ended));
        Course lastDay = course(true, null);
        lastDay.endDate = LocalDate.now(ZoneOffset.UTC);
        assertTrue(RollingMatching.isDue(lastDay), "the last day still counts");
    }
}
