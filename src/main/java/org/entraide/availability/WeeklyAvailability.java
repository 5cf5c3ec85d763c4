package org.entraide.availability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * A learner's weekly 7x24 grid in their own local time, convertible to the UTC grid of a given week.
 *
 * <p>Conversion works on minute intervals so that half-hour and quarter-hour zones stay honest: a UTC
 * hour is only reported as available when the learner's local availability covers all of its 60 minutes,
 * which guarantees that any common UTC hour really is common to everybody.
 *
 * <p>Local hour {@code h} of a given date covers the UTC interval
 * {@code [start(h), max(start(h) + 60 min, start(h + 1)))}, where {@code start} is
 * {@link ZonedDateTime#of} (a local time in a spring-forward gap is shifted forward by the gap, a local
 * time in an autumn overlap takes the earlier offset). The {@code max} makes the repeated autumn hour
 * cover both of its occurrences instead of leaving a hole at the second one.
 */
public record WeeklyAvailability(ZoneId zone, WeekMask local) {

    static final int MINUTES_PER_WEEK = WeekMask.HOURS * 60;

    public WeeklyAvailability {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(local, "local");
    }

    /** This grid in UTC hours of the ISO week (Monday to Sunday) containing {@code anyDayOfWeek}, wrapping modulo 168. */
    public WeekMask toUtc(LocalDate anyDayOfWeek) {
        if (local.isEmpty()) {
            return WeekMask.EMPTY;
        }
        LocalDate monday = mondayOf(anyDayOfWeek);
        long weekStartUtcSecond = monday.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Integer wholeHourShift = constantWholeHourOffset(zone, monday);
        if (wholeHourShift != null) {
            // Common case (no transition this week, whole-hour offset): a pure rotation, no minute array.
            return rotate(local, -wholeHourShift);
        }
        boolean[] covered = new boolean[MINUTES_PER_WEEK];
        for (int hourOfWeek = 0; hourOfWeek < WeekMask.HOURS; hourOfWeek++) {
            if (local.get(hourOfWeek)) {
                int[] interval = localHourInUtcMinutes(zone, monday, hourOfWeek, weekStartUtcSecond);
                for (int minute = interval[0]; minute < interval[1]; minute++) {
                    covered[Math.floorMod(minute, MINUTES_PER_WEEK)] = true;
                }
            }
        }
        long[] words = new long[3];
        for (int utcHour = 0; utcHour < WeekMask.HOURS; utcHour++) {
            if (allCovered(covered, utcHour * 60, utcHour * 60 + 60)) {
                words[utcHour >>> 6] |= 1L << (utcHour & 63);
            }
        }
        return new WeekMask(words[0], words[1], words[2]);
    }

    /** Convenience: {@link #toUtc(LocalDate)} for a freshly built grid. */
    public static WeekMask toUtc(WeekMask local, ZoneId zone, LocalDate anyDayOfWeek) {
        return new WeeklyAvailability(zone, local).toUtc(anyDayOfWeek);
    }

    /**
     * Shows UTC hours of one week in a viewer's local grid: a local hour is set only when the UTC hours
     * cover all of it (so a half-hour zone sees only the local hours that are entirely common).
     */
    public static WeekMask toLocal(WeekMask utc, ZoneId zone, LocalDate anyDayOfWeek) {
        if (utc.isEmpty()) {
            return WeekMask.EMPTY;
        }
        LocalDate monday = mondayOf(anyDayOfWeek);
        Integer wholeHourShift = constantWholeHourOffset(zone, monday);
        if (wholeHourShift != null) {
            return rotate(utc, wholeHourShift);
        }
        long weekStartUtcSecond = monday.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long[] words = new long[3];
        for (int hourOfWeek = 0; hourOfWeek < WeekMask.HOURS; hourOfWeek++) {
            int[] interval = localHourInUtcMinutes(zone, monday, hourOfWeek, weekStartUtcSecond);
            boolean all = interval[1] > interval[0];
            for (int minute = interval[0]; all && minute < interval[1]; minute++) {
                all = utc.get(Math.floorMod(minute, MINUTES_PER_WEEK) / 60);
            }
            if (all) {
                words[hourOfWeek >>> 6] |= 1L << (hourOfWeek & 63);
            }
        }
        return new WeekMask(words[0], words[1], words[2]);
    }

    static LocalDate mondayOf(LocalDate anyDayOfWeek) {
        return anyDayOfWeek.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** UTC minutes, counted from Monday 00:00 UTC and not yet wrapped, covered by one local hour of the week. */
    private static int[] localHourInUtcMinutes(ZoneId zone, LocalDate monday, int hourOfWeek, long weekStartUtcSecond) {
        LocalDate date = monday.plusDays(hourOfWeek / 24);
        int hour = hourOfWeek % 24;
        Instant start = ZonedDateTime.of(date, LocalTime.of(hour, 0), zone).toInstant();
        LocalDate nextDate = hour == 23 ? date.plusDays(1) : date;
        Instant nextStart = ZonedDateTime.of(nextDate, LocalTime.of((hour + 1) % 24, 0), zone).toInstant();
        long startSecond = start.getEpochSecond() - weekStartUtcSecond;
        long endSecond = Math.max(startSecond + 3600, nextStart.getEpochSecond() - weekStartUtcSecond);
        return new int[] {(int) Math.floorDiv(startSecond, 60), (int) Math.floorDiv(endSecond, 60)};
    }

    private static boolean allCovered(boolean[] covered, int from, int to) {
        for (int minute = from; minute < to; minute++) {
            if (!covered[minute]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The zone's offset in whole hours if it is the same over the whole local week (plus a day of margin on
     * each side, since the week's local hours span UTC instants outside it), otherwise {@code null}.
     */
    private static Integer constantWholeHourOffset(ZoneId zone, LocalDate monday) {
        Instant from = monday.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = monday.plusDays(9).atStartOfDay(ZoneOffset.UTC).toInstant();
        var rules = zone.getRules();
        int offsetSeconds = rules.getOffset(from).getTotalSeconds();
        if (offsetSeconds % 3600 != 0) {
            return null;
        }
        var transition = rules.nextTransition(from);
        if (transition != null && transition.getInstant().isBefore(to)) {
            return null;
        }
        return offsetSeconds / 3600;
    }

    /** Bit {@code i} of the result is bit {@code i - shift} of the mask, modulo 168. */
    static WeekMask rotate(WeekMask mask, int shift) {
        int normalized = Math.floorMod(shift, WeekMask.HOURS);
        if (normalized == 0) {
            return mask;
        }
        long[] words = new long[3];
        for (int hour = 0; hour < WeekMask.HOURS; hour++) {
            if (mask.get(hour)) {
                int target = (hour + normalized) % WeekMask.HOURS;
                words[target >>> 6] |= 1L << (target & 63);
            }
        }
        return new WeekMask(words[0], words[1], words[2]);
    }
}
