package org.entraide.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.availability.WeekMask;
import org.entraide.availability.WeeklyAvailability;
import org.entraide.course.Course;
import org.entraide.geo.Gazetteer;
import org.entraide.geo.GeoService;
import org.entraide.geo.Place;
import org.entraide.matching.engine.UnmatchedReason;
import org.entraide.web.Queries;
import org.hibernate.annotations.DynamicUpdate;

/** A learner's declaration for one course: where, when, languages, formats, motives and goals. */
@Entity
// An UPDATE writes only the columns this transaction changed: the learner edits the profile while jobs change the
// status (expiry, matching), and a whole-row write from a stale copy would undo the other's change (LostUpdateTest).
@DynamicUpdate
@Table(name = "enrolment")
public class Enrolment extends PanacheEntityBase {

    public enum Status {
        /** Joined; the profile is not complete yet. */
        DRAFT,
        /** Profile complete, waiting for a match. */
        WAITING,
        /** In a tandem or group. */
        MATCHED,
        /** Does not want to be matched for now. */
        PAUSED
    }

    /** "How did the course go?" opens this many days before the course's end date. */
    public static final int WRAP_UP_DAYS_BEFORE_END = 7;
    /** …or, in a course without an end date, this long after joining: about a MOOC's length. */
    public static final Duration SELF_PACED_WRAP_UP = Duration.ofDays(42);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "profile_complete", nullable = false)
    public boolean profileComplete;

    @Column(name = "place_id")
    public Long placeId;
    @Column(name = "place_name")
    public String placeName;
    @Column(name = "country_code")
    public String countryCode;
    public Double latitude;
    public Double longitude;
    @Column(name = "travel_radius_km")
    public Integer travelRadiusKm;

    @Column(name = "time_zone")
    public String timeZone;
    /** Weekly availability in local time, {@link WeekMask#toHex()}. */
    @Column(name = "local_week")
    public String localWeek;

    public String languages;
    public String formats;
    public String modalities;
    public String motives;
    @Enumerated(EnumType.STRING)
    @Column(name = "certificate_intent")
    public CertificateIntent certificateIntent;
    @Enumerated(EnumType.STRING)
    @Column(name = "follow_mode")
    public FollowMode followMode;
    @Column(name = "interaction_objects")
    public String interactionObjects;
    @Enumerated(EnumType.STRING)
    public Situation situation;
    public String sector;
    public String organisation;
    @Enumerated(EnumType.STRING)
    @Column(name = "mooc_experience")
    public MoocExperience moocExperience;
    public String introduction;
    @Column(name = "can_organise_meetup", nullable = false)
    public boolean canOrganiseMeetup;

    /** Since when the learner waits for a match: those who waited longest are placed first. */
    @Column(name = "waiting_since")
    public Instant waitingSince;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    /** When a course team's import last wrote the answers; null if none did. */
    @Column(name = "imported_at")
    public Instant importedAt;

    /** Why the last matching run that had the learner waiting placed them nowhere, and for which format; null once placed. */
    @Enumerated(EnumType.STRING)
    @Column(name = "unplaced_reason")
    public UnmatchedReason unplacedReason;
    @Enumerated(EnumType.STRING)
    @Column(name = "unplaced_format")
    public Format unplacedFormat;
    @Column(name = "unplaced_at")
    public Instant unplacedAt;

    /** The learner's own answer to "How did the course go?" (the course team sees counts only); null until answered. */
    @Enumerated(EnumType.STRING)
    @Column(name = "course_result")
    public CourseResult courseResult;
    @Enumerated(EnumType.STRING)
    @Column(name = "partners_helped")
    public PartnersHelped partnersHelped;
    @Column(name = "wrap_up_answered_at")
    public Instant wrapUpAnsweredAt;
    /** When the end-of-course notice asked for that answer; it is sent once. */
    @Column(name = "wrap_up_asked_at")
    public Instant wrapUpAskedAt;
    /** When the learner was reminded to finish their profile; it is sent once. */
    @Column(name = "profile_reminded_at")
    public Instant profileRemindedAt;
    /** When the course team last sent the learner an announcement; null if it never did. */
    @Column(name = "announcement_at")
    public Instant announcementAt;

    /**
     * Whether the learner saved answers of their own since joining or since the last import (only their own saves
     * move {@link #updatedAt} past those): an import then keeps the answers as they are.
     */
    public boolean answeredByLearner() {
        return updatedAt.isAfter(importedAt != null ? importedAt : joinedAt);
    }

    /** Takes everything a profile declares except where the learner lives (callers resolve the city). */
    public void declare(LearnerProfile p) {
        travelRadiusKm = p.travelRadiusKm();
        timeZone = GeoService.currentId(p.zone().getId());
        localWeek = p.localWeek().toHex();
        languages = Languages.join(p.languages());
        formats = EnumSets.join(p.formats());
        modalities = EnumSets.join(p.modalities());
        motives = EnumSets.join(p.motives());
        certificateIntent = p.certificateIntent();
        followMode = p.followMode();
        interactionObjects = EnumSets.join(p.interactionObjects());
        situation = p.situation();
        sector = p.sector();
        organisation = p.organisation();
        moocExperience = p.moocExperience();
        introduction = p.introduction();
        canOrganiseMeetup = p.canOrganiseMeetup();
    }

    /**
     * Why the learner still has no partners, while it holds: they wait, and neither waited again nor changed their
     * profile since the run that found it (the next run will tell). Null otherwise.
     */
    public UnmatchedReason whyUnplaced() {
        if (status != Status.WAITING || unplacedReason == null || unplacedAt.isBefore(updatedAt)
                || waitingSince != null && unplacedAt.isBefore(waitingSince)) {
            return null;
        }
        return unplacedReason;
    }

    /** The profile step where the learner can change what keeps them unplaced; null when nothing of theirs would help. */
    public String stepForUnplaced() {
        return switch (unplacedReason) {
            case NO_AVAILABILITY, NO_COMMON_TIME -> "when";
            case NO_SHARED_LANGUAGE, NO_SHARED_MODALITY -> "how";
            case NOBODY_WITHIN_RADIUS, TOO_FEW_NEARBY -> "where";
            case EXCLUDED, PARTNERS_TAKEN, PREFORMED_UNIT_TOO_LARGE, TOO_FEW_WAITING -> null;
        };
    }

    /**
     * Whether "How did the course go?" is open: from a week before the course's end date, or for a course without one
     * (self-paced), {@link #SELF_PACED_WRAP_UP} after joining; only for learners who completed their profile.
     */
    public boolean wrapUpOpen(Instant now) {
        if (!profileComplete) {
            return false;
        }
        if (course.endDate == null) {
            return !now.isBefore(joinedAt.plus(SELF_PACED_WRAP_UP));
        }
        LocalDate today = now.atZone(zone() == null ? ZoneOffset.UTC : zone()).toLocalDate();
        return !today.isBefore(course.endDate.minusDays(WRAP_UP_DAYS_BEFORE_END));
    }

    /** Whether "How did the course go?" is open and waits for the learner's answer ("My courses" says so). */
    public boolean wrapUpToAnswer() {
        return wrapUpAnsweredAt == null && wrapUpOpen(Instant.now());
    }

    public WeekMask week() {
        return localWeek == null ? WeekMask.EMPTY : WeekMask.fromHex(localWeek);
    }

    /**
     * The learner's city in the reader's language ("Londres, Royaume-Uni"); the name stored with the profile (in English)
     * when the gazetteer no longer has the city, "" when there is none.
     */
    public String placeLabel(Locale locale) {
        Optional<Place> place = placeId == null ? Optional.empty() : Gazetteer.loadDefault().byId(placeId);
        return place.map(p -> p.label(locale)).orElse(placeName == null ? "" : placeName);
    }

    /** The profile's zone; null when there is none or this Java no longer knows it (then UTC is used). */
    public ZoneId zone() {
        return GeoService.zoneOrNull(timeZone);
    }

    /** This learner's weekly hours as seen in {@code viewer}'s local week containing {@code day}. */
    public WeekMask weekSeenFrom(ZoneId viewer, LocalDate day) {
        WeekMask utc = new WeeklyAvailability(zone() == null ? ZoneOffset.UTC : zone(), week()).toUtc(day);
        return WeeklyAvailability.toLocal(utc, viewer, day);
    }

    /** The person's zone in the course (their profile's), else their {@link #readerZone} (course staff, say). */
    public static ZoneId zoneOf(long courseId, long personId) {
        return find(courseId, personId).map(Enrolment::zone).orElseGet(() -> readerZone(personId));
    }

    /**
     * The zone of each person's profile in the course, in one statement, for notices sent in batches; a person whose
     * profile has none is left out (callers fall back to UTC).
     */
    public static Map<Long, ZoneId> profileZones(long courseId, Collection<Long> personIds) {
        Map<Long, ZoneId> zones = new HashMap<>();
        if (!personIds.isEmpty()) {
            for (Object[] row : getEntityManager().createQuery("select e.person.id, e.timeZone from Enrolment e where e.course.id = ?1"
                    + " and e.person.id in ?2 and e.timeZone is not null", Object[].class).setParameter(1, courseId)
                    .setParameter(2, personIds).getResultList()) {
                ZoneId zone = GeoService.zoneOrNull((String) row[1]);
                if (zone != null) {
                    zones.put((Long) row[0], zone);
                }
            }
        }
        return zones;
    }

    /**
     * The zone of pages that have no course profile to go by: the account's, else that of the person's latest course
     * profile (most learners never set the account's), else UTC.
     */
    public static ZoneId readerZone(long personId) {
        Person person = Person.findById(personId);
        ZoneId account = person == null ? null : GeoService.zoneOrNull(person.timeZone);
        if (account != null) {
            return account;
        }
        return getEntityManager().createQuery("select e.timeZone from Enrolment e where e.person.id = ?1 and e.timeZone is not null"
                + " order by e.id desc", String.class).setParameter(1, personId).setMaxResults(1).getResultStream()
                .map(GeoService::zoneOrNull).filter(Objects::nonNull).findFirst().orElse(ZoneId.of("UTC"));
    }

    public Set<String> languageSet() {
        return Languages.parse(languages);
    }

    public Set<Format> formatSet() {
        return EnumSets.parse(Format.class, formats);
    }

    public Set<Modality> modalitySet() {
        return EnumSets.parse(Modality.class, modalities);
    }

    public Set<Motive> motiveSet() {
        return EnumSets.parse(Motive.class, motives);
    }

    public Set<InteractionObject> objectSet() {
        return EnumSets.parse(InteractionObject.class, interactionObjects);
    }

    public static Optional<Enrolment> find(long courseId, long personId) {
        // the course is eager: fetched in the same statement rather than by a second one
        return find("from Enrolment e join fetch e.course where e.course.id = ?1 and e.person.id = ?2", courseId, personId)
                .firstResultOptional();
    }

    /**
     * An enrolment of the person's, with how many proposals of its course wait for their answer, and how many they
     * accepted while the others have not all answered yet.
     */
    public record WithAnswersDue(Enrolment enrolment, long proposalsToAnswer, long proposalsAccepted) {
    }

    /**
     * The person's enrolments with their courses (the list shows the titles) and, in the same statement, their open
     * proposals in each; courses that ended come after the others. The enum values are named in full: matching
     * depends on profiles, not the reverse.
     */
    public static List<WithAnswersDue> ofPerson(long personId) {
        return getEntityManager().createQuery("""
                select e,
                  (select count(pm.id) from ProposalMember pm where pm.person = e.person and pm.proposal.course = c
                     and pm.response = org.entraide.matching.ProposalMember.Response.PENDING
                     and pm.proposal.status = org.entraide.matching.Proposal.Status.PENDING),
                  (select count(pm.id) from ProposalMember pm where pm.person = e.person and pm.proposal.course = c
                     and pm.response = org.entraide.matching.ProposalMember.Response.ACCEPTED
                     and pm.proposal.status = org.entraide.matching.Proposal.Status.PENDING)
                from Enrolment e join fetch e.course c where e.person.id = ?1
                order by case when c.endDate < ?2 then 1 else 0 end, c.title""", Object[].class)
                // a list, not a stream: a stream opens a scrollable result set, which costs more for these few rows
                .setParameter(1, personId).setParameter(2, LocalDate.now(ZoneOffset.UTC)).getResultList().stream()
                .map(row -> new WithAnswersDue((Enrolment) row[0], (Long) row[1], (Long) row[2])).toList();
    }

    public static long countInCourse(long courseId) {
        return Queries.count(Enrolment.class, "course.id = ?1", courseId);
    }

    public static long countInCourse(long courseId, Status status) {
        return Queries.count(Enrolment.class, "course.id = ?1 and status = ?2", courseId, status);
    }
}
