package org.entraide.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The arithmetic behind the outcomes page, apart from the queries so that it can be checked on its own. */
public final class OutcomeFigures {

    private OutcomeFigures() {
    }

    /** When a group was formed and, if it has ended, when. */
    public record GroupSpan(Instant createdAt, Instant dissolvedAt) {
    }

    /** Of the groups formed at least {@code week} weeks ago, how many were still together {@code week} weeks after forming. */
    public record WeekSurvival(int week, int oldEnough, int together) {

        public double share() {
            return oldEnough == 0 ? 0 : (double) together / oldEnough;
        }
    }

    /**
     * A persistence curve: for each week after forming, the share of groups still together then, among the groups old
     * enough to tell. Weeks no group has reached yet are left out rather than shown as 0 %.
     */
    static List<WeekSurvival> survival(List<GroupSpan> groups, Instant now, int weeks) {
        List<WeekSurvival> curve = new ArrayList<>();
        for (int week = 1; week <= weeks; week++) {
            Duration age = Duration.ofDays(7L * week);
            int oldEnough = 0;
            int together = 0;
            for (GroupSpan group : groups) {
                Instant mark = group.createdAt().plus(age);
                if (mark.isAfter(now)) {
                    continue;
                }
                oldEnough++;
                if (group.dissolvedAt() == null || group.dissolvedAt().isAfter(mark)) {
                    together++;
                }
            }
            if (oldEnough == 0) {
                break; // later weeks have even fewer groups old enough
            }
            curve.add(new WeekSurvival(week, oldEnough, together));
        }
        return curve;
    }

    /** The nearest-rank percentile (0 < p ≤ 1) of durations sorted from shortest. */
    static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no durations");
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
