package org.entraide.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Fired to gather a person's calendar feed: each feature that has dated events for them (study sessions, meetups)
 * adds those from {@link #since()} on, so that the feed needs not know them.
 */
public final class CalendarFeed {

    /** How far back the feed goes: a month of past sessions stays in the calendar. */
    static final Duration PAST = Duration.ofDays(30);

    private final long personId;
    private final Locale locale;
    private final Instant since;
    private final List<CalendarFile.Event> events = new ArrayList<>();

    CalendarFeed(long personId, Locale locale, Instant now) {
        this.personId = personId;
        this.locale = locale;
        this.since = now.minus(PAST);
    }

    public long personId() {
        return personId;
    }

    /** The person's language, for the events' texts. */
    public Locale locale() {
        return locale;
    }

    public Instant since() {
        return since;
    }

    public void add(CalendarFile.Event event) {
        events.add(event);
    }

    List<CalendarFile.Event> events() {
        return events.stream().sorted(Comparator.comparing(CalendarFile.Event::start)).toList();
    }
}
