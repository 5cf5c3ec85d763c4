package org.entraide.profile;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MultivaluedMap;

import org.entraide.availability.WeekMask;
import org.entraide.geo.GeoService;
import org.entraide.geo.Place;
import org.entraide.web.FormErrors;
import org.entraide.web.Texts;

/** Validates and saves the learner profile one step at a time; a step with any error saves nothing. */
@ApplicationScoped
public class ProfileService {

    public static final int INTRODUCTION_MAX = 500;
    public static final int RADIUS_MIN = 1;
    public static final int RADIUS_MAX = 300;

    private final GeoService geo;

    ProfileService(GeoService geo) {
        this.geo = geo;
    }

    /** The learner's own enrolment; anyone else's is a 404. */
    public Enrolment require(long courseId, long personId) {
        return Enrolment.find(courseId, personId).orElseThrow(NotFoundException::new);
    }

    /** Steps whose fields are all valid in the saved enrolment. */
    public Set<ProfileStep> completedSteps(Enrolment e) {
        Set<ProfileStep> done = EnumSet.noneOf(ProfileStep.class);
        if (e.placeId != null && e.timeZone != null && e.travelRadiusKm != null) {
            done.add(ProfileStep.PLACE);
        }
        if (!e.week().isEmpty()) {
            done.add(ProfileStep.TIME);
        }
        if (!e.languageSet().isEmpty() && !e.formatSet().isEmpty() && !e.modalitySet().isEmpty()) {
            done.add(ProfileStep.LANGUAGES);
        }
        if (!e.motiveSet().isEmpty() && e.certificateIntent != null && e.followMode != null && !e.objectSet().isEmpty()) {
            done.add(ProfileStep.MOTIVES);
        }
        if (e.situation != null && e.moocExperience != null) {
            done.add(ProfileStep.ABOUT);
        }
        if (e.profileComplete) {
            done.add(ProfileStep.PRIVACY);
        }
        return done;
    }

    public ProfileStep firstIncomplete(Enrolment e) {
        Set<ProfileStep> done = completedSteps(e);
        for (ProfileStep step : ProfileStep.values()) {
            if (!done.contains(step)) {
                return step;
            }
        }
        return ProfileStep.PRIVACY;
    }

    /** Reads a submitted step into a form (for re-rendering) and validates it. */
    public ProfileForm read(Enrolment e, ProfileStep step, MultivaluedMap<String, String> input, Locale locale, FormErrors errors) {
        ProfileForm saved = ProfileForm.of(e);
        return switch (step) {
            case PLACE -> readPlace(saved, input, locale, errors);
            case TIME -> readTime(saved, input, errors);
            case LANGUAGES -> readLanguages(e, saved, input, errors);
            case MOTIVES -> readMotives(saved, input, errors);
            case ABOUT -> readAbout(saved, input, errors);
            case PRIVACY -> readPrivacy(e, saved, input, errors);
        };
    }

    /** Validates the step and, only if it is entirely valid, saves it. */
    @Transactional
    public FormErrors save(long courseId, long personId, ProfileStep step, MultivaluedMap<String, String> input, Locale locale) {
        Enrolment e = require(courseId, personId);
        FormErrors errors = new FormErrors();
        ProfileForm form = read(e, step, input, locale, errors);
        if (errors.any()) {
            return errors;
        }
        switch (step) {
            case PLACE -> {
                Place place = geo.place(Long.parseLong(form.placeId())).orElseThrow();
                e.placeId = place.id();
                e.placeName = place.label(Locale.ENGLISH);
                e.countryCode = place.countryCode();
                e.latitude = place.latitude();
                e.longitude = place.longitude();
                e.travelRadiusKm = Integer.parseInt(form.travelRadiusKm());
                e.timeZone = form.timeZone();
            }
            case TIME -> e.localWeek = WeekMask.of(form.hours().stream().mapToInt(Integer::intValue).toArray()).toHex();
            case LANGUAGES -> {
                e.languages = Languages.join(new LinkedHashSet<>(form.languages()));
                e.formats = EnumSets.join(EnumSets.fromForm(Format.class, form.formats()));
                e.modalities = EnumSets.join(EnumSets.fromForm(Modality.class, form.modalities()));
            }
            case MOTIVES -> {
                e.motives = EnumSets.join(EnumSets.fromForm(Motive.class, form.motives()));
                e.certificateIntent = CertificateIntent.valueOf(form.certificateIntent());
                e.followMode = FollowMode.valueOf(form.followMode());
                e.interactionObjects = EnumSets.join(EnumSets.fromForm(InteractionObject.class, form.objects()));
            }
            case ABOUT -> {
                e.situation = Situation.valueOf(form.situation());
                e.sector = Texts.trimToNull(form.sector());
                e.organisation = Texts.trimToNull(form.organisation());
                e.moocExperience = MoocExperience.valueOf(form.moocExperience());
                e.introduction = Texts.trimToNull(form.introduction());
                e.canOrganiseMeetup = form.canOrganiseMeetup();
            }
            case PRIVACY -> {
                e.profileComplete = true;
                if (e.status == Enrolment.Status.DRAFT) {
                    e.status = Enrolment.Status.WAITING;
                    e.waitingSince = Instant.now();
                }
            }
        }
        e.updatedAt = Instant.now();
        return errors;
    }

    private ProfileForm readPlace(ProfileForm saved, MultivaluedMap<String, String> input, Locale locale, FormErrors errors) {
        String placeId = Texts.trimToNull(input.getFirst("placeId"));
        Place place = null;
        if (placeId == null) {
            errors.add("placeId", "error.choose-city");
        } else {
            try {
                place = geo.place(Long.parseLong(placeId)).orElse(null);
            } catch (NumberFormatException ignored) {
                // reported below as an unknown city
            }
            if (place == null) {
                errors.add("placeId", "error.unknown-city");
            }
        }
        String radius = Texts.trimToNull(input.getFirst("travelRadiusKm"));
        Texts.wholeNumber(errors, "travelRadiusKm", radius, RADIUS_MIN, RADIUS_MAX, true);
        String zone = Texts.trimToNull(input.getFirst("timeZone"));
        if (zone == null && place != null) {
            zone = place.timezone();
        }
        if (zone == null) {
            errors.add("timeZone", "error.required");
        } else if (!GeoService.isZone(zone)) {
            errors.add("timeZone", "error.invalid-zone");
        } else {
            zone = GeoService.currentId(zone);
        }
        return new ProfileForm(placeId == null ? "" : placeId, place == null ? "" : place.label(locale), radius == null ? "" : radius,
                zone == null ? "" : zone, saved.hours(), saved.languages(), saved.formats(), saved.modalities(), saved.motives(),
                saved.certificateIntent(), saved.followMode(), saved.objects(), saved.situation(), saved.sector(), saved.organisation(),
                saved.moocExperience(), saved.introduction(), saved.canOrganiseMeetup());
    }

    private ProfileForm readTime(ProfileForm saved, MultivaluedMap<String, String> input, FormErrors errors) {
        Set<Integer> hours = new TreeSet<>();
        for (String value : list(input, "hours")) {
            try {
                int hour = Integer.parseInt(value);
                if (hour < 0 || hour >= WeekMask.HOURS) {
                    errors.add("hours", "error.invalid-choice");
                } else {
                    hours.add(hour);
                }
            } catch (NumberFormatException e) {
                errors.add("hours", "error.invalid-choice");
            }
        }
        if (hours.isEmpty()) {
            errors.add("hours", "error.empty-availability");
        }
        return new ProfileForm(saved.placeId(), saved.placeLabel(), saved.travelRadiusKm(), saved.timeZone(), hours, saved.languages(),
                saved.formats(), saved.modalities(), saved.motives(), saved.certificateIntent(), saved.followMode(), saved.objects(),
                saved.situation(), saved.sector(), saved.organisation(), saved.moocExperience(), saved.introduction(),
                saved.canOrganiseMeetup());
    }

    private ProfileForm readLanguages(Enrolment e, ProfileForm saved, MultivaluedMap<String, String> input, FormErrors errors) {
        List<String> languages = list(input, "languages");
        if (languages.isEmpty()) {
            errors.add("languages", "error.choose-one");
        } else if (!languages.stream().allMatch(Languages::isKnown)) {
            errors.add("languages", "error.invalid-choice");
        }
        List<String> formats = list(input, "formats");
        Set<Format> formatSet = EnumSets.fromForm(Format.class, formats);
        if (formatSet == null || !e.course.formatSet().containsAll(formatSet)) {
            errors.add("formats", "error.invalid-choice");
        } else if (formatSet.isEmpty()) {
            errors.add("formats", "error.choose-one");
        }
        List<String> modalities = list(input, "modalities");
        Set<Modality> modalitySet = EnumSets.fromForm(Modality.class, modalities);
        if (modalitySet == null) {
            errors.add("modalities", "error.invalid-choice");
        } else if (modalitySet.isEmpty()) {
            errors.add("modalities", "error.choose-one");
        } else if (formatSet != null && formatSet.contains(Format.LOCAL_MEETUP) && !modalitySet.contains(Modality.IN_PERSON)) {
            errors.add("modalities", "error.meetup-needs-in-person");
        }
        return new ProfileForm(saved.placeId(), saved.placeLabel(), saved.travelRadiusKm(), saved.timeZone(), saved.hours(), languages,
                formats, modalities, saved.motives(), saved.certificateIntent(), saved.followMode(), saved.objects(), saved.situation(),
                saved.sector(), saved.organisation(), saved.moocExperience(), saved.introduction(), saved.canOrganiseMeetup());
    }

    private ProfileForm readMotives(ProfileForm saved, MultivaluedMap<String, String> input, FormErrors errors) {
        List<String> motives = list(input, "motives");
        Set<Motive> motiveSet = EnumSets.fromForm(Motive.class, motives);
        if (motiveSet == null) {
            errors.add("motives", "error.invalid-choice");
        } else if (motiveSet.isEmpty()) {
            errors.add("motives", "error.choose-one");
        }
        String certificate = oneOf(errors, "certificateIntent", CertificateIntent.class, input.getFirst("certificateIntent"));
        String follow = oneOf(errors, "followMode", FollowMode.class, input.getFirst("followMode"));
        List<String> objects = list(input, "objects");
        Set<InteractionObject> objectSet = EnumSets.fromForm(InteractionObject.class, objects);
        if (objectSet == null) {
            errors.add("objects", "error.invalid-choice");
        } else if (objectSet.isEmpty()) {
            errors.add("objects", "error.choose-one");
        }
        return new ProfileForm(saved.placeId(), saved.placeLabel(), saved.travelRadiusKm(), saved.timeZone(), saved.hours(),
                saved.languages(), saved.formats(), saved.modalities(), motives, certificate, follow, objects, saved.situation(),
                saved.sector(), saved.organisation(), saved.moocExperience(), saved.introduction(), saved.canOrganiseMeetup());
    }

    private ProfileForm readAbout(ProfileForm saved, MultivaluedMap<String, String> input, FormErrors errors) {
        String situation = oneOf(errors, "situation", Situation.class, input.getFirst("situation"));
        String sector = Texts.check(errors, "sector", input.getFirst("sector"), false, 100);
        String organisation = Texts.check(errors, "organisation", input.getFirst("organisation"), false, 150);
        String experience = oneOf(errors, "moocExperience", MoocExperience.class, input.getFirst("moocExperience"));
        String introduction = Texts.check(errors, "introduction", input.getFirst("introduction"), false, INTRODUCTION_MAX);
        boolean organise = "on".equals(input.getFirst("canOrganiseMeetup"));
        return new ProfileForm(saved.placeId(), saved.placeLabel(), saved.travelRadiusKm(), saved.timeZone(), saved.hours(),
                saved.languages(), saved.formats(), saved.modalities(), saved.motives(), saved.certificateIntent(), saved.followMode(),
                saved.objects(), situation, orEmpty(input.getFirst("sector"), sector), orEmpty(input.getFirst("organisation"), organisation),
                experience, orEmpty(input.getFirst("introduction"), introduction), organise);
    }

    private ProfileForm readPrivacy(Enrolment e, ProfileForm saved, MultivaluedMap<String, String> input, FormErrors errors) {
        if (!"on".equals(input.getFirst("understood"))) {
            errors.add("understood", "error.privacy-confirm");
        }
        Set<ProfileStep> done = completedSteps(e);
        for (ProfileStep step : ProfileStep.values()) {
            if (step != ProfileStep.PRIVACY && !done.contains(step)) {
                errors.add("steps", "error.steps-missing");
            }
        }
        return saved;
    }

    private static <E extends Enum<E>> String oneOf(FormErrors errors, String field, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, "error.choose-one");
            return "";
        }
        if (EnumSets.one(type, value) == null) {
            errors.add(field, "error.invalid-choice");
        }
        return value;
    }

    private static List<String> list(MultivaluedMap<String, String> input, String name) {
        List<String> values = input.get(name);
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).distinct().limit(200).toList();
    }

    /** Keeps what the learner typed (even when invalid) for the re-rendered form. */
    private static String orEmpty(String typed, String trimmed) {
        return trimmed != null ? trimmed : typed == null ? "" : typed;
    }
}
