package org.entraide.account;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.entraide.geo.GeoService;
import org.entraide.web.EntraideConfig;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Texts;
import org.jboss.logging.Logger;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Sign-up, sign-in with throttling, password changes and the link between OIDC identities and people. */
@ApplicationScoped
public class AccountService {

    public static final int PASSWORD_MIN = 10;
    /** Bcrypt reads at most 72 bytes; longer passwords would be silently truncated. */
    public static final int PASSWORD_MAX_BYTES = 72;
    public static final int NAME_MAX = 80;
    private static final Logger LOG = Logger.getLogger(AccountService.class);
    /** Compared against when the e-mail is unknown, so that timing does not reveal which accounts exist. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password-000");

    private final EntraideConfig config;
    private final Event<AccountDeleting> deleting;
    private final Event<AccountExport> exporting;
    private final SignUpLinks signUpLinks;
    private final AddressConfirmations addressConfirmations;

    AccountService(EntraideConfig config, Event<AccountDeleting> deleting, Event<AccountExport> exporting, SignUpLinks signUpLinks,
            AddressConfirmations addressConfirmations) {
        this.config = config;
        this.signUpLinks = signUpLinks;
        this.addressConfirmations = addressConfirmations;
        this.deleting = deleting;
        this.exporting = exporting;
    }

    /** What the account itself holds, as it appears in the export (never the password hash). */
    public record AccountData(String email, String displayName, String preferredLanguage, EmailNotifications emailNotifications,
            MessageMail messageMail, String timeZone, String signIn, boolean calendarFeedOn, boolean platformAdmin, Instant createdAt,
            Instant emailConfirmedAt) {
    }

    /** Everything Entraide keeps about the person, section by section, for them to download. */
    @Transactional
    public Map<String, Object> export(long personId, Locale locale) {
        Person person = Person.findById(personId);
        AccountExport export = new AccountExport(personId, locale);
        String signIn = person.passwordHash != null ? "password" : person.oidcSubject != null ? "single sign-on" : "none yet";
        export.add("account", new AccountData(person.email, person.displayName, person.preferredLanguage, person.emailNotifications,
                person.messageMail, person.timeZone, signIn, person.calendarFeedOn, person.platformAdmin, person.createdAt,
                person.emailConfirmedAt));
        exporting.fire(export);
        return export.sections();
    }

    public record SignUp(String email, String displayName, String password, String passwordConfirmation, String language) {
    }

    /**
     * Makes the account and returns it, or returns empty after mailing the address a link that finishes it, when the
     * address already holds something that local accounts, which do not verify addresses, must not hand to whoever
     * typed it: a person a course team imported or added (with their courses and roles), or the configured platform
     * administrator's address. {@code nextPath} is where that link leads once the account is made. A fresh address
     * makes the account at once and is mailed a link to confirm it (see {@link AddressConfirmations}).
     */
    @Transactional
    public Optional<Person> signUp(SignUp form, String nextPath, Locale locale) {
        FormErrors errors = new FormErrors();
        String email = Person.normalizeEmail(Texts.trimToNull(form.email()));
        if (email == null) {
            errors.add("email", "error.required");
        } else if (!Texts.isEmail(email)) {
            errors.add("email", "error.email");
        }
        Optional<Person> existing = errors.has("email") ? Optional.empty() : Person.findByEmail(email);
        if (existing.isPresent() && existing.get().ownsAccount()) {
            errors.add("email", "error.email-taken");
        }
        String name = Texts.check(errors, "displayName", form.displayName(), true, NAME_MAX);
        checkNewPassword(errors, "password", form.password(), form.passwordConfirmation(), email);
        errors.throwIfAny();

        String passwordHash = BcryptUtil.bcryptHash(form.password());
        String language = supportedLanguage(form.language()).orElse(null);
        if (existing.isPresent() || isConfiguredAdmin(email)) {
            signUpLinks.send(email, name, passwordHash, language, nextPath, locale);
            return Optional.empty();
        }
        Person person = new Person();
        person.email = email;
        person.createdAt = Instant.now();
        finishSignUp(person, name, passwordHash, language);
        addressConfirmations.send(person, locale);
        return Optional.of(person);
    }

    /** Where a sign-up link's account is made, and the page to go on to. */
    public record LinkedSignUp(Person person, String nextPath) {
    }

    /**
     * Makes the account a sign-up link was mailed for, on the person the address holds (keeping their courses); the
     * address's other links stop working. Empty when the link does not work, or the address has an account by now.
     */
    @Transactional
    public Optional<LinkedSignUp> finishLinkedSignUp(String token) {
        Optional<PendingSignUp> found = SignUpLinks.usable(token);
        // deleting claims the link: the same link opened twice at once waits for the row, then deletes nothing
        if (found.isEmpty() || PendingSignUp.delete("id", found.get().id) == 0) {
            return Optional.empty();
        }
        PendingSignUp pending = found.get();
        PendingSignUp.delete("email", pending.email);
        Person person = Person.findByEmail(pending.email).orElseGet(() -> {
            Person created = new Person();
            created.email = pending.email;
            created.createdAt = Instant.now();
            return created;
        });
        if (person.ownsAccount()) {
            return Optional.empty();
        }
        AddressConfirmations.markConfirmed(person); // the link came through the mailbox
        return Optional.of(new LinkedSignUp(finishSignUp(person, pending.displayName, pending.passwordHash, pending.preferredLanguage),
                pending.nextPath));
    }

    /** The e-mail of the account a sign-up link is for, while the link works. */
    @Transactional
    public Optional<String> signUpLinkEmail(String token) {
        return SignUpLinks.usable(token).map(pending -> pending.email);
    }

    private Person finishSignUp(Person person, String name, String passwordHash, String language) {
        person.displayName = name;
        person.passwordHash = passwordHash;
        person.preferredLanguage = language;
        person.platformAdmin = person.platformAdmin || isAdminCandidate(person.email);
        person.persist();
        return person;
    }

    /** Checks e-mail and password, counting failures per e-mail; locked accounts are refused even with the right password. */
    @Transactional(dontRollbackOn = InvalidInputException.class)
    public Person logIn(String rawEmail, String password) {
        String email = Person.normalizeEmail(Texts.trimToNull(rawEmail));
        // Text no account can have (control characters, PostgreSQL refuses NUL) is not even looked up.
        if (email == null || password == null || password.isEmpty() || Texts.hasControlCharacters(email)) {
            throw InvalidInputException.of("email", "error.login-failed");
        }
        String key = throttleKey(email);
        LoginThrottle throttle = LoginThrottle.findByKey(key);
        Instant now = Instant.now();
        if (throttle != null && throttle.lockedUntil != null && throttle.lockedUntil.isAfter(now)) {
            throw InvalidInputException.of("email", "error.login-locked");
        }
        Optional<Person> person = Person.findByEmail(email);
        String hash = person.map(p -> p.passwordHash).orElse(null);
        boolean matches = BcryptUtil.matches(password, hash == null ? DUMMY_HASH : hash) && hash != null;
        if (matches) {
            if (throttle != null) {
                throttle.delete();
            }
            return person.get();
        }
        recordFailure(throttle, key, now);
        throw InvalidInputException.of("email", "error.login-failed");
    }

    private static String throttleKey(String email) {
        return email.length() > 254 ? email.substring(0, 254) : email;
    }

    /**
     * Asks for the person's password again (to change it, or to delete the account) under the same lockout as signing
     * in, so that someone holding a stolen session cannot try passwords here either. A wrong password is counted in its
     * own transaction: the form's is rolled back.
     */
    private void checkCurrentPassword(Person person, String password, FormErrors errors, String field) {
        String key = throttleKey(person.email);
        Instant now = Instant.now();
        LoginThrottle throttle = LoginThrottle.findByKey(key);
        if (throttle != null && throttle.lockedUntil != null && throttle.lockedUntil.isAfter(now)) {
            errors.add(field, "error.login-locked");
        } else if (person.passwordHash == null || password == null || !BcryptUtil.matches(password, person.passwordHash)) {
            QuarkusTransaction.requiringNew().run(() -> recordFailure(LoginThrottle.findByKey(key), key, now));
            errors.add(field, "error.password-wrong");
        }
    }

    private void recordFailure(LoginThrottle throttle, String key, Instant now) {
        Duration window = Duration.ofMinutes(config.auth().lockoutMinutes());
        if (throttle == null) {
            throttle = new LoginThrottle();
            throttle.throttleKey = key;
            throttle.firstFailureAt = now;
            throttle.persist();
        } else if (throttle.firstFailureAt.plus(window).isBefore(now)) {
            throttle.failures = 0;
            throttle.firstFailureAt = now;
            throttle.lockedUntil = null;
        }
        throttle.failures++;
        if (throttle.failures >= config.auth().maxFailedLogins()) {
            throttle.lockedUntil = now.plus(window);
        }
    }

    @Transactional
    public Person changePassword(long personId, String current, String password, String confirmation) {
        Person person = Person.findById(personId);
        FormErrors errors = new FormErrors();
        checkCurrentPassword(person, current, errors, "currentPassword");
        checkNewPassword(errors, "password", password, confirmation, person.email);
        errors.throwIfAny();
        person.passwordHash = BcryptUtil.bcryptHash(password);
        // whoever knew the old password is signed out too; the caller gives this device a new cookie
        person.sessionGeneration++;
        return person;
    }

    /** Turns the calendar feed on with a new address; any older address stops working. */
    @Transactional
    public void newCalendarLink(long personId) {
        Person person = Person.findById(personId);
        person.calendarFeedOn = true;
        person.calendarFeedGeneration++;
    }

    /** Turns the calendar feed off; turned on again, it gets a new address ({@link #newCalendarLink}). */
    @Transactional
    public void turnOffCalendarFeed(long personId) {
        Person.<Person>findById(personId).calendarFeedOn = false;
    }

    /** Ends every session of the person; the caller gives the device that asked a new cookie. */
    @Transactional
    public Person endOtherSessions(long personId) {
        Person person = Person.findById(personId);
        person.sessionGeneration++;
        return person;
    }

    /**
     * Deletes the account once confirmed (and, for a local account, its password given again): every feature first
     * ends what the person shares with others (see {@link AccountDeleting}), then the person and what hangs on them go.
     */
    @Transactional
    public void delete(long personId, String currentPassword, String confirmation) {
        Person person = Person.findById(personId);
        FormErrors errors = new FormErrors();
        if (person.passwordHash != null) {
            checkCurrentPassword(person, currentPassword, errors, "deletePassword");
        }
        if (!"yes".equals(confirmation)) {
            errors.add("confirm", "error.confirm-delete-account");
        }
        errors.throwIfAny();
        deleting.fire(new AccountDeleting(person.id, person.email));
        LoginThrottle.delete("throttleKey", person.email);
        // written first: what the observers queued (notices to the others, closed proposals) must not reach the
        // database after the person is gone
        Person.flush();
        // a bulk delete, so that the database removes what hangs on the person (roles, notifications, reports...)
        Person.delete("id", personId);
        LOG.infof("Account %d deleted at its owner's request", personId);
    }

    /**
     * Name, language, e-mail choices and zone; a form without one of the choices or the zone (a page from before it
     * existed) keeps the saved one.
     */
    @Transactional
    public void changeProfile(long personId, String displayName, String language, String emailNotifications, String messageMail,
            String timeZone) {
        FormErrors errors = new FormErrors();
        String name = Texts.check(errors, "displayName", displayName, true, NAME_MAX);
        if (language != null && !language.isBlank() && supportedLanguage(language).isEmpty()) {
            errors.add("language", "error.invalid-choice");
        }
        EmailNotifications mail = choice(errors, "emailNotifications", EmailNotifications.class, emailNotifications);
        MessageMail messages = choice(errors, "messageMail", MessageMail.class, messageMail);
        String zone = Texts.trimToNull(timeZone);
        if (zone != null && !GeoService.isZone(zone)) {
            errors.add("timeZone", "error.invalid-choice");
        } else if (zone != null) {
            zone = GeoService.currentId(zone);
        }
        errors.throwIfAny();
        Person person = Person.findById(personId);
        person.displayName = name;
        if (timeZone != null) { // a form from before the field existed keeps the saved zone
            person.timeZone = zone;
        }
        person.preferredLanguage = supportedLanguage(language).orElse(null);
        if (mail != null) {
            person.emailNotifications = mail;
        }
        if (messages != null) {
            chooseMessageMail(person, messages);
        }
    }

    /** The choice a form field names; null when the field was not sent, an error at the field when it names none. */
    private static <E extends Enum<E>> E choice(FormErrors errors, String field, Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.add(field, "error.invalid-choice");
            return null;
        }
    }

    /** A first digest covers what is written from now on, not the group's whole past; going back to notices ends it. */
    private static void chooseMessageMail(Person person, MessageMail choice) {
        if (!choice.digest()) {
            person.digestSince = null;
        } else if (!person.messageMail.digest()) {
            person.digestSince = Instant.now();
        }
        person.messageMail = choice;
    }

    /**
     * Finds the person behind a Keycloak identity: by subject, then by e-mail, or creates them on first sign-in.
     * An e-mail address counts only once the identity provider has verified it: otherwise anyone could register
     * someone else's address there and become that person here (or platform admin), or hold the address before its
     * owner arrives, since course teams import learners and add staff by e-mail. Such an identity is refused.
     */
    @Transactional(dontRollbackOn = EmailNotVerifiedException.class)
    public Person fromOidc(String subject, String rawEmail, boolean emailVerified, String name, String locale) {
        String claimedEmail = Texts.trimToNull(rawEmail);
        Optional<Person> bySubject = Person.findByOidcSubject(subject);
        if (bySubject.isPresent()) {
            Person person = followEmailChange(bySubject.get(), claimedEmail, emailVerified);
            if (emailVerified && person.email.equals(Person.normalizeEmail(claimedEmail))) {
                AddressConfirmations.markConfirmed(person);
            }
            return person;
        }
        if (claimedEmail != null && !emailVerified) {
            LOG.infof("Sign-in of OIDC subject %s refused: its e-mail address is not verified", subject);
            throw new EmailNotVerifiedException();
        }
        // Without an e-mail claim the person gets an address nobody can own, and is never admin by it.
        String email = Person.normalizeEmail(claimedEmail == null ? subject + "@oidc.invalid" : claimedEmail);
        Person person = Person.findByEmail(email).orElseGet(Person::new);
        if (person.id == null) {
            person.email = email;
            person.displayName = name == null || name.isBlank() ? email.substring(0, email.indexOf('@')) : limit(name, NAME_MAX);
            person.preferredLanguage = supportedLanguage(locale).orElse(null);
            person.createdAt = Instant.now();
            person.platformAdmin = claimedEmail != null && isAdminCandidate(email);
        }
        if (claimedEmail != null) { // verified, as checked above
            AddressConfirmations.markConfirmed(person);
        }
        person.oidcSubject = subject;
        person.persist();
        return person;
    }

    /**
     * Keycloak owns the address in production (Entraide has no form to change it): a new address, once Keycloak has
     * verified it, is where mail goes from the person's next sign-in on. An address another person here holds (someone
     * a course team imported, say) is left alone, since taking it would join two people's data.
     */
    private static Person followEmailChange(Person person, String claimedEmail, boolean emailVerified) {
        if (claimedEmail == null || !emailVerified) {
            return person;
        }
        String email = Person.normalizeEmail(claimedEmail);
        if (email.equals(person.email)) {
            return person;
        }
        if (Person.findByEmail(email).isPresent()) {
            LOG.warnf("Person %d changed their address at the identity provider to one another person holds here: kept the old one",
                    person.id);
            return person;
        }
        person.email = email;
        person.emailConfirmedAt = Instant.now();
        LOG.infof("Person %d changed their address at the identity provider", person.id);
        return person;
    }

    public static Optional<String> supportedLanguage(String language) {
        if (language == null) {
            return Optional.empty();
        }
        String code = language.strip().toLowerCase(Locale.ROOT);
        return code.equals("en") || code.equals("fr") ? Optional.of(code) : Optional.empty();
    }

    private boolean isAdminCandidate(String email) {
        return configuredAdminEmail().map(email::equals).orElseGet(() -> Person.count() == 0);
    }

    private boolean isConfiguredAdmin(String email) {
        return configuredAdminEmail().filter(email::equals).isPresent();
    }

    private Optional<String> configuredAdminEmail() {
        return config.adminEmail().filter(admin -> !admin.isBlank()).map(Person::normalizeEmail);
    }

    static void checkNewPassword(FormErrors errors, String field, String password, String confirmation, String email) {
        if (password == null || password.length() < PASSWORD_MIN) {
            errors.add(field, "error.password-short");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            errors.add(field, "error.password-long");
        } else if (email != null && password.equalsIgnoreCase(email)) {
            errors.add(field, "error.password-is-email");
        } else if (!password.equals(confirmation)) {
            errors.add("passwordConfirmation", "error.password-mismatch");
        }
    }

    private static String limit(String value, int max) {
        String trimmed = value.strip();
        return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
    }
}
