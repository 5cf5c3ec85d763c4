package org.entraide.group;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Dates on the course team's group pages: in the reader's language, in UTC (course teams span time zones). */
@TemplateExtension
public class GroupTemplateExtensions {

    /** 2026-03-12T14:05:00Z → "12 Mar 2026, 14:05 UTC" / "12 mars 2026, 14:05 UTC". */
    static String utcDateTime(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }

    /** The machine-readable form for {@code <time datetime>}, which allows at most three digits of a second. */
    static String iso(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String teamName(LearningGroup group) {
        return GroupHealthService.teamName(group);
    }
}
