package org.entraide.profile;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.availability.Slots;
import org.entraide.course.Course;
import org.entraide.geo.GeoService;
import org.entraide.geo.Place;
import org.entraide.web.FormErrors;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The learner profile form for one course: six short steps with visible progress, editable later. */
@Path("/courses/{id}/profile")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ProfileResource {

    /** What every step page shows: progress, the form values and their errors. */
    public record StepPage(Course course, ProfileStep step, Set<ProfileStep> done, ProfileForm form, FormErrors errors) {

        public List<ProfileStep> steps() {
            return Arrays.asList(ProfileStep.values());
        }

        public boolean isDone(ProfileStep other) {
            return done.contains(other);
        }

        public String action() {
            return "/courses/" + course.id + "/profile/" + step.slug;
        }

        public String previous() {
            return step.ordinal() == 0 ? null : "/courses/" + course.id + "/profile/" + ProfileStep.values()[step.ordinal() - 1].slug;
        }
    }

    /** A day column of the availability grid. */
    public record Day(int index, String shortName, String fullName) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance where(StepPage page, String query, List<Place> results, List<GeoService.Zone> zones);

        static native TemplateInstance when(StepPage page, List<Day> days, List<Integer> hoursOfDay, String summary);

        static native TemplateInstance how(StepPage page, List<String> languageCodes, List<Format> offeredFormats, Modality[] modalities);

        static native TemplateInstance why(StepPage page, Motive[] motives, CertificateIntent[] certificateIntents, FollowMode[] followModes,
                InteractionObject[] objects);

        static native TemplateInstance about(StepPage page, Situation[] situations, MoocExperience[] experiences);

        static native TemplateInstance privacy(StepPage page, Enrolment enrolment, String availability, List<String> languageNames);
    }

    private final ProfileService profiles;
    private final GeoService geo;
    private final CurrentPerson currentPerson;
    private final RequestContext context;

    ProfileResource(ProfileService profiles, GeoService geo, CurrentPerson currentPerson, RequestContext context) {
        this.profiles = profiles;
        this.geo = geo;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    @GET
    public Response start(@PathParam("id") long courseId) {
        Enrolment e = profiles.require(courseId, currentPerson.id());
        return Redirects.seeOther("/courses/" + courseId + "/profile/" + profiles.firstIncomplete(e).slug);
    }

    @GET
    @Path("{step}")
    public String show(@PathParam("id") long courseId, @PathParam("step") String slug, @QueryParam("q") String query) {
        Enrolment e = profiles.require(courseId, currentPerson.id());
        ProfileStep step = ProfileStep.bySlug(slug).orElseThrow(NotFoundException::new);
        return page(e, step, ProfileForm.of(e), FormErrors.none(), query).render();
    }

    @POST
    @Path("{step}")
    public Response save(@PathParam("id") long courseId, @PathParam("step") String slug, MultivaluedMap<String, String> input) {
        long me = currentPerson.id();
        ProfileStep step = ProfileStep.bySlug(slug).orElseThrow(NotFoundException::new);
        FormErrors errors = profiles.save(courseId, me, step, input, context.locale());
        Enrolment e = profiles.require(courseId, me);
        if (errors.any()) {
            FormErrors ignored = new FormErrors();
            ProfileForm typed = profiles.read(e, step, input, context.locale(), ignored);
            return Response.status(400).entity(page(e, step, typed, errors, input.getFirst("q"))).build();
        }
        if (step == ProfileStep.PRIVACY) {
            return Redirects.seeOther("/courses/" + courseId, "profile-complete");
        }
        ProfileStep next = e.profileComplete ? ProfileStep.PRIVACY : step.next().orElse(ProfileStep.PRIVACY);
        return Redirects.seeOther("/courses/" + courseId + "/profile/" + next.slug, "saved");
    }

    private TemplateInstance page(Enrolment e, ProfileStep step, ProfileForm form, FormErrors errors, String query) {
        Locale locale = context.locale();
        if (form.placeLabel().isEmpty() && !form.placeId().isEmpty()) {
            form = withPlaceLabel(form, locale);
        }
        StepPage page = new StepPage(e.course, step, profiles.completedSteps(e), form, errors);
        return switch (step) {
            case PLACE -> Templates.where(page, query == null ? "" : query, geo.search(query, 12), geo.zones());
            case TIME -> Templates.when(page, days(locale), IntStream.range(0, 24).boxed().toList(),
                    Slots.summary(e.week(), locale));
            case LANGUAGES -> Templates.how(page, Languages.CODES, List.copyOf(e.course.formatSet()), Modality.values());
            case MOTIVES -> Templates.why(page, Motive.values(), CertificateIntent.values(), FollowMode.values(), InteractionObject.values());
            case ABOUT -> Templates.about(page, Situation.values(), MoocExperience.values());
            case PRIVACY -> Templates.privacy(page, e, Slots.summary(e.week(), locale),
                    e.languageSet().stream().map(code -> Languages.name(code, locale)).toList());
        };
    }

    private ProfileForm withPlaceLabel(ProfileForm form, Locale locale) {
        String label;
        try {
            label = geo.place(Long.parseLong(form.placeId())).map(p -> p.label(locale)).orElse("");
        } catch (NumberFormatException e) {
            label = ""; // a forged place id is reported as an unknown city, not a 500
        }
        return new ProfileForm(form.placeId(), label, form.travelRadiusKm(), form.timeZone(), form.hours(), form.languages(), form.formats(),
                form.modalities(), form.motives(), form.certificateIntent(), form.followMode(), form.objects(), form.situation(),
                form.sector(), form.organisation(), form.moocExperience(), form.introduction(), form.canOrganiseMeetup());
    }

    private static List<Day> days(Locale locale) {
        return Arrays.stream(DayOfWeek.values())
                .map(d -> new Day(d.ordinal(), d.getDisplayName(TextStyle.SHORT, locale), d.getDisplayName(TextStyle.FULL, locale)))
                .toList();
    }
}
