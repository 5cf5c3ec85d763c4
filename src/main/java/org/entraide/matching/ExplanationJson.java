package org.entraide.matching;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.entraide.matching.engine.Explanation;
import org.entraide.matching.engine.Reason;

/**
 * Stores the engine's structured explanation with a proposal, so that each member later reads it in their own
 * language and time zone. The engine stays free of JSON annotations: they are attached here as mix-ins.
 */
final class ExplanationJson {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Reason.SharedHours.class, name = "hours"),
            @JsonSubTypes.Type(value = Reason.SharedLanguages.class, name = "languages"),
            @JsonSubTypes.Type(value = Reason.MeetingModality.class, name = "modality"),
            @JsonSubTypes.Type(value = Reason.SharedMotives.class, name = "motives"),
            @JsonSubTypes.Type(value = Reason.SameCertificateIntent.class, name = "certificate"),
            @JsonSubTypes.Type(value = Reason.SameFollowMode.class, name = "follow"),
            @JsonSubTypes.Type(value = Reason.SharedObjects.class, name = "objects"),
            @JsonSubTypes.Type(value = Reason.Distance.class, name = "distance"),
            @JsonSubTypes.Type(value = Reason.TimeZoneGap.class, name = "timezone"),
            @JsonSubTypes.Type(value = Reason.SameSector.class, name = "sector"),
            @JsonSubTypes.Type(value = Reason.SameOrganisation.class, name = "organisation"),
            @JsonSubTypes.Type(value = Reason.Diverse.class, name = "diverse"),
            @JsonSubTypes.Type(value = Reason.Preformed.class, name = "preformed"),
            @JsonSubTypes.Type(value = Reason.Relaxation.class, name = "relaxation"),
            @JsonSubTypes.Type(value = Reason.MeetupCentre.class, name = "meetup") })
    interface ReasonMixin {
    }

    /** Only record components are written: not derived getters such as {@code WeekMask.isEmpty()}. */
    @JsonAutoDetect(getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE,
            fieldVisibility = JsonAutoDetect.Visibility.ANY)
    interface RecordsByFields {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addMixIn(Reason.class, ReasonMixin.class)
            .addMixIn(Object.class, RecordsByFields.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.REQUIRE_TYPE_ID_FOR_SUBTYPES)
            .build();

    private ExplanationJson() {
    }

    static String write(Explanation explanation) {
        if (explanation == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(explanation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Explanation cannot be written", e);
        }
    }

    static Explanation read(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readValue(json, Explanation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored explanation cannot be read", e);
        }
    }
}
