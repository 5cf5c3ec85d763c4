package org.entraide.matching.engine;

import java.util.Set;

import org.entraide.availability.WeekMask;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.FollowMode;
import org.entraide.profile.InteractionObject;
import org.entraide.profile.Modality;
import org.entraide.profile.Motive;

/**
 * One structured reason of an {@link Explanation}: a code plus its arguments, so that the text can be produced in
 * any language and time zone by {@link ExplanationText}.
 */
public sealed interface Reason {

    /** Bundle key suffix of the reason. */
    String code();

    /** Hours when every member is free, in UTC. */
    record SharedHours(WeekMask utcHours) implements Reason {
        public String code() { return "hours"; }
    }

    record SharedLanguages(Set<String> languages) implements Reason {
        public String code() { return "languages"; }
    }

    record MeetingModality(Modality modality) implements Reason {
        public String code() { return "modality"; }
    }

    record SharedMotives(Set<Motive> motives) implements Reason {
        public String code() { return "motives"; }
    }

    record SameCertificateIntent(CertificateIntent intent) implements Reason {
        public String code() { return "certificate"; }
    }

    record SameFollowMode(FollowMode mode) implements Reason {
        public String code() { return "follow"; }
    }

    record SharedObjects(Set<InteractionObject> objects) implements Reason {
        public String code() { return "objects"; }
    }

    /** Largest distance between two members' cities (or to the meetup centre). */
    record Distance(double km) implements Reason {
        public String code() { return "distance"; }
    }

    /** Largest gap between members' clocks, in hours. */
    record TimeZoneGap(int hours) implements Reason {
        public String code() { return "timezone"; }
    }

    record SameSector(String sector) implements Reason {
        public String code() { return "sector"; }
    }

    record SameOrganisation(String organisation) implements Reason {
        public String code() { return "organisation"; }
    }

    /** The course asked for diversity on this criterion and the members differ on it. */
    record Diverse(Criterion criterion) implements Reason {
        public String code() { return "diverse"; }
    }

    /** Members came together as pre-formed partners. */
    record Preformed() implements Reason {
        public String code() { return "preformed"; }
    }

    /** Something the engine had to give up to place everyone, e.g. a split megacity cluster. */
    record Relaxation(String what) implements Reason {
        public String code() { return "relaxation"; }
    }

    record MeetupCentre(String cityName, double radiusKm, int size) implements Reason {
        public String code() { return "meetup"; }
    }
}
