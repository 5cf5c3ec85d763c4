package org.entraide.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.web.EntraideConfig;

/**
 * The secret address of a person's calendar feed, which calendar apps poll without signing in:
 * {@code /calendar/{personId}-{signature}.ics}. The signature covers the person and their feed generation, so nothing
 * secret is stored and moving the generation on (each new address) voids every older one.
 */
@ApplicationScoped
public class CalendarLink {

    private final Signature signature;
    private final String siteUrl;

    CalendarLink(EntraideConfig config) {
        this.signature = new Signature(config.auth().sessionSecret());
        this.siteUrl = config.siteUrl();
    }

    /** The address to subscribe to, while the person's feed is on. */
    public Optional<String> url(Person person) {
        return person.calendarFeedOn ? Optional.of(siteUrl + "/calendar/" + token(person) + ".ics") : Optional.empty();
    }

    /** The person whose feed this token opens, if it is their current one and the feed is on. */
    public Optional<Person> holder(String token) {
        int dash = token == null ? -1 : token.indexOf('-');
        if (dash < 1 || dash > 19 || token.length() > 80) {
            return Optional.empty();
        }
        long personId;
        try {
            personId = Long.parseLong(token.substring(0, dash));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Person.<Person>findByIdOptional(personId)
                .filter(person -> person.calendarFeedOn && signature.verifies(payload(person), token.substring(dash + 1)));
    }

    private String token(Person person) {
        return person.id + "-" + signature.sign(payload(person));
    }

    /** Prefixed, so that no session cookie's signature (its payload starts with a digit) can serve as one. */
    private static String payload(Person person) {
        return "calendar-feed:" + person.id + ":" + person.calendarFeedGeneration;
    }
}
