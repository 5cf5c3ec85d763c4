package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.entraide.group.LearningGroup;
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

/** Changing an open task: any member changes its title, date or who takes it; someone newly given it is told. */
@QuarkusTest
class TaskChangeTest {

    @Test
    void anyMemberChangesATaskAndTheNewAssigneeIsTold() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Kai", "Lou", "Max");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        Learner kai = members.get(0);
        Learner lou = members.get(1);
        Learner max = members.get(2);
        String page = "/groups/" + groupId;
        long taskId = Groups.task(groupId, kai.personId(), "Read chapter 2");
        String edit = page + "/tasks/" + taskId + "/edit";
        assertThat(lou.browser().get(page).asString(), containsString("href=\"" + edit + "\""));
        assertThat(lou.browser().get(edit).then().statusCode(200).extract().asString(), containsString("value=\"Read chapter 2\""));

        LocalDate due = LocalDate.now().plusDays(4);
        Response changed = lou.browser().post(edit, Form.of("title", "Read chapter 2 <and 3>", "dueOn", due.toString(),
                "assignee", Long.toString(max.personId())));

        assertEquals(303, changed.statusCode(), changed.asString());
        assertThat(changed.header("Location"), containsString(page + "?flash=task-updated#task-" + taskId));
        GroupTask stored = Db.tx(() -> GroupTask.<GroupTask>findById(taskId));
        assertEquals("Read chapter 2 <and 3>", stored.title);
        assertEquals(due, stored.dueOn);
        assertEquals(max.personId(), (long) Db.tx(() -> GroupTask.<GroupTask>findById(taskId).assignee.id));
        Notification told = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", max.personId(),
                NotificationKind.TASK_ASSIGNED).singleResult());
        assertEquals(page + "#task-" + taskId, told.link);
        assertThat(told.args, containsString("Lou"));
        assertThat(max.browser().get(page).asString(), containsString("Read chapter 2 &lt;and 3&gt;"));

        // the same assignee again is not a new notice; giving it to nobody is allowed
        lou.browser().post(edit, Form.of("title", "Read chapter 2 <and 3>", "dueOn", "", "assignee", Long.toString(max.personId())));
        assertEquals(1L, notices(max));
        assertEquals(303, max.browser().post(edit, Form.of("title", "Read chapter 2 <and 3>", "dueOn", "", "assignee", "")).statusCode());
        GroupTask cleared = Db.tx(() -> GroupTask.<GroupTask>findById(taskId));
        assertNull(cleared.assignee);
        assertNull(cleared.dueOn);

        // saving it unchanged is no activity: a quiet group stays quiet on the course team's list
        Instant quiet = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        Db.run(() -> LearningGroup.<LearningGroup>findById(groupId).lastActivityAt = quiet);
        assertEquals(303, lou.browser().post(edit, Form.of("title", "  Read chapter 2 <and 3> ", "dueOn", "", "assignee", "")).statusCode());
        assertEquals(quiet, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).lastActivityAt));
    }

    @Test
    void badInputKeepsWhatWasTypedAndDoneOrForeignTasksAreRefused() {
        Groups.Tandem t = Groups.tandem("Nia", "Oto");
        Groups.Tandem other = Groups.tandem("Pia", "Quin");
        String page = "/groups/" + t.groupId();
        long taskId = Groups.task(t.groupId(), t.first().personId(), "Prepare the quiz");
        String edit = page + "/tasks/" + taskId + "/edit";

        Response empty = t.second().browser().post(edit, Form.of("title", " ", "dueOn", "", "assignee", ""));
        assertEquals(400, empty.statusCode());
        assertThat(empty.asString(), containsString("<p class=\"error\" id=\"f-title-error\">" + Html.en("error.required")));
        Response past = t.second().browser().post(edit, Form.of("title", "Kept title", "dueOn", LocalDate.now().minusDays(3).toString(),
                "assignee", Long.toString(other.first().personId())));
        assertEquals(400, past.statusCode());
        assertThat(past.asString(), containsString("id=\"f-dueOn-error\""));
        assertThat(past.asString(), containsString("id=\"f-assignee-error\""));
        assertThat(past.asString(), containsString("value=\"Kept title\""));
        assertEquals("Prepare the quiz", Db.tx(() -> GroupTask.<GroupTask>findById(taskId).title), "nothing changed");

        Form valid = Form.of("title", "Hijacked", "dueOn", "", "assignee", "");
        assertEquals(404, other.first().browser().get(edit).statusCode(), "not a member");
        assertEquals(404, other.first().browser().post(edit, valid).statusCode());
        assertEquals(404, other.first().browser().post("/groups/" + other.groupId() + "/tasks/" + taskId + "/edit", valid).statusCode(),
                "a task of another group");

        assertEquals(303, t.first().browser().post(page + "/tasks/" + taskId + "/toggle", new Form()).statusCode());
        Response done = t.first().browser().post(edit, valid);
        assertThat(done.header("Location"), containsString("flash=task-closed"));
        assertThat(t.first().browser().get(edit).header("Location"), containsString("flash=task-closed"));
        assertEquals("Prepare the quiz", Db.tx(() -> GroupTask.<GroupTask>findById(taskId).title));
    }

    @Test
    void theChangePageIsInFrench() {
        Groups.Tandem t = Groups.tandem("Rosa", "Sam");
        long taskId = Groups.task(t.groupId(), t.first().personId(), "Relire");
        t.second().browser().post("/account", Form.of("displayName", "Sam Example", "language", "fr"));
        String form = t.second().browser().get("/groups/" + t.groupId() + "/tasks/" + taskId + "/edit").asString();
        assertThat(form, containsString("<h1>" + Html.fr("task.change-title") + "</h1>"));
        assertThat(form, containsString("Rosa</option>"));
        assertThat(form, containsString("Sam (" + Html.fr("group.you") + ")</option>"));
    }

    private static long notices(Learner learner) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), NotificationKind.TASK_ASSIGNED));
    }
}
