package org.entraide.account;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.entraide.geo.GeoService;
import org.entraide.web.I18n;

/** Someone with an account: a learner, a course-team member, an organizer or all of these. */
@Entity
@Table(name = "app_person")
public class Person extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String email;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    /** Bcrypt hash; null for people who sign in through Keycloak. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "oidc_subject", unique = true)
    public String oidcSubject;

    /** {@code en} or {@code fr}; null means "follow the browser". */
    @Column(name = "preferred_language")
    public String preferredLanguage;

    @Enumerated(EnumType.STRING)
    @Column(name = "email_notifications", nullable = false)
    public EmailNotifications emailNotifications = EmailNotifications.ALL;

    @Enumerated(EnumType.STRING)
    @Column(name = "message_mail", nullable = false)
    public MessageMail messageMail = MessageMail.NOTICE;

    /** The messages written after this instant go into the next digest; null unless a digest is chosen. */
    @Column(name = "digest_since")
    public Instant digestSince;

    /** Session cookies of an older generation no longer sign in: moving it on ends every other session. */
    @Column(name = "session_generation", nullable = false)
    public int sessionGeneration;

    /** Whether the person's calendar feed answers (see {@link CalendarLink}). */
    @Column(name = "calendar_feed_on", nullable = false)
    public boolean calendarFeedOn;

    /** Part of the feed's secret address: moving it on voids the older addresses. */
    @Column(name = "calendar_feed_generation", nullable = false)
    public int calendarFeedGeneration;

    @Column(name = "platform_admin", nullable = false)
    public boolean platformAdmin;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * When the mailbox proved to be the account holder's (see {@link AddressConfirmations}); null: the address is only
     * what was typed at sign-up, so nothing sent to the address by others (a staff invitation) goes to this account.
     */
    @Column(name = "email_confirmed_at")
    public Instant emailConfirmedAt;

    /** The person's own zone (account page), used where no course profile gives one; null: UTC. */
    @Column(name = "time_zone")
    public String timeZone;

    /** Ids of people whose message digest is due at {@code now}, the longest waiting first. */
    public static List<Long> digestsDue(Instant now, int limit) {
        return getEntityManager().createQuery("""
                select id from Person
                where messageMail = ?1 and digestSince <= ?2 or messageMail = ?3 and digestSince <= ?4
                order by digestSince, id""", Long.class)
                .setParameter(1, MessageMail.DAILY).setParameter(2, now.minus(MessageMail.DAILY.period))
                .setParameter(3, MessageMail.WEEKLY).setParameter(4, now.minus(MessageMail.WEEKLY.period))
                .setMaxResults(limit).getResultList();
    }

    /** Whether the person's digest is due at {@code now}. */
    public boolean digestDue(Instant now) {
        return messageMail.digest() && digestSince != null && !digestSince.plus(messageMail.period).isAfter(now);
    }

    public static Optional<Person> findByEmail(String email) {
        return find("email", normalizeEmail(email)).firstResultOptional();
    }

    public static Optional<Person> findByOidcSubject(String subject) {
        return find("oidcSubject", subject).firstResultOptional();
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the person made the account themselves (a password, or a single sign-on login), rather than being only
     * imported or named by a course team.
     */
    public boolean ownsAccount() {
        return passwordHash != null || oidcSubject != null;
    }

    /** Whether the account holder proved the address is theirs, so that what others send to it may reach the account. */
    public boolean hasConfirmedAddress() {
        return emailConfirmedAt != null;
    }

    /** What other learners see: the first word of the display name. */
    public String firstName() {
        String trimmed = displayName.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /** The language mail and notifications reach the person in: theirs if Entraide speaks it, else English. */
    public Locale mailLocale() {
        return I18n.supported(preferredLanguage == null ? Locale.ENGLISH : Locale.forLanguageTag(preferredLanguage));
    }
}
