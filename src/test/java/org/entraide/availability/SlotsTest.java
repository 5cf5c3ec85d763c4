package org.entraide.availability;

import static org.entraide.availability.WeeklyAvailabilityTest.hours;
import static org.entraide.availability.WeeklyAvailabilityTest.weekdays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.entraide.availability.Slots.Slot;
import org.junit.jupiter.api.Test;

class SlotsTest {

    @Test
    void runsAreContiguousHoursInWeekOrder() {
        WeekMask mask = hours(19, 22, 0).or(hours(10, 12, 5));
        assertEquals(List.of(new Slot(19, 22), new Slot(130, 132)), Slots.runs(mask));
        assertEquals(List.of(), Slots.runs(WeekMask.EMPTY));
        assertEquals(List.of(new Slot(0, 168)), Slots.runs(WeekMask.FULL));
    }

    @Test
    void runCrossingMidnightStaysOneRun() {
        assertEquals(List.of(new Slot(22, 26)), Slots.runs(hours(22, 24, 0).or(hours(0, 2, 1))));
    }

    @Test
    void runCrossingSundayIntoMondayWrapsIntoOneSlot() {
        WeekMask mask = hours(22, 24, 6).or(hours(0, 2, 0)).or(hours(12, 13, 2));
        List<Slot> runs = Slots.runs(mask);
        assertEquals(List.of(new Slot(60, 61), new Slot(166, 170)), runs);
        assertEquals(4, runs.get(1).length());
    }

    @Test
    void commonSlotsOfThreePeople() {
        WeekMask ana = weekdays(18, 22).or(hours(9, 13, 5));
        WeekMask bruno = weekdays(19, 23).or(hours(10, 12, 5));
        WeekMask chloe = hours(17, 21, 0, 1, 2).or(hours(8, 18, 5));
        WeekMask common = Slots.common(List.of(ana, bruno, chloe));
        assertEquals(hours(19, 21, 0, 1, 2).or(hours(10, 12, 5)), common);
        assertEquals(List.of(new Slot(19, 21), new Slot(43, 45), new Slot(67, 69), new Slot(130, 132)),
                Slots.runs(common));
        assertEquals(WeekMask.EMPTY, Slots.common(List.of()));
    }

    @Test
    void commonSlotsAcrossZonesInUtc() {
        LocalDate week = LocalDate.of(2026, 5, 6);
        WeekMask paris = new WeeklyAvailability(ZoneId.of("Europe/Paris"), weekdays(18, 23)).toUtc(week);
        WeekMask montreal = new WeeklyAvailability(ZoneId.of("America/Toronto"), weekdays(12, 18)).toUtc(week);
        WeekMask dakar = new WeeklyAvailability(ZoneId.of("Africa/Dakar"), weekdays(17, 20)).toUtc(week);
        // Paris 16-21 UTC, Montréal 16-22 UTC, Dakar 17-20 UTC.
        assertEquals(weekdays(17, 20), Slots.common(List.of(paris, montreal, dakar)));
    }

    @Test
    void summaryInEnglishGroupsConsecutiveIdenticalDays() {
        WeekMask mask = weekdays(19, 22).or(hours(10, 12, 5));
        assertEquals("Mon–Fri 19:00–22:00, Sat 10:00–12:00", Slots.summary(mask, Locale.ENGLISH));
    }

    @Test
    void summaryInFrench() {
        WeekMask mask = weekdays(19, 22).or(hours(10, 12, 5));
        assertEquals("lun.–ven. 19:00–22:00, sam. 10:00–12:00", Slots.summary(mask, Locale.FRENCH));
    }

    @Test
    void summaryWithSeveralRunsPerDayAndMidnight() {
        WeekMask mask = hours(7, 9, 0, 1).or(hours(20, 24, 0, 1)).or(hours(14, 16, 3)).or(hours(9, 18, 5, 6));
        assertEquals("Mon–Tue 07:00–09:00, 20:00–24:00, Thu 14:00–16:00, Sat–Sun 09:00–18:00",
                Slots.summary(mask, Locale.ENGLISH));
        assertEquals("", Slots.summary(WeekMask.EMPTY, Locale.ENGLISH));
    }

    @Test
    void summaryPartsCountTheHoursTheyStandFor() {
        WeekMask mask = hours(7, 9, 0, 1).or(hours(20, 24, 0, 1)).or(hours(14, 16, 3));
        assertEquals(List.of(new Slots.Part("Mon–Tue 07:00–09:00, 20:00–24:00", 12, 0, 1, List.of(new Slots.DayHours(7, 9), new Slots.DayHours(20, 24))),
                new Slots.Part("Thu 14:00–16:00", 2, 3, 3, List.of(new Slots.DayHours(14, 16)))), Slots.summaryParts(mask, Locale.ENGLISH));
        assertEquals(List.of(), Slots.summaryParts(WeekMask.EMPTY, Locale.ENGLISH));
    }

    @Test
    void parseReadsSummariesBackInBothLanguages() {
        WeekMask mask = hours(7, 9, 0, 1).or(hours(20, 24, 0, 1)).or(hours(14, 16, 3)).or(hours(9, 18, 5, 6));
        assertEquals(mask, Slots.parse(Slots.summary(mask, Locale.ENGLISH)));
        assertEquals(mask, Slots.parse(Slots.summary(mask, Locale.FRENCH)));
        assertEquals(WeekMask.EMPTY, Slots.parse(""));
    }

    @Test
    void parseAcceptsShortHandwrittenForms() {
        assertEquals(hours(18, 22, 0).or(hours(10, 12, 5)), Slots.parse("Mon 18-22;Sat 10-12"));
        assertEquals(weekdays(9, 12).or(weekdays(14, 17)), Slots.parse("mon-fri 9-12, 14-17"));
        assertEquals(hours(22, 24, 4).or(hours(0, 2, 5)), Slots.parse("vendredi 22h-2h"));
        assertEquals(hours(10, 12, 5, 6, 0), Slots.parse("Sat-Mon 10:00-12:00"));
        assertEquals(hours(22, 24, 6).or(hours(0, 1, 0)), Slots.parse("Sun 22-1"));
    }

    @Test
    void parseExplainsWhatItCannotRead() {
        assertUnreadable("Funday 10-12", Slots.Unreadable.Reason.UNKNOWN_DAY, "Funday");
        assertUnreadable("10-12", Slots.Unreadable.Reason.HOURS_WITHOUT_DAY, "10-12");
        assertUnreadable("Mon 18:30-20", Slots.Unreadable.Reason.NOT_A_WHOLE_HOUR, "18:30");
        assertUnreadable("Mon 18-25", Slots.Unreadable.Reason.HOUR_OUT_OF_RANGE, "25");
        assertUnreadable("Mon", Slots.Unreadable.Reason.NO_HOURS, "Mon");
        assertUnreadable("Mon 18", Slots.Unreadable.Reason.NOT_AN_HOUR_RANGE, "18");
        assertUnreadable("Mon 18-18", Slots.Unreadable.Reason.EMPTY_HOUR_RANGE, "18-18");
    }

    private static void assertUnreadable(String text, Slots.Unreadable.Reason reason, String fragment) {
        Slots.Unreadable unreadable = assertThrows(Slots.Unreadable.class, () -> Slots.parse(text));
        assertEquals(reason, unreadable.reason, text);
        assertEquals(fragment, unreadable.fragment, text);
    }
}
