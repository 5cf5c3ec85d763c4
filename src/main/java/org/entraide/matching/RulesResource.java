package org.entraide.matching;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.matching.engine.Criterion;
import org.entraide.matching.engine.CriterionWeight;
import org.entraide.matching.engine.Preference;
import org.entraide.matching.engine.Rules;
import org.entraide.profile.EnumSets;
import org.entraide.web.FormErrors;
import org.entraide.web.Redirects;
import org.entraide.web.Texts;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The course's matching rules, each with a one-line explanation: weights, similar or diverse, sizes, waits, cadence. */
@Path("/courses/{id}/manage/rules")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class RulesResource {

    public record WeightRow(Criterion criterion, String weight, String preference) {
    }

    /** The form as typed. */
    public record RulesForm(List<WeightRow> weights, String minOverlapHours, String consentWindowDays, boolean rollingEnabled,
            String rollingCadenceHours, String maxWaitDays, String meetupMinSize) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rules(Course course, RulesForm form, FormErrors errors);
    }

    private final CourseService courses;
    private final CurrentPerson currentPerson;

    RulesResource(CourseService courses, CurrentPerson currentPerson) {
        this.courses = courses;
        this.currentPerson = currentPerson;
    }

    @GET
    public String show(@PathParam("id") long courseId) {
        Course course = courses.requireTeam(courseId, currentPerson.id());
        Rules rules = CourseRules.of(course, 1);
        List<WeightRow> weights = new ArrayList<>();
        rules.weights().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> weights.add(
                new WeightRow(e.getKey(), trim(e.getValue().weight()), e.getValue().preference().name())));
        return Templates.rules(course, new RulesForm(weights, String.valueOf(course.minOverlapHours), String.valueOf(course.consentWindowDays),
                course.rollingEnabled, String.valueOf(course.rollingCadenceHours), String.valueOf(course.maxWaitDays),
                String.valueOf(course.meetupMinSize)), FormErrors.none()).render();
    }

    @POST
    @Transactional
    public Response save(@PathParam("id") long courseId, MultivaluedMap<String, String> input) {
        Course course = courses.requireTeam(courseId, currentPerson.id());
        FormErrors errors = new FormErrors();
        Map<Criterion, CriterionWeight> weights = new EnumMap<>(Criterion.class);
        List<WeightRow> rows = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            String weight = input.getFirst("weight-" + criterion.name());
            String preference = input.getFirst("preference-" + criterion.name());
            rows.add(new WeightRow(criterion, weight == null ? "" : weight, preference == null ? "" : preference));
            Double value = decimal(errors, "weight-" + criterion.name(), weight);
            Preference chosen = EnumSets.one(Preference.class, preference);
            if (chosen == null) {
                errors.add("preference-" + criterion.name(), "error.invalid-choice");
            }
            if (value != null && chosen != null) {
                weights.put(criterion, new CriterionWeight(value, chosen));
            }
        }
        if (!errors.any() && weights.values().stream().allMatch(w -> w.weight() == 0)) {
            errors.add("weight-COMMON_HOURS", "error.all-weights-zero");
        }
        Integer hours = Texts.wholeNumber(errors, "minOverlapHours", input.getFirst("minOverlapHours"), 0, 40, true);
        Integer consent = Texts.wholeNumber(errors, "consentWindowDays", input.getFirst("consentWindowDays"), 1, 30, true);
        Integer cadence = Texts.wholeNumber(errors, "rollingCadenceHours", input.getFirst("rollingCadenceHours"), 1, 168, true);
        Integer wait = Texts.wholeNumber(errors, "maxWaitDays", input.getFirst("maxWaitDays"), 1, 60, true);
        Integer meetup = Texts.wholeNumber(errors, "meetupMinSize", input.getFirst("meetupMinSize"), 2, 100, true);
        boolean rolling = "on".equals(input.getFirst("rollingEnabled"));
        if (errors.any()) {
            return Response.status(400).entity(Templates.rules(course, new RulesForm(rows, input.getFirst("minOverlapHours"),
                    input.getFirst("consentWindowDays"), rolling, input.getFirst("rollingCadenceHours"), input.getFirst("maxWaitDays"),
                    input.getFirst("meetupMinSize")), errors)).build();
        }
        course.weights = CourseRules.store(weights);
        course.minOverlapHours = hours;
        course.consentWindowDays = consent;
        course.rollingEnabled = rolling;
        course.rollingCadenceHours = cadence;
        course.maxWaitDays = wait;
        course.meetupMinSize = meetup;
        return Redirects.seeOther("/courses/" + courseId + "/manage/rules", "saved");
    }

    private static Double decimal(FormErrors errors, String field, String value) {
        String trimmed = Texts.trimToNull(value);
        if (trimmed == null) {
            errors.add(field, "error.required");
            return null;
        }
        try {
            double number = Double.parseDouble(trimmed.replace(',', '.'));
            if (!(number >= 0 && number <= 10)) {
                errors.add(field, "error.range");
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            errors.add(field, "error.number");
            return null;
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
