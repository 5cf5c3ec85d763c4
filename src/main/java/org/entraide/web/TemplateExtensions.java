package org.entraide.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.entraide.profile.Languages;

import io.quarkus.qute.TemplateExtension;

/** Small helpers available in every template. */
@TemplateExtension
public class TemplateExtensions {


    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** "fr" → "French" / "Français" in the reader's language. */
    static String languageName(String code, Locale reader) {
        return Languages.name(code, reader);
    }

    /** An instant as a date and time in the reader's language and zone ({@code RequestContext.zone}), naming the zone. */
    static String dateTime(Instant value, Locale reader, ZoneId zone) {
        if (value == null) {
            return "";
        }
        String text = Dates.dateTime(FormatStyle.MEDIUM, FormatStyle.SHORT, reader).format(value.atZone(zone));
        return zone.getId().equals("UTC") ? text + " UTC" : text + " (" + zone.getId() + ")";
    }

    /** The machine-readable form for {@code <time datetime>}, which allows at most three digits of a second. */
    static String iso(Instant value) {
        return value == null ? "" : value.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A calendar date written out in the reader's language: "March 1, 2026", "1er mars 2026". */
    static String date(LocalDate value, Locale reader) {
        return value == null ? "" : Dates.date(FormatStyle.LONG, reader).format(value);
    }

    /** 0.734 → "73 %" style figure for scores in [0, 1]. */
    static String percent(Double value) {
        return value == null ? "" : Math.round(value * 100) + " %";
    }

    static String percent(double value) {
        return Math.round(value * 100) + " %";
    }
}
