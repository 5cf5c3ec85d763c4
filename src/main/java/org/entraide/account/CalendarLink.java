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
        return Signature.IdToken.parse(token).flatMap(parsed -> Person.<Person>findByIdOptional(parsed.id())
                .filter(person -> person.calendarFeedOn && signature.verifies(payload(person), parsed.signature())));
    }

    private String token(Person person) {
        return person.id + "-" + signature.sign(payload(person));
    }

    /** Prefixed, so that no session cookie's signature (its payload starts with a digit) can serve as one. */
    private static String payload(Person person) {
        return "calendar-feed:" + person.id + ":" + person.calendarFeedGeneration;
    }
}
