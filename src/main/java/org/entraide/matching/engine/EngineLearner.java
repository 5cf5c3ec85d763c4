package org.entraide.matching.engine;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.entraide.availability.WeekMask;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.FollowMode;
import org.entraide.profile.Format;
import org.entraide.profile.InteractionObject;
import org.entraide.profile.Modality;
import org.entraide.profile.MoocExperience;
import org.entraide.profile.Motive;
import org.entraide.profile.Situation;

/**
 * One learner as the engine sees it: availability already converted to UTC for the week concerned.
 *
 * @param utcOffsetMinutes  the learner's offset from UTC that week, for time-zone closeness
 * @param exclusions        ids of people this learner must never be matched with (either side may declare it)
 * @param preformedPartners ids of people this learner came with; they are always kept together
 */
public record EngineLearner(
        String id,
        WeekMask utcWeek,
        int utcOffsetMinutes,
        Set<String> languages,
        Set<Modality> modalities,
        Set<Format> formats,
        double latitude,
        double longitude,
        int radiusKm,
        Set<Motive> motives,
        CertificateIntent certificate,
        FollowMode followMode,
        Set<InteractionObject> objects,
        Situation situation,
        String sector,
        String organisation,
        MoocExperience experience,
        Set<String> exclusions,
        Set<String> preformedPartners) {

    public EngineLearner {
        Objects.requireNonNull(id, "id");
        utcWeek = utcWeek == null ? WeekMask.EMPTY : utcWeek;
        languages = languages == null ? Set.of() : Set.copyOf(languages);
        modalities = modalities == null ? Set.of() : Set.copyOf(modalities);
        formats = formats == null ? Set.of() : Set.copyOf(formats);
        motives = motives == null ? Set.of() : Set.copyOf(motives);
        objects = objects == null ? Set.of() : Set.copyOf(objects);
        exclusions = exclusions == null ? Set.of() : Set.copyOf(exclusions);
        preformedPartners = preformedPartners == null ? Set.of() : Set.copyOf(preformedPartners);
    }

    /** The same learner asking for nothing new (a member of an existing group). */
    public EngineLearner withoutFormats() {
        return new EngineLearner(id, utcWeek, utcOffsetMinutes, languages, modalities, Set.of(), latitude, longitude,
                radiusKm, motives, certificate, followMode, objects, situation, sector, organisation, experience,
                exclusions, preformedPartners);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Mutable builder so that callers and tests only name the fields they care about. */
    public static final class Builder {
        private final String id;
        private WeekMask utcWeek = WeekMask.EMPTY;
        private int utcOffsetMinutes;
        private Set<String> languages = Set.of("en");
        private Set<Modality> modalities = EnumSet.of(Modality.VIDEO_CALL);
        private Set<Format> formats = EnumSet.allOf(Format.class);
        private double latitude;
        private double longitude;
        private int radiusKm = 20;
        private Set<Motive> motives = Set.of();
        private CertificateIntent certificate = CertificateIntent.UNDECIDED;
        private FollowMode followMode = FollowMode.WEEKLY_RHYTHM;
        private Set<InteractionObject> objects = Set.of();
        private Situation situation = Situation.EMPLOYED;
        private String sector;
        private String organisation;
        private MoocExperience experience = MoocExperience.A_FEW;
        private Set<String> exclusions = Set.of();
        private Set<String> preformedPartners = Set.of();

        private Builder(String id) {
            this.id = id;
        }

        public Builder week(WeekMask value) { utcWeek = value; return this; }
        public Builder utcOffsetMinutes(int value) { utcOffsetMinutes = value; return this; }
        public Builder languages(String... value) { languages = Set.of(value); return this; }
        public Builder modalities(Modality... value) { modalities = Set.of(value); return this; }
        public Builder formats(Format... value) { formats = Set.of(value); return this; }
        public Builder location(double lat, double lon, int radius) {
            latitude = lat;
            longitude = lon;
            radiusKm = radius;
            return this;
        }
        public Builder motives(Motive... value) { motives = Set.of(value); return this; }
        public Builder certificate(CertificateIntent value) { certificate = value; return this; }
        public Builder followMode(FollowMode value) { followMode = value; return this; }
        public Builder objects(InteractionObject... value) { objects = Set.of(value); return this; }
        public Builder situation(Situation value) { situation = value; return this; }
        public Builder sector(String value) { sector = value; return this; }
        public Builder organisation(String value) { organisation = value; return this; }
        public Builder experience(MoocExperience value) { experience = value; return this; }
        public Builder exclusions(String... value) { exclusions = Set.of(value); return this; }
        public Builder preformedPartners(String... value) { preformedPartners = Set.of(value); return this; }

        public EngineLearner build() {
            return new EngineLearner(id, utcWeek, utcOffsetMinutes, languages, modalities, formats, latitude,
                    longitude, radiusKm, motives, certificate, followMode, objects, situation, sector, organisation,
                    experience, exclusions, preformedPartners);
        }
    }
}
