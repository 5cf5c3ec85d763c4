package org.entraide.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Times of planned events in words, in a given zone and language: pages and notifications say them the same way. */
public final class When {

    private When() {
    }

    /** "Tuesday, December 1, 2026, 18:00–19:30". */
    public static String span(Instant start, Instant end, ZoneId zone, Locale locale) {
        DateTimeFormatter clock = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        ZonedDateTime local = start.atZone(zone);
        return Dates.date(FormatStyle.FULL, locale).format(local) + ", " + clock.format(local) + "–"
                + clock.format(end.atZone(zone));
    }

    /** "Tuesday, December 1, 2026, 6:00 PM (Europe/Paris)", for a notification read anywhere. */
    public static String withZone(Instant start, ZoneId zone, Locale locale) {
        return Dates.dateTime(FormatStyle.FULL, FormatStyle.SHORT, locale).format(start.atZone(zone))
                + " (" + zone.getId() + ")";
    }
}
