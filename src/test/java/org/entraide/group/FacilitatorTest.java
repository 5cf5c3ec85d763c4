package org.entraide.group;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.MessageFormat;
import java.util.List;

import org.entraide.course.Course;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The facilitator role: any member takes it, the facilitator passes it on or puts it down, leaving frees it. */
@QuarkusTest
class FacilitatorTest {

    @Test
    void anyMemberTakesTheRoleTheFacilitatorPassesItOnAndLeavingFreesIt() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Uma", "Vic", "Wes");
        Learner uma = members.get(0);
        Learner vic = members.get(1);
        Learner wes = members.get(2);
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        String page = "/groups/" + groupId;
        assertThat(vic.browser().get(page).asString(), containsString(Html.en("facilitator.none")));
        String health = "/courses/" + course.id() + "/manage/groups";
        assertThat(course.team().get(health).asString(), containsString(Html.en("groups.no-facilitator")));

        Response taken = uma.browser().post(page + "/facilitator", Form.of("member", Long.toString(uma.personId())));
        assertEquals(303, taken.statusCode(), taken.asString());
        String umaPage = uma.browser().follow(taken).asString();
        assertThat(umaPage, containsString(Html.en("flash.facilitator-changed")));
        assertThat(umaPage, containsString(Html.en("facilitator.duty-sessions")));
        assertThat(umaPage, containsString("<option value=\"" + vic.personId() + "\">Vic</option>"));
        String vicPage = vic.browser().get(page).asString();
        assertThat(vicPage, containsString("Uma facilitates the group (since "));
        assertThat(vicPage, containsString(Html.en("facilitator.take-over")));
        assertThat(vicPage, not(containsString(Html.en("facilitator.duty-sessions"))));
        assertThat(vicPage, containsString("Uma Example <span class=\"role\">" + Html.en("facilitator.tag") + "</span>"));
        assertThat("the course team sees who keeps the group going", course.team().get(health).asString(),
                containsString(MessageFormat.format(Html.en("groups.facilitator"), "Uma")));
        String umasRow = course.team().get(health + "/export.csv").asString().lines()
                .filter(line -> line.contains("," + uma.personId() + ",Uma,")).findFirst().orElseThrow();
        assertThat("the export marks the facilitator", umasRow, endsWith(",false,true"));

        // only the facilitator passes it on; a refused attempt changes nothing
        String refused = vic.browser().post(page + "/facilitator", Form.of("member", Long.toString(wes.personId())))
                .then().statusCode(400).extract().asString();
        assertThat(refused, containsString(Html.en("error.facilitator-pass")));
        assertEquals(uma.personId(), facilitator(groupId));

        assertEquals(303, uma.browser().post(page + "/facilitator", Form.of("member", Long.toString(wes.personId()))).statusCode());
        assertEquals(wes.personId(), facilitator(groupId));
        assertEquals(1L, notices(wes, NotificationKind.FACILITATOR_PASSED));
        assertThat(wes.browser().get("/notifications").asString(),
                containsString(MessageFormat.format(Html.en("notify.FACILITATOR_PASSED.text"),
                        Db.tx(() -> Course.<Course>findById(course.id()).title), "Uma")));

        // anyone may take it over; the one who had it is told
        assertEquals(303, vic.browser().post(page + "/facilitator", Form.of("member", Long.toString(vic.personId()))).statusCode());
        assertEquals(vic.personId(), facilitator(groupId));
        assertEquals(1L, notices(wes, NotificationKind.FACILITATOR_TAKEN));
        assertEquals(true, vic.browser().get("/account/export.json").jsonPath().getBoolean("groups[0].facilitator"));

        assertEquals(303, wes.browser().post(page + "/facilitator/stop").statusCode(), "not the facilitator: nothing to stop");
        assertEquals(vic.personId(), facilitator(groupId));
        assertThat(vic.browser().acceptLanguage("fr").get(page).asString(), containsString("Vous animez le groupe (depuis le "));
        assertEquals(303, vic.browser().post(page + "/facilitator/stop").statusCode());
        assertNull(facilitator(groupId));

        assertEquals(303, uma.browser().post(page + "/facilitator", Form.of("member", Long.toString(uma.personId()))).statusCode());
        assertEquals(303, uma.browser().post(page + "/leave", Form.of("reason", "")).statusCode());
        assertNull(facilitator(groupId), "leaving the group frees the role");
    }

    @Test
    void outsidersAndOtherGroupsFindNothing() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Learner> pair = Groups.learners(course, "TANDEM", "Xia", "Yan");
        long groupId = Groups.formGroup(course, "TANDEM", pair);
        Groups.Tandem other = Groups.tandem("Zoe", "Abe");

        assertEquals(404, other.first().browser().post("/groups/" + groupId + "/facilitator",
                Form.of("member", Long.toString(other.first().personId()))).statusCode());
        assertEquals(404, other.first().browser().post("/groups/" + groupId + "/facilitator/stop").statusCode());
        assertEquals(400, pair.get(0).browser().post("/groups/" + groupId + "/facilitator",
                Form.of("member", Long.toString(other.first().personId()))).statusCode(), "not a member of this group");
        assertNull(facilitator(groupId));
    }

    private static Long facilitator(long groupId) {
        return Db.tx(() -> {
            LearningGroup group = LearningGroup.findById(groupId);
            return group.facilitator == null ? null : group.facilitator.id;
        });
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
