package org.entraide.web;

import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dates and times in the reader's language, as the JDK writes them, except in French: the first day of a month is
 * "1er" ("mardi 1er décembre 2026"), and a time follows a written-out date after "à" and a short one after a comma
 * ("mardi 1er décembre 2026 à 18:00", "1er déc. 2026, 18:00"), where the JDK's patterns put only a space.
 */
public final class Dates {

    private static final Map<Long, String> FRENCH_DAYS = frenchDays();
    private static final Map<Style, DateTimeFormatter> MADE = new ConcurrentHashMap<>();

    private record Style(FormatStyle date, FormatStyle time, Locale locale) {
    }

    private Dates() {
    }

    /** "December 1, 2026" / "1er décembre 2026" for {@link FormatStyle#LONG}. */
    public static DateTimeFormatter date(FormatStyle style, Locale locale) {
        return MADE.computeIfAbsent(new Style(style, null, locale), Dates::make);
    }

    /** "Dec 1, 2026, 6:00 PM" / "1er déc. 2026, 18:00" for {@link FormatStyle#MEDIUM} and {@link FormatStyle#SHORT}. */
    public static DateTimeFormatter dateTime(FormatStyle date, FormatStyle time, Locale locale) {
        return MADE.computeIfAbsent(new Style(date, time, locale), Dates::make);
    }

    private static DateTimeFormatter make(Style style) {
        DateTimeFormatter standard = (style.time() == null ? DateTimeFormatter.ofLocalizedDate(style.date())
                : DateTimeFormatter.ofLocalizedDateTime(style.date(), style.time())).withLocale(style.locale());
        if (!"fr".equals(style.locale().getLanguage())) {
            return standard;
        }
        String pattern = pattern(style.date(), null, style.locale());
        if (style.time() != null) {
            boolean writtenOut = style.date() == FormatStyle.FULL || style.date() == FormatStyle.LONG;
            pattern += (writtenOut ? " 'à' " : ", ") + pattern(null, style.time(), style.locale());
        }
        int day = dayOfMonth(pattern);
        if (day < 0) {
            return standard; // a pattern with "dd" writes "01" and needs no "er"
        }
        return new DateTimeFormatterBuilder().appendPattern(pattern.substring(0, day)).appendText(ChronoField.DAY_OF_MONTH, FRENCH_DAYS)
                .appendPattern(pattern.substring(day + 1)).toFormatter(style.locale());
    }

    private static String pattern(FormatStyle date, FormatStyle time, Locale locale) {
        return DateTimeFormatterBuilder.getLocalizedDateTimePattern(date, time, IsoChronology.INSTANCE, locale);
    }

    /** Where the pattern writes the day of the month as a lone "d" outside quoted text, or -1. */
    private static int dayOfMonth(String pattern) {
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == 'd' && (i == 0 || pattern.charAt(i - 1) != 'd')
                    && (i + 1 == pattern.length() || pattern.charAt(i + 1) != 'd')) {
                return i;
            }
        }
        return -1;
    }

    private static Map<Long, String> frenchDays() {
        Map<Long, String> days = new HashMap<>();
        for (long day = 1; day <= 31; day++) {
            days.put(day, day == 1 ? "1er" : Long.toString(day));
        }
        return days;
    }
}
