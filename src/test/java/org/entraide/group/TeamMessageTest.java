package org.entraide.group;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.entraide.notify.MailOutbox;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The course team writes to one group (an intervention); the members read it on their page, and only they do. */
@QuarkusTest
class TeamMessageTest {

    private static long messages(long groupId) {
        return Db.tx(() -> TeamMessage.count("group.id", groupId));
    }

    @Test
    void theTeamWritesToAGroupAndItsMembersReadItOnTheirPage() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Ana", "Ben", "Cyd");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        String form = "/courses/" + course.id() + "/manage/groups/" + groupId + "/message";
        assertThat(course.team().get("/courses/" + course.id() + "/manage/groups").asString(), containsString("href=\"" + form + "\""));
        String page = course.team().get(form).then().statusCode(200).extract().asString();
        for (Learner member : members) {
            assertThat("the members are named", page, containsString(member.firstName()));
        }
        assertThat(page, containsString(Html.en("team-message.lead")));

        Response sent = course.team().post(form, "body", "Your group has been quiet for two weeks.\nNeed a hand? <Write> to us on the forum.");

        assertEquals(form + "?flash=team-message-sent", Browser.localLocation(sent));
        assertThat(course.team().follow(sent).asString(), containsString("Need a hand? &lt;Write&gt; to us on the forum."));
        for (Learner member : members) {
            assertEquals(1L, (long) Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", member.personId(),
                    NotificationKind.TEAM_MESSAGE)), member.firstName());
        }
        MailOutbox mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient = ?1 order by id desc", members.get(2).email()).firstResult());
        assertThat(mail.subject, containsString("The course team wrote to your group"));
        assertThat("the e-mail quotes the message", mail.body,
                containsString("    Your group has been quiet for two weeks.\n    Need a hand? <Write> to us on the forum.\n"));
        String group = members.get(0).browser().get("/groups/" + groupId).asString();
        assertThat(group, containsString("<section id=\"team\" class=\"card\">"));
        assertThat(group, containsString("Your group has been quiet for two weeks.\nNeed a hand? &lt;Write&gt; to us on the forum."));
        assertThat(group, containsString(", course team · <time"));
        assertThat(members.get(1).browser().acceptLanguage("fr").get("/groups/" + groupId).asString(),
                containsString(Html.fr("team-message.group-title")));
        assertThat(course.team().get("/account/export.json").asString(), containsString("\"teamMessages\":[{\"groupId\":" + groupId));
    }

    @Test
    void onlyThisCoursesTeamWritesAndARefusedMessageKeepsTheText() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Ana", "Ben", "Cyd");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        String form = "/courses/" + course.id() + "/manage/groups/" + groupId + "/message";
        TestCourse other = Groups.course("STUDY_GROUP", 3);

        assertEquals(403, members.get(0).browser().get(form).statusCode());
        assertEquals(403, members.get(0).browser().post(form, "body", "Pretending").statusCode());
        assertEquals(404, other.team().get(form).statusCode());
        assertEquals(404, other.team().post(form, "body", "Not my course").statusCode());
        assertEquals(404, other.team().post("/courses/" + other.id() + "/manage/groups/" + groupId + "/message", "body", "Wrong course")
                .statusCode(), "a group of another course");
        Response empty = course.team().post(form, "body", "   ");
        assertEquals(400, empty.statusCode());
        assertThat(empty.asString(), containsString("<p class=\"error\" id=\"f-body-error\">" + Html.en("error.required")));
        String tooLong = "Kept <b>text</b> " + "x".repeat(TeamMessage.BODY_MAX);
        Response refused = course.team().post(form, "body", tooLong);
        assertEquals(400, refused.statusCode());
        assertThat(refused.asString(), containsString("Kept &lt;b&gt;text&lt;/b&gt; xxx"));
        assertEquals(0L, messages(groupId), "nothing stored");

        // two leave; the last one is then alone and the group ends
        for (Learner member : members.subList(0, 2)) {
            assertEquals(303, member.browser().post("/groups/" + groupId + "/leave", Form.of("reason", "Done")).statusCode());
        }
        assertEquals(0, Db.tx(() -> GroupMember.current(groupId).size()), "nobody left in the group");
        Response nobody = course.team().post(form, "body", "Anyone there?");
        assertEquals(400, nobody.statusCode());
        assertThat(nobody.asString(), containsString(Html.en("team-message.ended")));
        assertEquals(0L, messages(groupId));
    }
}
