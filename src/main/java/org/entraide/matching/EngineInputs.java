package org.entraide.matching;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.entraide.availability.WeeklyAvailability;
import org.entraide.matching.engine.EngineLearner;
import org.entraide.profile.Enrolment;
import org.entraide.profile.LearnerProfile;
import org.entraide.profile.PartnerInvite;

/** Turns saved profiles into the engine's learners for the week concerned (ids are person ids). */
public final class EngineInputs {

    /** The week generated populations are converted to UTC for: fixed so that runs are reproducible. */
    public static final LocalDate GENERATED_WEEK = LocalDate.of(2025, 10, 6);

    private final Map<Long, Set<Long>> exclusions;
    private final Map<Long, Set<Long>> partners;
    private final LocalDate week;

    private EngineInputs(Map<Long, Set<Long>> exclusions, Map<Long, Set<Long>> partners, LocalDate week) {
        this.exclusions = exclusions;
        this.partners = partners;
        this.week = week;
    }

    /** Inputs for a course, for the current week in UTC (availability is converted with that week's offsets). */
    static EngineInputs forCourse(long courseId) {
        Map<Long, Set<Long>> partners = new HashMap<>();
        List<PartnerInvite> agreed = PartnerInvite.list("course.id = ?1 and status = ?2", courseId, PartnerInvite.Status.AGREED);
        for (PartnerInvite invite : agreed) {
            partners.computeIfAbsent(invite.inviter.id, k -> new HashSet<>()).add(invite.invitee.id);
            partners.computeIfAbsent(invite.invitee.id, k -> new HashSet<>()).add(invite.inviter.id);
        }
        return new EngineInputs(MatchExclusion.ofCourse(courseId), partners, LocalDate.now(ZoneOffset.UTC));
    }

    EngineLearner learner(Enrolment e) {
        ZoneId zone = e.zone() == null ? ZoneOffset.UTC : e.zone();
        long id = e.person.id;
        return new EngineLearner(String.valueOf(id), new WeeklyAvailability(zone, e.week()).toUtc(week),
                zone.getRules().getOffset(Instant.now()).getTotalSeconds() / 60, e.languageSet(), e.modalitySet(), e.formatSet(),
                e.latitude == null ? Double.NaN : e.latitude, e.longitude == null ? Double.NaN : e.longitude,
                e.travelRadiusKm == null ? 0 : e.travelRadiusKm, e.motiveSet(), e.certificateIntent, e.followMode, e.objectSet(),
                e.situation, e.sector, e.organisation, e.moocExperience, ids(exclusions.get(id)), ids(partners.get(id)));
    }

    List<EngineLearner> learners(List<Enrolment> enrolments) {
        return enrolments.stream().map(this::learner).toList();
    }

    /**
     * Generated or imported profiles (the benchmark's population, the start-up warm-up) as engine learners for
     * {@code week}; ids are the profiles' external ids, with no exclusions or partners.
     */
    public static List<EngineLearner> fromProfiles(List<LearnerProfile> profiles, LocalDate week) {
        List<EngineLearner> learners = new ArrayList<>(profiles.size());
        for (LearnerProfile p : profiles) {
            int offsetMinutes = p.zone().getRules().getOffset(week.atTime(12, 0).atZone(p.zone()).toInstant())
                    .getTotalSeconds() / 60;
            learners.add(new EngineLearner(p.externalId(), WeeklyAvailability.toUtc(p.localWeek(), p.zone(), week),
                    offsetMinutes, p.languages(), p.modalities(), p.formats(), p.latitude(), p.longitude(),
                    p.travelRadiusKm(), p.motives(), p.certificateIntent(), p.followMode(), p.interactionObjects(),
                    p.situation(), p.sector(), p.organisation(), p.moocExperience(), Set.of(), Set.of()));
        }
        return learners;
    }

    private static Set<String> ids(Set<Long> ids) {
        return ids == null ? Set.of() : ids.stream().map(String::valueOf).collect(Collectors.toSet());
    }
}
