package org.entraide.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.entraide.notify.NotificationService;
import org.entraide.web.FormErrors;
import org.entraide.web.I18n;
import org.entraide.web.SecretLinks;
import org.entraide.web.Texts;
import org.jboss.logging.Logger;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * "Forgot your password?" for local accounts: a link by e-mail, valid for an hour and once, to choose a new password.
 * Asking never says whether the e-mail has an account, by its answer or its timing: a background job sends the link.
 * Only the token's hash is stored.
 */
@ApplicationScoped
public class PasswordResetService {

    static final Duration VALID_FOR = Duration.ofHours(1);
    /** Links sent to one person within {@link #VALID_FOR}: enough for a lost mail, not a way to flood a mailbox. */
    static final int OPEN_LINKS_MAX = 3;
    private static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(PasswordResetService.class);

    private final NotificationService notifications;

    PasswordResetService(NotificationService notifications) {
        this.notifications = notifications;
    }

    /**
     * Stores a request for a link to the account with this e-mail, sent by {@link #sendRequested} if there is an account
     * that signs in here (not through single sign-on) with fewer than {@link #OPEN_LINKS_MAX} open links. The request
     * is stored the same way for every valid address, so neither its answer nor its timing says whether the account
     * exists; while one waits for its address, asking again stores nothing more. A malformed e-mail is an error at the field.
     */
    @Transactional
    public void request(String rawEmail) {
        FormErrors errors = new FormErrors();
        String email = Person.normalizeEmail(Texts.trimToNull(rawEmail));
        if (email == null) {
            errors.add("email", "error.required");
        } else if (!Texts.isEmail(email) || email.length() > 254) {
            errors.add("email", "error.email");
        }
        errors.throwIfAny();
        // one request waits per address: asking again before the job runs would only queue the same work
        if (PasswordResetRequest.count("email", email) == 0) {
            PasswordResetRequest asked = new PasswordResetRequest();
            asked.email = email;
            asked.requestedAt = Instant.now();
            asked.persist();
        }
    }

    @Scheduled(every = "${entraide.delivery.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sendRequested();
    }

    /**
     * Handles the stored requests, oldest first, each in its own transaction: a link is queued for the mail outbox
     * where {@link #request} says so. Returns how many requests were handled.
     */
    public int sendRequested() {
        int handled = 0;
        List<Long> ids;
        do {
            ids = QuarkusTransaction.requiringNew().call(() -> PasswordResetRequest.oldestIds(BATCH));
            for (Long id : ids) {
                try {
                    if (QuarkusTransaction.requiringNew().call(() -> handle(id))) {
                        handled++;
                    }
                } catch (RuntimeException e) {
                    // dropped, so that it cannot hold back the requests after it; the person can ask again
                    LOG.error("Password link request " + id + " failed and is dropped", e);
                    QuarkusTransaction.requiringNew().run(() -> PasswordResetRequest.deleteById(id));
                }
            }
        } while (ids.size() == BATCH);
        return handled;
    }

    private boolean handle(long id) {
        PasswordResetRequest asked = PasswordResetRequest.findById(id);
        // deleting claims it: another instance handling it too waits for the row, then deletes nothing
        if (asked == null || PasswordResetRequest.delete("id", id) == 0) {
            return false;
        }
        Optional<Person> found = Person.findByEmail(asked.email).filter(p -> p.oidcSubject == null);
        if (found.isEmpty()) {
            return true;
        }
        Person person = found.get();
        Instant now = Instant.now();
        PasswordReset.delete("person.id = ?1 and expiresAt < ?2", person.id, now);
        if (PasswordReset.count("person.id = ?1 and usedAt is null", person.id) >= OPEN_LINKS_MAX) {
            LOG.infof("Password link for person %d not sent: %d links still open", person.id, OPEN_LINKS_MAX);
            return true;
        }
        String token = SecretLinks.newToken();
        PasswordReset reset = new PasswordReset();
        reset.person = person;
        reset.tokenHash = SecretLinks.hash(token);
        reset.createdAt = now;
        reset.expiresAt = now.plus(VALID_FOR);
        reset.persist();
        Locale locale = person.mailLocale();
        notifications.queueMail(person, I18n.message(locale, "reset.mail.subject"), I18n.message(locale, "notify.mail.greeting",
                person.firstName()) + "\n\n" + I18n.message(locale, "reset.mail.body", person.email,
                        notifications.siteUrl() + "/password/reset/" + token));
        return true;
    }

    /** The e-mail of the account a link is for, while the link is usable. */
    public Optional<String> emailFor(String token) {
        return usable(token).map(reset -> reset.person.email);
    }

    /**
     * Sets the new password through a usable link, which then stops working (as do the person's other links and
     * sessions), and lifts a sign-in lock on the e-mail. Empty when the link is not usable.
     */
    @Transactional
    public Optional<Person> choose(String token, String password, String confirmation) {
        Optional<PasswordReset> found = usable(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Person person = found.get().person;
        FormErrors errors = new FormErrors();
        AccountService.checkNewPassword(errors, "password", password, confirmation, person.email);
        errors.throwIfAny();
        person.passwordHash = BcryptUtil.bcryptHash(password);
        person.sessionGeneration++;
        found.get().usedAt = Instant.now();
        PasswordReset.delete("person.id = ?1 and id <> ?2", person.id, found.get().id);
        LoginThrottle.delete("throttleKey", person.email);
        AddressConfirmations.markConfirmed(person); // the link came through the mailbox
        return Optional.of(person);
    }

    private static Optional<PasswordReset> usable(String token) {
        return SecretLinks.storedFormOf(token).flatMap(hash -> PasswordReset.find("tokenHash", hash).<PasswordReset>firstResultOptional())
                .filter(r -> r.usable(Instant.now()));
    }
}
