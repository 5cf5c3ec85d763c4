package org.entraide.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class WeeklyAvailabilityTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    static final int MON = 0, TUE = 1, SAT = 5, SUN = 6;

    /** Hours {@code [from, to)} of each given day (0 = Monday); {@code to} may be 24. */
    static WeekMask hours(int from, int to, int... days) {
        WeekMask mask = WeekMask.EMPTY;
        for (int day : days) {
            for (int hour = from; hour < to; hour++) {
                mask = mask.with(WeekMask.index(day, hour));
            }
        }
        return mask;
    }

    static WeekMask weekdays(int from, int to) {
        return hours(from, to, 0, 1, 2, 3, 4);
    }

    @Test
    void parisWinterWeekIsOneHourAheadOfUtc() {
        WeekMask local = hours(19, 22, MON);
        assertEquals(hours(18, 21, MON), new WeeklyAvailability(PARIS, local).toUtc(LocalDate.of(2026, 1, 14)));
    }

    @Test
    void parisSpringForwardSundayUsesSummerOffsetAndSkipsTheMissingHour() {
        // Week of Mon 23 March 2026; clocks jump from 02:00 to 03:00 on Sunday 29 March.
        LocalDate day = LocalDate.of(2026, 3, 29);
        WeekMask local = hours(19, 22, SAT, SUN);
        assertEquals(hours(18, 21, SAT).or(hours(17, 20, SUN)), new WeeklyAvailability(PARIS, local).toUtc(day));

        // Local 01:00-04:00 lasts only two real hours that night: 00:00-02:00 UTC.
        WeekMask night = hours(1, 4, SUN);
        assertEquals(hours(0, 2, SUN), new WeeklyAvailability(PARIS, night).toUtc(day));
    }

    @Test
    void parisFallBackSundayCoversBothOccurrencesOfTheRepeatedHour() {
        // Week of Mon 19 October 2026; clocks go back from 03:00 to 02:00 on Sunday 25 October.
        LocalDate day = LocalDate.of(2026, 10, 21);
        WeekMask night = hours(1, 4, SUN);
        assertEquals(hours(23, 24, SAT).or(hours(0, 3, SUN)), new WeeklyAvailability(PARIS, night).toUtc(day));

        WeekMask evenings = hours(19, 22, SAT, SUN);
        assertEquals(hours(17, 20, SAT).or(hours(18, 21, SUN)), new WeeklyAvailability(PARIS, evenings).toUtc(day));
    }

    @Test
    void newYorkSpringForwardWeekWrapsSundayEveningIntoMonday() {
        // Week of Mon 2 March 2026; DST starts Sunday 8 March (EST -5 → EDT -4).
        LocalDate day = LocalDate.of(2026, 3, 8);
        WeekMask local = hours(19, 22, MON, SUN);
        WeekMask expected = hours(0, 3, TUE).or(hours(23, 24, SUN)).or(hours(0, 2, MON));
        assertEquals(expected, new WeeklyAvailability(NEW_YORK, local).toUtc(day));
    }

    @Test
    void newYorkFallBackWeek() {
        // Week of Mon 26 October 2026; DST ends Sunday 1 November (EDT -4 → EST -5).
        LocalDate day = LocalDate.of(2026, 11, 1);
        WeekMask local = hours(19, 22, MON, SUN);
        WeekMask expected = hours(23, 24, MON).or(hours(0, 2, TUE)).or(hours(0, 3, MON));
        assertEquals(expected, new WeeklyAvailability(NEW_YORK, local).toUtc(day));
    }

    @Test
    void kolkataHalfHourZoneKeepsOnlyFullyCoveredUtcHours() {
        LocalDate day = LocalDate.of(2026, 3, 25);
        // 18:00-22:00 IST = 12:30-16:30 UTC: only 13, 14 and 15 UTC are entirely available.
        assertEquals(hours(13, 16, MON), new WeeklyAvailability(KOLKATA, hours(18, 22, MON)).toUtc(day));
        // A single local hour never covers a whole UTC hour.
        assertEquals(WeekMask.EMPTY, new WeeklyAvailability(KOLKATA, hours(18, 19, MON)).toUtc(day));
        // Monday 00:00-03:00 IST is Sunday 18:30-21:30 UTC of the same recurring week.
        assertEquals(hours(19, 21, SUN), new WeeklyAvailability(KOLKATA, hours(0, 3, MON)).toUtc(day));
    }

    @Test
    void kathmanduQuarterHourZone() {
        // 18:00-22:00 NPT (+05:45) = 12:15-16:15 UTC.
        assertEquals(hours(13, 16, MON),
                new WeeklyAvailability(KATHMANDU, hours(18, 22, MON)).toUtc(LocalDate.of(2026, 6, 1)));
    }

    @Test
    void toLocalShowsOnlyFullyCoveredLocalHours() {
        LocalDate day = LocalDate.of(2026, 3, 25);
        // 13:00-16:00 UTC = 18:30-21:30 IST: the viewer sees 19:00-21:00.
        assertEquals(hours(19, 21, MON), WeeklyAvailability.toLocal(hours(13, 16, MON), KOLKATA, day));
        assertEquals(hours(14, 17, MON), WeeklyAvailability.toLocal(hours(13, 16, MON), PARIS, day));
    }

    @Test
    void toLocalInvertsToUtcAcrossDaylightSavingWeeks() {
        WeekMask local = weekdays(7, 9).or(weekdays(18, 23)).or(hours(9, 18, SAT, SUN));
        for (LocalDate day : List.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25), LocalDate.of(2026, 3, 8),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 7, 1))) {
            for (ZoneId zone : List.of(PARIS, NEW_YORK, ZoneId.of("Asia/Tokyo"), ZoneId.of("Australia/Sydney"))) {
                WeekMask utc = new WeeklyAvailability(zone, local).toUtc(day);
                assertEquals(local, WeeklyAvailability.toLocal(utc, zone, day), zone + " " + day);
            }
        }
    }

    @Test
    void parisAndNewYorkLearnersShareEarlyParisEvenings() {
        WeekMask parisian = weekdays(18, 23);
        WeekMask newYorker = weekdays(13, 18);
        LocalDate january = LocalDate.of(2026, 1, 14);
        WeekMask common = Slots.common(List.of(new WeeklyAvailability(PARIS, parisian).toUtc(january),
                new WeeklyAvailability(NEW_YORK, newYorker).toUtc(january)));
        assertEquals(weekdays(18, 22), common);
        assertEquals(weekdays(19, 23), WeeklyAvailability.toLocal(common, PARIS, january));
        assertEquals(weekdays(13, 17), WeeklyAvailability.toLocal(common, NEW_YORK, january));

        // Between the American (8 March) and European (29 March) changes the gap is five hours, not six.
        LocalDate mismatch = LocalDate.of(2026, 3, 18);
        WeekMask commonInMarch = Slots.common(List.of(new WeeklyAvailability(PARIS, parisian).toUtc(mismatch),
                new WeeklyAvailability(NEW_YORK, newYorker).toUtc(mismatch)));
        assertEquals(weekdays(17, 22), commonInMarch);
    }

    @Test
    void emptyStaysEmpty() {
        assertEquals(WeekMask.EMPTY, new WeeklyAvailability(KOLKATA, WeekMask.EMPTY).toUtc(LocalDate.of(2026, 1, 1)));
        assertEquals(WeekMask.FULL, new WeeklyAvailability(KOLKATA, WeekMask.FULL).toUtc(LocalDate.of(2026, 1, 1)));
    }
}
