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
 * Links that finish a sign-up, mailed to its address when signing up would take over what the address already holds
 * (see {@link AccountService#signUp}). A link works once, for {@link #VALID_FOR}; only its token's hash is stored.
 */
@ApplicationScoped
public class SignUpLinks {

    static final Duration VALID_FOR = Duration.ofDays(1);
    /** Links open at once for one address: enough for a lost mail, not a way to flood a mailbox. */
    static final int OPEN_LINKS_MAX = 3;

    private final NotificationService notifications;

    SignUpLinks(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** Keeps what the form gave and mails the address a link to finish; nothing is mailed past {@link #OPEN_LINKS_MAX}. */
    @Transactional(TxType.MANDATORY)
    void send(String email, String displayName, String passwordHash, String language, String nextPath, Locale locale) {
        Instant now = Instant.now();
        PendingSignUp.delete("expiresAt < ?1", now);
        if (PendingSignUp.count("email", email) >= OPEN_LINKS_MAX) {
            return;
        }
        String token = SecretLinks.newToken();
        PendingSignUp pending = new PendingSignUp();
        pending.email = email;
        pending.displayName = displayName;
        pending.passwordHash = passwordHash;
        pending.preferredLanguage = language;
        pending.nextPath = nextPath;
        pending.tokenHash = SecretLinks.hash(token);
        pending.createdAt = now;
        pending.expiresAt = now.plus(VALID_FOR);
        pending.persist();
        Locale mailLocale = language == null ? locale : Locale.forLanguageTag(language);
        notifications.queueMailTo(email, I18n.message(mailLocale, "signup.link.mail.subject"), I18n.message(mailLocale,
                "signup.link.mail.body", displayName, email, notifications.siteUrl() + "/signup/link/" + token));
    }

    /** The sign-up a link finishes, while the link works. */
    static Optional<PendingSignUp> usable(String token) {
        return SecretLinks.storedFormOf(token).flatMap(hash -> PendingSignUp.find("tokenHash", hash).<PendingSignUp>firstResultOptional())
                .filter(pending -> pending.expiresAt.isAfter(Instant.now()));
    }
}
