package org.entraide.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.entraide.dashboard.OutcomeFigures.GroupSpan;
import org.entraide.dashboard.OutcomeFigures.WeekSurvival;
import org.junit.jupiter.api.Test;

class OutcomeFiguresTest {

    static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");

    static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    @Test
    void eachWeekCountsOnlyTheGroupsOldEnoughAndThoseStillTogetherThen() {
        List<GroupSpan> groups = List.of(
                new GroupSpan(daysAgo(22), null), // 3 weeks and a day, still going
                new GroupSpan(daysAgo(36), daysAgo(36 - 17.5)), // ended 2.5 weeks after forming
                new GroupSpan(daysAgo(3), null)); // too young for any week

        List<WeekSurvival> curve = OutcomeFigures.survival(groups, NOW, 8);

        assertEquals(List.of(new WeekSurvival(1, 2, 2), new WeekSurvival(2, 2, 2), new WeekSurvival(3, 2, 1),
                new WeekSurvival(4, 1, 0), new WeekSurvival(5, 1, 0)), curve, "week 6 and later: no group that old, no row");
        assertEquals(0.5, curve.get(2).share());
    }

    @Test
    void theCurveStopsAtTheWeeksFollowedAndIsEmptyWithoutOldEnoughGroups() {
        List<GroupSpan> old = List.of(new GroupSpan(daysAgo(100), null));
        assertEquals(4, OutcomeFigures.survival(old, NOW, 4).size());
        assertEquals(List.of(), OutcomeFigures.survival(List.of(new GroupSpan(daysAgo(6.9), null)), NOW, 8));
        assertEquals(List.of(), OutcomeFigures.survival(List.of(), NOW, 8));
    }

    @Test
    void aGroupEndingExactlyAtTheMarkNoLongerCountsAsTogether() {
        Instant formed = daysAgo(14);
        List<WeekSurvival> curve = OutcomeFigures.survival(List.of(new GroupSpan(formed, formed.plus(Duration.ofDays(7)))), NOW, 8);
        assertEquals(new WeekSurvival(1, 1, 0), curve.get(0));
    }

    @Test
    void percentilesTakeTheNearestRank() {
        List<Duration> sorted = List.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(40));
        assertEquals(Duration.ofHours(2), OutcomeFigures.percentile(sorted, 0.5));
        assertEquals(Duration.ofHours(40), OutcomeFigures.percentile(sorted, 0.9));
        assertEquals(Duration.ofHours(5), OutcomeFigures.percentile(List.of(Duration.ofHours(5)), 0.5));
        assertThrows(IllegalArgumentException.class, () -> OutcomeFigures.percentile(List.of(), 0.5));
    }

    /** The page says "all of them within" exactly when the 90th percentile it shows is the longest wait. */
    @Test
    void theNinetiethPercentileIsTheLongestWaitOfFewerThanTenLearners() {
        for (int learners = 1; learners <= 30; learners++) {
            List<Duration> sorted = IntStream.rangeClosed(1, learners).mapToObj(Duration::ofHours).toList();
            boolean longest = OutcomeFigures.percentile(sorted, 0.9).equals(sorted.get(learners - 1));
            OutcomesService.TimeToPartners figures = new OutcomesService.TimeToPartners(learners, null, null);
            assertEquals(longest, figures.ninetiethIsLongest(), learners + " learners");
        }
    }
}
