package org.entraide.testing;

import java.util.UUID;

import org.entraide.course.Course;
import org.entraide.matching.engine.Criterion;
import org.entraide.matching.engine.Preference;

import io.restassured.response.Response;

/** Creates courses through the real form and reads their invite codes. */
public final class Courses {

    private Courses() {
    }

    /** A course form every field of which is valid. */
    public static Form validForm(String title) {
        return Form.of("title", title, "description", "Learn things together.", "platform", "FUN MOOC",
                "url", "https://example.org/mooc", "startDate", "2030-01-10", "endDate", "2030-03-01", "weeks", "7",
                "groupMin", "3", "groupMax", "5", "minOverlapHours", "2", "consentWindowDays", "5", "defaultRadiusKm", "25",
                "signupOpen", "on")
                .add("languages", "en").add("languages", "fr")
                .add("formats", "TANDEM").add("formats", "STUDY_GROUP");
    }

    /** A complete, valid rules form: every criterion's weight and preference, the numbers, rolling on. */
    public static Form validRules() {
        Form form = Form.of("minOverlapHours", "2", "consentWindowDays", "5", "rollingEnabled", "on", "rollingCadenceHours", "24",
                "maxWaitDays", "14", "meetupMinSize", "4");
        for (Criterion criterion : Criterion.values()) {
            form.set("weight-" + criterion.name(), "1").set("preference-" + criterion.name(), Preference.SIMILAR.name());
        }
        return form;
    }

    public static String uniqueTitle(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a course as the browser's person (who becomes its team) and returns its id. */
    public static long create(Browser team, String title) {
        Response response = team.post("/courses", validForm(title));
        if (response.statusCode() != 303) {
            throw new AssertionError("course creation failed: " + response.statusCode() + " " + response.asString());
        }
        String path = Browser.locationPath(response);
        return Long.parseLong(path.replaceAll("^/courses/(\\d+)/manage$", "$1"));
    }

    public static Course course(long id) {
        return Db.tx(() -> Course.<Course>findById(id));
    }

    public static String inviteCode(long id) {
        return course(id).inviteCode;
    }

    /** Joins the course through its invite link as the browser's person. */
    public static void join(Browser learner, long courseId) {
        Response response = learner.post("/join/" + inviteCode(courseId), new Form());
        if (response.statusCode() != 303) {
            throw new AssertionError("join failed: " + response.statusCode());
        }
    }

    /** The team invites the account with this e-mail to the role, and its owner (who confirms the address first) accepts. */
    public static void addStaff(Browser team, long courseId, String email, String role, Browser invitee) {
        AddressLinks.confirm(invitee, email);
        Response invited = team.post("/courses/" + courseId + "/manage/staff", Form.of("email", email, "role", role));
        if (invited.statusCode() != 303) {
            throw new AssertionError("invitation refused: " + invited.statusCode());
        }
        Response accepted = invitee.post("/courses/" + courseId + "/staff-invite", Form.of("answer", "yes"));
        if (accepted.statusCode() != 303) {
            throw new AssertionError("acceptance refused: " + accepted.statusCode());
        }
    }
}
