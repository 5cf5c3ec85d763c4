package org.entraide.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.entraide.web.EntraideConfig;

/**
 * The address in every mail to a person that stops Entraide's e-mails to them at once (the mail app's "unsubscribe",
 * RFC 8058): {@code /mail/off/{personId}-{signature}}. Signed rather than stored; it can only turn mail off, which the
 * person turns on again on their account page, so it needs no expiry.
 */
@ApplicationScoped
public class MailOffLink {

    public static final String PATH = "/mail/off/";

    private final Signature signature;
    private final String siteUrl;

    MailOffLink(EntraideConfig config) {
        this.signature = new Signature(config.auth().sessionSecret());
        this.siteUrl = config.siteUrl();
    }

    public String url(Person person) {
        return siteUrl + PATH + person.id + "-" + signature.sign(payload(person.id));
    }

    /** The person this token stops mail for, if it is theirs. */
    public Optional<Person> holder(String token) {
        return Signature.IdToken.parse(token).filter(parsed -> signature.verifies(payload(parsed.id()), parsed.signature()))
                .flatMap(parsed -> Person.findByIdOptional(parsed.id()));
    }

    /** No e-mail any more, digests included; notices still appear in Entraide. Returns false for a wrong token. */
    @Transactional
    public boolean turnOff(String token) {
        return holder(token).map(person -> {
            person.emailNotifications = EmailNotifications.NONE;
            person.messageMail = MessageMail.NOTICE;
            return true;
        }).orElse(false);
    }

    /** Prefixed, so that no other signature made with the same secret (sessions, calendars) can serve as one. */
    private static String payload(long personId) {
        return "mail-off:" + personId;
    }
}
