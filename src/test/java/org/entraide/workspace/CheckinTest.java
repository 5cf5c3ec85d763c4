package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.Tandem;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Weekly check-ins: one per member and week, seen by the group; being stuck calls the others; refused input; outsiders. */
@QuarkusTest
class CheckinTest {

    private static Tandem tandem() {
        return Groups.tandem("Uma", "Vic");
    }

    @Test
    void eachSaysHowItGoesOnceAWeekAndBeingStuckCallsTheOthers() {
        Tandem t = tandem();
        String page = "/groups/" + t.groupId();
        assertThat(t.second().browser().get(page).asString(), containsString(Html.en("checkin.not-yet")));

        Response saved = t.first().browser().post(page + "/checkins", Form.of("progress", "ON_TRACK", "done", "Week 1 <quiz>", "help", ""));

        assertEquals(303, saved.statusCode(), saved.asString());
        assertThat(t.first().browser().follow(saved).asString(), containsString(Html.en("flash.checkin-saved")));
        String vicPage = t.second().browser().get(page).asString();
        assertThat(vicPage, containsString("<strong>" + Html.en("checkin.progress.ON_TRACK") + "</strong>"));
        assertThat(vicPage, containsString("Week 1 &lt;quiz&gt;"));
        assertEquals(0L, notices(t.second(), NotificationKind.CHECKIN_STUCK), "on track calls nobody");

        assertEquals(303, t.second().browser().post(page + "/checkins", Form.of("progress", "STUCK", "help", "Exercise 3")).statusCode());
        assertEquals(1L, notices(t.first(), NotificationKind.CHECKIN_STUCK));
        assertThat(t.first().browser().get("/notifications").asString(), containsString("Vic checked in as stuck"));
        assertEquals(303, t.second().browser().post(page + "/checkins", Form.of("progress", "STUCK", "help", "Exercise 3 and 4")).statusCode());
        assertEquals(1L, notices(t.first(), NotificationKind.CHECKIN_STUCK), "still stuck: not told twice");
        assertEquals(1L, (long) Db.tx(() -> GroupCheckin.count("group.id = ?1 and person.id = ?2", t.groupId(), t.second().personId())),
                "saving again the same week replaces the check-in");
        String umaPage = t.first().browser().get(page).asString();
        assertThat(umaPage, containsString("Exercise 3 and 4"));
        String vicOwn = t.second().browser().get(page).asString();
        assertThat(vicOwn, containsString("value=\"STUCK\" checked"));
        assertEquals("STUCK", t.second().browser().get("/account/export.json").jsonPath().getString("groupCheckins[0].progress"));

        assertEquals(303, t.second().browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());
        assertEquals(0L, (long) Db.tx(() -> GroupCheckin.count("person.id", t.second().personId())), "a person's words go with the account");
    }

    @Test
    void aRefusedCheckinKeepsWhatWasTypedAndOutsidersFindNothing() {
        Tandem t = tandem();
        Tandem other = tandem();
        String page = "/groups/" + t.groupId();

        String missing = t.first().browser().post(page + "/checkins", Form.of("done", "Kept <text>"))
                .then().statusCode(400).extract().asString();
        assertThat(missing, containsString("id=\"f-progress-error\">" + Html.en("error.required")));
        assertThat(missing, containsString("Kept &lt;text&gt;</textarea>"));

        String wrong = t.first().browser().post(page + "/checkins", Form.of("progress", "GREAT", "done", "x".repeat(501), "help", "a\u0007b"))
                .then().statusCode(400).extract().asString();
        assertThat(wrong, containsString("id=\"f-progress-error\">" + Html.en("error.invalid-choice")));
        assertThat(wrong, containsString("id=\"f-done-error\">" + Html.en("error.too-long")));
        assertThat(wrong, containsString("id=\"f-help-error\">" + Html.en("error.control-characters")));

        assertEquals(404, other.first().browser().post(page + "/checkins", Form.of("progress", "STUCK")).statusCode());
        assertEquals(0L, (long) Db.tx(() -> GroupCheckin.count("group.id", t.groupId())), "nothing stored");
        assertEquals(0L, notices(t.second(), NotificationKind.CHECKIN_STUCK));
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
