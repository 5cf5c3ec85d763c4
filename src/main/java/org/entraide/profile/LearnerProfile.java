package org.entraide.profile;

import java.time.ZoneId;
import java.util.Set;

import org.entraide.availability.WeekMask;

/**
 * A learner's declaration for one course as plain data: what the population generator produces,
 * what the profile CSV import/export reads and writes, and what the matching engine's input is built from.
 *
 * @param externalId     stable id of the learner within the data set (e-mail, platform username or generated id)
 * @param firstName      shown to other members
 * @param placeId        GeoNames id of the city (city level only, never an address)
 * @param latitude       city centroid
 * @param longitude      city centroid
 * @param countryCode    ISO 3166-1 alpha-2
 * @param travelRadiusKm how far the learner travels for in-person formats
 * @param zone           the learner's IANA time zone
 * @param localWeek      weekly availability in local time (bit day*24+hour, Monday = 0)
 * @param languages      ISO 639-1 codes
 */
public record LearnerProfile(
        String externalId,
        String firstName,
        long placeId,
        double latitude,
        double longitude,
        String countryCode,
        int travelRadiusKm,
        ZoneId zone,
        WeekMask localWeek,
        Set<String> languages,
        Set<Format> formats,
        Set<Modality> modalities,
        Set<Motive> motives,
        CertificateIntent certificateIntent,
        FollowMode followMode,
        Set<InteractionObject> interactionObjects,
        Situation situation,
        String sector,
        String organisation,
        MoocExperience moocExperience,
        String introduction,
        boolean canOrganiseMeetup) {
}
