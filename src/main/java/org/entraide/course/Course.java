package org.entraide.course;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.entraide.profile.EnumSets;
import org.entraide.profile.Format;
import org.entraide.profile.Languages;
import org.entraide.web.Texts;
import org.hibernate.annotations.DynamicUpdate;

/** One MOOC session for which a course team enabled study partners, with its matching rules. */
@Entity
// An UPDATE writes only the columns this transaction changed: the team edits settings and rules while the rolling job
// stamps its last run, and a whole-row write from a stale copy would undo the other's change (LostUpdateTest).
@DynamicUpdate
@Table(name = "course")
public class Course extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String title;

    public String description;
    public String platform;
    public String url;

    /** ISO 639-1 codes, comma-separated. */
    @Column(nullable = false)
    public String languages;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    public Integer weeks;

    /** Formats offered, comma-separated {@link Format} names. */
    @Column(nullable = false)
    public String formats;

    @Column(name = "group_min", nullable = false)
    public int groupMin;

    @Column(name = "group_max", nullable = false)
    public int groupMax;

    @Column(name = "min_overlap_hours", nullable = false)
    public int minOverlapHours;

    @Column(name = "consent_window_days", nullable = false)
    public int consentWindowDays;

    @Column(name = "default_radius_km", nullable = false)
    public int defaultRadiusKm;

    @Column(name = "signup_open", nullable = false)
    public boolean signupOpen;

    @Column(name = "invite_code", nullable = false, unique = true)
    public String inviteCode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Matching weights, e.g. "COMMON_HOURS:3:SIMILAR,PROXIMITY:1:DIVERSE"; null means the engine's defaults. */
    public String weights;

    @Column(name = "rolling_enabled", nullable = false)
    public boolean rollingEnabled = true;

    @Column(name = "rolling_cadence_hours", nullable = false)
    public int rollingCadenceHours = 24;

    @Column(name = "max_wait_days", nullable = false)
    public int maxWaitDays = 7;

    @Column(name = "meetup_min_size", nullable = false)
    public int meetupMinSize = 5;

    /** Set by a platform administrator: the course team may import learners (Entraide then writes to their addresses). */
    @Column(name = "import_allowed", nullable = false)
    public boolean importAllowed;

    @Column(name = "last_rolling_run_at")
    public Instant lastRollingRunAt;

    public Set<Format> formatSet() {
        return EnumSets.parse(Format.class, formats);
    }

    /**
     * The course's last day is behind (in UTC): rolling matching has stopped, waiting learners are told so, and nobody
     * joins it any more.
     */
    public boolean ended() {
        return endDate != null && endDate.isBefore(LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * Why nobody new may join, as an error key, or null: sign-up closed by the team, or the course ended (nobody would
     * be matched any more; its next session has its own link).
     */
    public String joinRefusal() {
        return !signupOpen ? "error.signup-closed" : ended() ? "error.course-ended" : null;
    }

    public boolean offers(Format format) {
        return formatSet().contains(format);
    }

    public boolean offersMeetups() {
        return offers(Format.LOCAL_MEETUP);
    }

    public Set<String> languageSet() {
        return Languages.parse(languages);
    }

    public static Optional<Course> findByInviteCode(String code) {
        // anything that is not a code Entraide issues never reaches the database (PostgreSQL refuses a NUL: a 500)
        if (!Texts.isLinkCode(code)) {
            return Optional.empty();
        }
        return find("inviteCode", code).firstResultOptional();
    }
}
