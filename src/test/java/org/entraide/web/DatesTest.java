package org.entraide.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class DatesTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 12, 1);
    private static final LocalDate ELEVENTH = LocalDate.of(2026, 12, 11);

    @Test
    void frenchWritesTheFirstOfTheMonthFirst() {
        assertEquals("1er décembre 2026", Dates.date(FormatStyle.LONG, Locale.FRENCH).format(FIRST));
        assertEquals("mardi 1er décembre 2026", Dates.date(FormatStyle.FULL, Locale.FRENCH).format(FIRST));
        assertEquals("11 décembre 2026", Dates.date(FormatStyle.LONG, Locale.FRENCH).format(ELEVENTH));
        assertEquals("21 décembre 2026", Dates.date(FormatStyle.LONG, Locale.FRENCH).format(LocalDate.of(2026, 12, 21)));
    }

    @Test
    void frenchSeparatesTheTimeFromTheDateAsItIsWritten() {
        LocalDateTime evening = FIRST.atTime(18, 0);
        assertEquals("1er déc. 2026, 18:00", Dates.dateTime(FormatStyle.MEDIUM, FormatStyle.SHORT, Locale.FRENCH).format(evening));
        assertEquals("mardi 1er décembre 2026 à 18:00", Dates.dateTime(FormatStyle.FULL, FormatStyle.SHORT, Locale.FRENCH).format(evening));
        assertEquals("11 déc. 2026, 09:05", Dates.dateTime(FormatStyle.MEDIUM, FormatStyle.SHORT, Locale.FRENCH).format(ELEVENTH.atTime(9, 5)));
    }

    @Test
    void otherLanguagesAreWrittenAsTheJdkWritesThem() {
        assertEquals("December 1, 2026", Dates.date(FormatStyle.LONG, Locale.ENGLISH).format(FIRST));
        assertEquals(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(Locale.ENGLISH)
                .format(FIRST.atTime(18, 0)), Dates.dateTime(FormatStyle.MEDIUM, FormatStyle.SHORT, Locale.ENGLISH).format(FIRST.atTime(18, 0)));
    }
}
