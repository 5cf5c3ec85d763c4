package org.entraide.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** The calendar files Entraide writes, read back by an independent parser (ical4j) and checked line by line. */
class CalendarFileTest {

    private static final Instant START = Instant.parse("2026-12-08T17:30:00Z");

    @Test
    void anEventReadsBackWithItsTimesInUtcAndItsTextIntact() throws Exception {
        String topic = "Révisions, chapitre 3; \"quiz\" \\ notes\nsecond line " + "é".repeat(60);
        String ics = new CalendarFile("Votre tandem · Économie", START).add(new CalendarFile.Event("entraide-session-7@example.org", 2,
                START, START.plusSeconds(5400), topic, "Bibliothèque, 2 rue X", "Line one\nLine two", "https://example.org/groups/3", false))
                .build();

        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "folded at 75 octets: " + line);
            assertFalse(line.contains("\n") || line.contains("\r"), "CRLF line ends only");
            assertFalse(line.contains("\uFFFD"), "no character split by the folding");
        }
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertEquals(1, events.size());
        VEvent event = events.get(0);
        assertEquals("20261208T173000Z", value(event, Property.DTSTART));
        assertEquals("20261208T190000Z", value(event, Property.DTEND));
        assertEquals("entraide-session-7@example.org", value(event, Property.UID));
        assertEquals("2", value(event, Property.SEQUENCE));
        assertEquals("CONFIRMED", value(event, Property.STATUS));
        assertEquals(topic, value(event, Property.SUMMARY), "escaped and folded text comes back unchanged");
        assertEquals("Bibliothèque, 2 rue X", value(event, Property.LOCATION));
        assertEquals("Line one\nLine two", value(event, Property.DESCRIPTION));
        assertEquals("https://example.org/groups/3", value(event, Property.URL));
        assertEquals("2.0", calendar.getProperty(Property.VERSION).orElseThrow().getValue());
    }

    @Test
    void aCancelledEventSaysSoAndLeavesOutWhatIsMissing() throws Exception {
        String ics = new CalendarFile("Group", START).add(new CalendarFile.Event("u1", 1, START, START.plusSeconds(1800), "S", null, null,
                null, true)).build();
        VEvent event = new CalendarBuilder().build(new StringReader(ics)).<VEvent>getComponents(Component.VEVENT).get(0);
        assertEquals("CANCELLED", value(event, Property.STATUS));
        assertEquals("1", value(event, Property.SEQUENCE));
        assertTrue(event.getProperty(Property.LOCATION).isEmpty());
        assertTrue(event.getProperty(Property.DESCRIPTION).isEmpty());
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow(() -> new AssertionError("no " + property)).getValue();
    }
}
