package org.entraide.account;

import java.time.Instant;
import java.time.ZoneId;
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

    @Column(name = "platform_admin", nullable = false)
    public boolean platformAdmin;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The person's own zone (account page), used where no course profile gives one; null: UTC. */
    @Column(name = "time_zone")
    public String timeZone;

    public static Optional<Person> findByEmail(String email) {
        return find("email", normalizeEmail(email)).firstResultOptional();
    }

    public static Optional<Person> findByOidcSubject(String subject) {
        return find("oidcSubject", subject).firstResultOptional();
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** What other learners see: the first word of the display name. */
    public String firstName() {
        String trimmed = displayName.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /** The zone of pages that have no course profile to go by (course-team pages): the account's, else UTC. */
    public static ZoneId zoneOf(long personId) {
        Person person = findById(personId);
        ZoneId zone = person == null ? null : GeoService.zoneOrNull(person.timeZone);
        return zone == null ? ZoneId.of("UTC") : zone;
    }

    /** The language mail and notifications reach the person in: theirs if Entraide speaks it, else English. */
    public Locale mailLocale() {
        return I18n.supported(preferredLanguage == null ? Locale.ENGLISH : Locale.forLanguageTag(preferredLanguage));
    }
}
