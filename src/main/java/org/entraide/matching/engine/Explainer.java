package org.entraide.matching.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.entraide.availability.WeekMask;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.InteractionObject;
import org.entraide.profile.Modality;
import org.entraide.profile.Motive;

/** Builds the structured explanation of a tandem or group from what its members have in common. */
final class Explainer {

    private final PairScorer scorer;
    private final Population population;

    Explainer(PairScorer scorer) {
        this.scorer = scorer;
        this.population = scorer.population();
    }

    Explanation explain(int[] members, int count, Modality modality, boolean preformed) {
        List<Reason> reasons = new ArrayList<>();
        if (preformed) {
            reasons.add(new Reason.Preformed());
        }
        WeekMask common = WeekMask.FULL;
        Set<String> languages = new TreeSet<>(population.learners.get(members[0]).languages());
        Set<Motive> motives = EnumSet.allOf(Motive.class);
        Set<InteractionObject> objects = EnumSet.allOf(InteractionObject.class);
        boolean sameCertificate = true;
        boolean sameFollow = true;
        double maxDistance = 0;
        int maxGapMinutes = 0;
        for (int i = 0; i < count; i++) {
            EngineLearner learner = population.learners.get(members[i]);
            common = common.and(learner.utcWeek());
            languages.retainAll(learner.languages());
            motives.retainAll(learner.motives());
            objects.retainAll(learner.objects());
            int first = members[0];
            sameCertificate &= population.certificate[members[i]] == population.certificate[first];
            sameFollow &= population.followMode[members[i]] == population.followMode[first];
            for (int j = i + 1; j < count; j++) {
                maxDistance = Math.max(maxDistance, population.distanceKm(members[i], members[j]));
                maxGapMinutes = Math.max(maxGapMinutes,
                        Math.abs(population.utcOffsetMinutes[members[i]] - population.utcOffsetMinutes[members[j]]));
            }
        }
        reasons.add(new Reason.SharedHours(common));
        if (!languages.isEmpty()) {
            reasons.add(new Reason.SharedLanguages(languages));
        }
        if (modality != null) {
            reasons.add(new Reason.MeetingModality(modality));
        }
        if (!motives.isEmpty() && !scorer.isDiverse(Criterion.MOTIVES)) {
            reasons.add(new Reason.SharedMotives(motives));
        }
        CertificateIntent intent = population.learners.get(members[0]).certificate();
        if (sameCertificate && intent != null && intent != CertificateIntent.UNDECIDED
                && !scorer.isDiverse(Criterion.CERTIFICATE)) {
            reasons.add(new Reason.SameCertificateIntent(intent));
        }
        if (sameFollow && population.learners.get(members[0]).followMode() != null
                && !scorer.isDiverse(Criterion.FOLLOW_MODE)) {
            reasons.add(new Reason.SameFollowMode(population.learners.get(members[0]).followMode()));
        }
        if (!objects.isEmpty() && !scorer.isDiverse(Criterion.OBJECTS)) {
            reasons.add(new Reason.SharedObjects(objects));
        }
        if (modality == Modality.IN_PERSON) {
            reasons.add(new Reason.Distance(maxDistance));
        } else if (maxGapMinutes >= 60) {
            reasons.add(new Reason.TimeZoneGap(maxGapMinutes / 60));
        }
        addSector(members, count, reasons);
        for (Criterion criterion : Criterion.values()) {
            if (scorer.isDiverse(criterion) && differ(criterion, members, count)) {
                reasons.add(new Reason.Diverse(criterion));
            }
        }
        return new Explanation(count > 2, reasons);
    }

    private void addSector(int[] members, int count, List<Reason> reasons) {
        if (scorer.isDiverse(Criterion.SECTOR)) {
            return;
        }
        boolean sameOrganisation = population.organisation[members[0]] >= 0;
        boolean sameSector = population.sector[members[0]] >= 0;
        for (int i = 1; i < count; i++) {
            sameOrganisation &= population.organisation[members[i]] == population.organisation[members[0]];
            sameSector &= population.sector[members[i]] == population.sector[members[0]];
        }
        if (sameOrganisation) {
            reasons.add(new Reason.SameOrganisation(population.learners.get(members[0]).organisation()));
        } else if (sameSector) {
            reasons.add(new Reason.SameSector(population.learners.get(members[0]).sector()));
        }
    }

    private boolean differ(Criterion criterion, int[] members, int count) {
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count; j++) {
                int a = members[i];
                int b = members[j];
                boolean different = switch (criterion) {
                    case MOTIVES -> population.motiveBits[a] != population.motiveBits[b];
                    case CERTIFICATE -> population.certificate[a] != population.certificate[b];
                    case FOLLOW_MODE -> population.followMode[a] != population.followMode[b];
                    case OBJECTS -> population.objectBits[a] != population.objectBits[b];
                    case PROXIMITY -> population.distanceKm(a, b) > 50
                            || population.utcOffsetMinutes[a] != population.utcOffsetMinutes[b];
                    case SECTOR -> scorer.sector(a, b) == 0;
                    case COMMON_HOURS -> false;
                };
                if (different) {
                    return true;
                }
            }
        }
        return false;
    }
}
