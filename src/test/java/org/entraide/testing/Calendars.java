package org.entraide.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;

/** Calendar files read back with ical4j, an independent RFC 5545 parser. */
public final class Calendars {

    private Calendars() {
    }

    /** The file's only event; the file must parse and hold exactly one. */
    public static VEvent onlyEvent(String ics) throws Exception {
        List<VEvent> events = new CalendarBuilder().build(new StringReader(ics)).getComponents(Component.VEVENT);
        assertEquals(1, events.size(), ics);
        return events.get(0);
    }

    public static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow(() -> new AssertionError("no " + property)).getValue();
    }

    /** The path of the calendar address an account page shows ("My calendar"); the page must show one. */
    public static String feedPath(String accountPage) {
        Matcher found = FEED_ADDRESS.matcher(accountPage);
        assertTrue(found.find(), "the account page shows a calendar address");
        return found.group(1);
    }

    private static final Pattern FEED_ADDRESS = Pattern.compile("id=\"calendar-url\" type=\"url\" value=\"https?://[^/\"]+(/calendar/[^\"]+\\.ics)\"");

    /** An instant as a UTC DATE-TIME value (20261201T173000Z). */
    public static String utc(Instant instant) {
        return DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(instant);
    }
}
