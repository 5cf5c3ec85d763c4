package org.entraide.group;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The course team takes a member out of a group, after a report for instance. */
@QuarkusTest
class RemoveMemberTest {

    @Test
    void theTeamConfirmsThenTheMemberIsTakenOutAndEveryoneIsTold() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Ana", "Ben", "Cyd", "Dan");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        Learner ben = members.get(1);
        String groups = "/courses/" + course.id() + "/manage/groups";
        String confirm = groups + "/" + groupId + "/remove?member=" + ben.personId();
        assertThat(course.team().get(groups).asString(), containsString("href=\"" + confirm + "\""));

        String page = course.team().get(confirm).then().statusCode(200).extract().asString();
        assertThat(page, containsString(Html.en("groups.remove.title").replace("{0}", "Ben")));
        assertTrue(Db.tx(() -> GroupMember.currentMembership(groupId, ben.personId()).isPresent()), "asking removes nobody");

        Response removed = course.team().post(groups + "/" + groupId + "/remove", Form.of("member", Long.toString(ben.personId())));

        assertEquals(303, removed.statusCode());
        assertThat(course.team().follow(removed).asString(), containsString(Html.en("flash.member-removed-from-group")));
        GroupMember membership = Db.tx(() -> GroupMember.<GroupMember>find("group.id = ?1 and person.id = ?2", groupId, ben.personId())
                .singleResult());
        assertTrue(membership.removedByTeam && membership.leftAt != null);
        assertEquals(LearningGroup.Status.ACTIVE, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status), "three remain");
        assertEquals(1L, notices(ben, NotificationKind.MEMBER_REMOVED));
        for (Learner other : List.of(members.get(0), members.get(2), members.get(3))) {
            assertEquals(1L, notices(other, NotificationKind.MEMBER_LEFT), other.firstName() + " sees that Ben left");
        }
        assertEquals(Enrolment.Status.PAUSED, Db.tx(() -> Enrolment.find(course.id(), ben.personId()).orElseThrow().status));
        assertEquals(404, ben.browser().get("/groups/" + groupId).statusCode(), "the group page is closed to Ben");
        assertThat(course.team().get(groups).asString(), containsString("Ben, <time"));
        assertThat(course.team().get(groups).asString(), containsString("(" + Html.en("groups.removed-by-team") + ")"));
        assertThat("the export says so too", course.team().get(groups + "/export.csv").asString(),
                containsString("," + ben.personId() + ",Ben,"));
        String bensRow = course.team().get(groups + "/export.csv").asString().lines()
                .filter(line -> line.contains("," + ben.personId() + ",Ben,")).findFirst().orElseThrow();
        assertTrue(bensRow.endsWith(",true,false"), bensRow);

        // Ben is no longer in it: asking again finds nobody to remove
        assertEquals(404, course.team().get(confirm).statusCode());
        assertEquals(404, course.team().post(groups + "/" + groupId + "/remove", Form.of("member", Long.toString(ben.personId()))).statusCode());
    }

    @Test
    void onlyThisCoursesTeamCanRemoveAndOnlyFromItsOwnGroups() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner eve = Groups.learner(course, "Eve", "TANDEM");
        Learner fin = Groups.learner(course, "Fin", "TANDEM");
        long groupId = Groups.formGroup(course, "TANDEM", List.of(eve, fin));
        TestCourse other = Groups.course("TANDEM", 3);
        String path = "/courses/" + course.id() + "/manage/groups/" + groupId + "/remove";
        Form finForm = Form.of("member", Long.toString(fin.personId()));

        assertEquals(403, eve.browser().post(path, finForm).statusCode(), "a member is not the course team");
        assertEquals(404, other.team().post(path, finForm).statusCode(), "another course's team does not see it");
        assertEquals(404, other.team().post("/courses/" + other.id() + "/manage/groups/" + groupId + "/remove", finForm).statusCode(),
                "nor through its own course");
        assertEquals(400, course.team().post(path, Form.of("member", "not-a-number")).statusCode());
        assertEquals(400, course.team().post(path, new Form()).statusCode());
        assertTrue(Db.tx(() -> GroupMember.currentMembership(groupId, fin.personId()).isPresent()), "nobody was removed");

        // removing one of a tandem ends it, as leaving does
        course.team().post(path, finForm).then().statusCode(303);
        assertEquals(LearningGroup.Status.DISSOLVED, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));
        assertEquals(1L, notices(eve, NotificationKind.GROUP_DISSOLVED));
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
