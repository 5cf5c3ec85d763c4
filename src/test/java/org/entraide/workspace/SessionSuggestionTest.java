package org.entraide.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.entraide.availability.WeekMask;
import org.entraide.workspace.SessionService.SessionForm;
import org.junit.jupiter.api.Test;

/** The planning form starts on the next time the whole group is free. */
class SessionSuggestionTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Monday to Friday, 18:00–21:00 local time. */
    private static WeekMask weekdayEvenings() {
        WeekMask week = WeekMask.EMPTY;
        for (int day = 0; day < 5; day++) {
            for (int hour = 18; hour < 21; hour++) {
                week = week.with(WeekMask.index(day, hour));
            }
        }
        return week;
    }

    private static SessionForm suggest(WeekMask week, String localNow) {
        return suggest(week, localNow, List.of());
    }

    private static SessionForm suggest(WeekMask week, String localNow, List<StudySession> planned) {
        return SessionService.suggestion(week, ZonedDateTime.of(LocalDateTime.parse(localNow), PARIS), planned);
    }

    @Test
    void theStartOfTheNextCommonSlotForTwoHoursAtMost() {
        // Monday 30 November 2026, morning: this evening at 18:00
        assertEquals(new SessionForm("2026-11-30", "18:00", "120", null, null), suggest(weekdayEvenings(), "2026-11-30T10:15"));
        // at 17:30 the slot starts too soon (at least an hour's notice): Tuesday's
        assertEquals(new SessionForm("2026-12-01", "18:00", "120", null, null), suggest(weekdayEvenings(), "2026-11-30T17:30"));
        // Friday night: Monday's
        assertEquals(new SessionForm("2026-12-07", "18:00", "120", null, null), suggest(weekdayEvenings(), "2026-12-04T23:00"));
    }

    @Test
    void aOneHourSlotGivesAnHourAndNoCommonTimeGivesTomorrowEvening() {
        WeekMask wednesdayNine = WeekMask.EMPTY.with(WeekMask.index(2, 9));
        assertEquals(new SessionForm("2026-12-02", "09:00", "60", null, null), suggest(wednesdayNine, "2026-11-30T10:15"));
        assertEquals(new SessionForm("2026-12-01", "18:00", "60", null, null), suggest(WeekMask.EMPTY, "2026-11-30T10:15"));
        assertEquals(new SessionForm("2026-11-30", "12:00", "60", null, null), suggest(WeekMask.FULL, "2026-11-30T10:15"));
    }

    @Test
    void timesAlreadyPlannedAreSkippedUnlessCancelled() {
        // Monday 18:00–20:00 is planned: the rest of Monday evening (20:00–21:00) is the next free stretch
        StudySession monday = planned("2026-11-30T18:00", 120);
        assertEquals(new SessionForm("2026-11-30", "20:00", "60", null, null),
                suggest(weekdayEvenings(), "2026-11-30T10:15", List.of(monday)));
        StudySession wholeEvening = planned("2026-11-30T18:00", 180);
        assertEquals(new SessionForm("2026-12-01", "18:00", "120", null, null),
                suggest(weekdayEvenings(), "2026-11-30T10:15", List.of(wholeEvening)));
        wholeEvening.cancelledAt = Instant.now();
        assertEquals(new SessionForm("2026-11-30", "18:00", "120", null, null),
                suggest(weekdayEvenings(), "2026-11-30T10:15", List.of(wholeEvening)));
    }

    private static StudySession planned(String localStart, int minutes) {
        StudySession session = new StudySession();
        session.startsAt = ZonedDateTime.of(LocalDateTime.parse(localStart), PARIS).toInstant();
        session.minutes = minutes;
        return session;
    }
}
