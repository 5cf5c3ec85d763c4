package org.entraide.course;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Fired to gather what comes up soon for a person, for the top of their courses page: each feature with dated things
 * (study sessions, meetups) adds its own, so that the page needs not know them.
 */
public final class ComingUp {

    /** How far ahead the page looks: the next two weeks. */
    public static final Duration AHEAD = Duration.ofDays(14);
    /** At most this many, the soonest: the page is a glance, the group and meetup pages hold the rest. */
    public static final int MAX = 6;

    /**
     * One thing to come: when it starts, what it is, when and where in words (in the zone its own page uses), and
     * the local path of its page. {@code waiting}: on a meetup's waiting list rather than going.
     */
    public record Item(Instant start, String title, String when, String where, String link, boolean waiting) {
    }

    private final long personId;
    private final Locale locale;
    private final Instant now;
    private final List<Item> items = new ArrayList<>();

    public ComingUp(long personId, Locale locale, Instant now) {
        this.personId = personId;
        this.locale = locale;
        this.now = now;
    }

    public long personId() {
        return personId;
    }

    public Locale locale() {
        return locale;
    }

    public Instant now() {
        return now;
    }

    public Instant until() {
        return now.plus(AHEAD);
    }

    public void add(Item item) {
        items.add(item);
    }

    /** The soonest first, at most {@value #MAX}. */
    public List<Item> items() {
        return items.stream().sorted(Comparator.comparing(Item::start)).limit(MAX).toList();
    }
}
