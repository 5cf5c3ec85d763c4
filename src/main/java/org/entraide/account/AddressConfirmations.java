package org.entraide.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.entraide.notify.NotificationService;
import org.entraide.web.I18n;
import org.entraide.web.SecretLinks;

/**
 * Confirms that a local account's address is its holder's, by a link mailed to it and opened while signed in to that
 * account. Signing in is asked for because the mailbox's owner may not be the one who signed up: clicking a link out
 * of curiosity must not hand the address to someone else's account. Until then the account works as usual, but a
 * course team's staff invitation to the address goes by mail (see {@code StaffInvites}).
 */
@ApplicationScoped
public class AddressConfirmations {

    static final Duration VALID_FOR = Duration.ofDays(3);
    /** Links open at once for one account: enough for a lost mail, not a way to flood a mailbox. */
    static final int OPEN_LINKS_MAX = 3;
    private static final String LINK_PATH = "/account/confirm/";

    private final NotificationService notifications;

    AddressConfirmations(NotificationService notifications) {
        this.notifications = notifications;
    }

    /**
     * Mails the person a link that confirms their address, in their language or else {@code locale}; returns false,
     * mailing nothing, when the address is confirmed already or {@link #OPEN_LINKS_MAX} links are still open.
     */
    @Transactional(TxType.MANDATORY)
    boolean send(Person person, Locale locale) {
        if (person.hasConfirmedAddress()) {
            return false;
        }
        Instant now = Instant.now();
        AddressConfirmation.delete("person.id = ?1 and expiresAt < ?2", person.id, now);
        if (AddressConfirmation.count("person.id", person.id) >= OPEN_LINKS_MAX) {
            return false;
        }
        String token = SecretLinks.newToken();
        AddressConfirmation link = new AddressConfirmation();
        link.person = person;
        link.email = person.email;
        link.tokenHash = SecretLinks.hash(token);
        link.createdAt = now;
        link.expiresAt = now.plus(VALID_FOR);
        link.persist();
        Locale mailLocale = person.preferredLanguage == null ? locale : person.mailLocale();
        notifications.queueMailTo(person.email, I18n.message(mailLocale, "address.mail.subject"), I18n.message(mailLocale,
                "address.mail.body", person.firstName(), person.email, notifications.siteUrl() + LINK_PATH + token,
                notifications.siteUrl() + "/password/forgot"));
        return true;
    }

    /** Mails a new link at the signed-in person's request (the account page); false when none was sent. */
    @Transactional
    public boolean resend(long personId, Locale locale) {
        return send(Person.findById(personId), locale);
    }

    /** The address a link confirms, while it works and belongs to the signed-in person. */
    @Transactional
    public Optional<String> emailFor(String token, long personId) {
        return usable(token, personId).map(link -> link.email);
    }

    /** Confirms the signed-in person's address by a link of theirs; false when the link does not work for them. */
    @Transactional
    public boolean confirm(String token, long personId) {
        Optional<AddressConfirmation> found = usable(token, personId);
        found.ifPresent(link -> markConfirmed(link.person));
        return found.isPresent();
    }

    /** The mailbox proved to be the person's (this link, a sign-up or password link, or the identity provider). */
    static void markConfirmed(Person person) {
        if (person.emailConfirmedAt != null) {
            return; // no link is open then: none is sent to a confirmed address
        }
        person.emailConfirmedAt = Instant.now();
        if (person.id != null) {
            AddressConfirmation.delete("person.id", person.id);
        }
    }

    private static Optional<AddressConfirmation> usable(String token, long personId) {
        return SecretLinks.storedFormOf(token)
                .flatMap(hash -> AddressConfirmation.find("tokenHash", hash).<AddressConfirmation>firstResultOptional())
                // a link sent to an address the account no longer has confirms nothing, on the page as on the button
                .filter(link -> link.person.id == personId && link.email.equals(link.person.email)
                        && link.expiresAt.isAfter(Instant.now()));
    }
}
