package org.entraide.profile;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.entraide.availability.WeekMask;

/**
 * Every field of the profile form as the learner typed it, so that a rejected step is shown back unchanged.
 * Built from the saved enrolment, or from a submission.
 */
public record ProfileForm(String placeId, String placeLabel, String travelRadiusKm, String timeZone, Set<Integer> hours,
        List<String> languages, List<String> formats, List<String> modalities, List<String> motives, String certificateIntent,
        String followMode, List<String> objects, String situation, String sector, String organisation, String moocExperience,
        String introduction, boolean canOrganiseMeetup) {

    public static ProfileForm of(Enrolment e) {
        return new ProfileForm(e.placeId == null ? "" : e.placeId.toString(), "",
                e.travelRadiusKm == null ? "" : e.travelRadiusKm.toString(), e.timeZone == null ? "" : e.timeZone,
                new TreeSet<>(e.week().hours()), List.copyOf(e.languageSet()), names(e.formatSet()), names(e.modalitySet()),
                names(e.motiveSet()), name(e.certificateIntent), name(e.followMode), names(e.objectSet()), name(e.situation),
                orEmpty(e.sector), orEmpty(e.organisation), name(e.moocExperience), orEmpty(e.introduction), e.canOrganiseMeetup);
    }

    public boolean hour(int day, int hour) {
        return hours.contains(WeekMask.index(day, hour));
    }

    public boolean isPlace(long id) {
        return placeId.equals(Long.toString(id));
    }

    public boolean hasLanguage(String code) {
        return languages.contains(code);
    }

    public boolean hasFormat(Format value) {
        return formats.contains(value.name());
    }

    public boolean hasModality(Modality value) {
        return modalities.contains(value.name());
    }

    public boolean hasMotive(Motive value) {
        return motives.contains(value.name());
    }

    public boolean hasObject(InteractionObject value) {
        return objects.contains(value.name());
    }

    public boolean is(String field, Enum<?> value) {
        String current = switch (field) {
            case "certificateIntent" -> certificateIntent;
            case "followMode" -> followMode;
            case "situation" -> situation;
            case "moocExperience" -> moocExperience;
            default -> null;
        };
        return value.name().equals(current);
    }

    private static List<String> names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    private static String name(Enum<?> value) {
        return value == null ? "" : value.name();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
