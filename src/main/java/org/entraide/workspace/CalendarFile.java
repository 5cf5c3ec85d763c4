package org.entraide.workspace;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * An iCalendar file (RFC 5545) of events in UTC: CRLF line ends, long lines folded at 75 octets without splitting a
 * character, text values escaped. UTC times need no VTIMEZONE: each calendar app shows them in its owner's zone.
 */
public final class CalendarFile {

    /** One event; {@code uid} must stay the same across changes, {@code sequence} grows with each. */
    public record Event(String uid, int sequence, Instant start, Instant end, String summary, String location, String description,
            String url, boolean cancelled) {
    }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int LINE_OCTETS = 75;

    private final StringBuilder out = new StringBuilder();
    private final String stamp;

    public CalendarFile(String name, Instant now) {
        this.stamp = utc(now);
        line("BEGIN:VCALENDAR");
        line("VERSION:2.0");
        line("PRODID:-//Entraide//Calendar//EN");
        line("CALSCALE:GREGORIAN");
        line("METHOD:PUBLISH");
        line("X-WR-CALNAME:" + text(name));
    }

    public CalendarFile add(Event event) {
        line("BEGIN:VEVENT");
        line("UID:" + text(event.uid()));
        line("SEQUENCE:" + event.sequence());
        line("DTSTAMP:" + stamp);
        line("DTSTART:" + utc(event.start()));
        line("DTEND:" + utc(event.end()));
        line("SUMMARY:" + text(event.summary()));
        if (event.location() != null) {
            line("LOCATION:" + text(event.location()));
        }
        if (event.description() != null) {
            line("DESCRIPTION:" + text(event.description()));
        }
        if (event.url() != null) {
            line("URL:" + event.url());
        }
        line("STATUS:" + (event.cancelled() ? "CANCELLED" : "CONFIRMED"));
        line("END:VEVENT");
        return this;
    }

    public String build() {
        line("END:VCALENDAR");
        return out.toString();
    }

    private static String utc(Instant instant) {
        return UTC.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** TEXT values (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks written as \n. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    /** Adds a content line, folded (RFC 5545 3.1): at most 75 octets per physical line, continuations start with a space. */
    private void line(String content) {
        int octets = 0;
        int limit = LINE_OCTETS;
        for (int i = 0; i < content.length();) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = LINE_OCTETS - 1; // the leading space counts
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
