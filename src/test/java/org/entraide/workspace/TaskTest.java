package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;

import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.Tandem;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The group's shared task list: add (for someone, by a date), tick off, reopen, delete; refused input; outsiders. */
@QuarkusTest
class TaskTest {

    private static Tandem tandem() {
        return Groups.tandem("Uma", "Vic");
    }

    private static GroupTask onlyTask(long groupId) {
        return Db.tx(() -> GroupTask.<GroupTask>find("group.id", groupId).singleResult());
    }

    @Test
    void addedForSomeoneTickedOffReopenedAndDeletedByItsAuthor() {
        Tandem t = tandem();
        String page = "/groups/" + t.groupId();
        assertThat(t.first().browser().get(page).asString(), containsString(Html.en("task.none")));
        LocalDate due = LocalDate.now().plusDays(3);

        Response added = t.first().browser().post(page + "/tasks", Form.of("title", "  Read chapter 2 <b>now</b> ", "dueOn", due.toString(),
                "assignee", Long.toString(t.second().personId())));

        assertEquals(303, added.statusCode(), added.asString());
        assertThat(added.header("Location"), containsString("#tasks"));
        GroupTask task = onlyTask(t.groupId());
        assertEquals("Read chapter 2 <b>now</b>", task.title);
        assertEquals(due, task.dueOn);
        assertEquals(t.second().personId(), task.assignee.id);
        assertEquals(1L, notices(t.second(), NotificationKind.TASK_ASSIGNED));
        assertEquals(0L, notices(t.first(), NotificationKind.TASK_ASSIGNED));
        String vicPage = t.second().browser().get(page).asString();
        assertThat(vicPage, containsString("Read chapter 2 &lt;b&gt;now&lt;/b&gt;"));
        assertThat(vicPage, containsString("<strong>" + Html.en("task.for-you") + "</strong>"));
        assertThat(vicPage, not(containsString("action=\"" + page + "/tasks/" + task.id + "/delete\"")));
        assertThat(t.first().browser().get(page).asString(), containsString("for Vic"));

        assertEquals(303, t.second().browser().post(page + "/tasks/" + task.id + "/toggle").statusCode());
        GroupTask done = onlyTask(t.groupId());
        assertNotNull(done.doneAt);
        assertEquals(t.second().personId(), done.doneBy.id);
        assertThat(t.first().browser().get(page).asString(), containsString("done by Vic"));
        assertEquals(303, t.first().browser().post(page + "/tasks/" + task.id + "/toggle").statusCode());
        assertNull(onlyTask(t.groupId()).doneAt, "reopened");

        assertEquals(403, t.second().browser().post(page + "/tasks/" + task.id + "/delete").statusCode(), "Vic did not add it");
        assertEquals(0, t.second().browser().get("/account/export.json").jsonPath().getList("groupTasks").size(), "Vic added none");
        assertEquals("Read chapter 2 <b>now</b>", t.first().browser().get("/account/export.json").jsonPath().getString("groupTasks[0].title"));
        assertEquals(303, t.first().browser().post(page + "/tasks/" + task.id + "/delete").statusCode());
        assertEquals(0L, (long) Db.tx(() -> GroupTask.count("group.id", t.groupId())));
    }

    @Test
    void aRefusedTaskKeepsWhatWasTypedAndStoresNothing() {
        Tandem t = tandem();
        Tandem other = tandem();
        String page = "/groups/" + t.groupId();

        String empty = t.first().browser().post(page + "/tasks", Form.of("title", "  ", "dueOn", "", "assignee", ""))
                .then().statusCode(400).extract().asString();
        assertThat(empty, containsString("id=\"f-title-error\">" + Html.en("error.required")));

        String wrong = t.first().browser().post(page + "/tasks", Form.of("title", "Kept <title>", "dueOn", "31/12/2026",
                "assignee", Long.toString(other.first().personId()))).then().statusCode(400).extract().asString();
        assertThat(wrong, containsString("value=\"Kept &lt;title&gt;\""));
        assertThat(wrong, containsString("id=\"f-dueOn-error\">" + Html.en("error.date")));
        assertThat(wrong, containsString("id=\"f-assignee-error\">" + Html.en("error.invalid-choice")));

        String past = t.first().browser().post(page + "/tasks", Form.of("title", "x".repeat(GroupTask.TITLE_MAX + 1),
                "dueOn", LocalDate.now().minusDays(2).toString())).then().statusCode(400).extract().asString();
        assertThat(past, containsString("id=\"f-title-error\">" + Html.en("error.too-long")));
        assertThat(past, containsString("id=\"f-dueOn-error\">" + Html.en("error.task-due")));
        assertEquals(0L, (long) Db.tx(() -> GroupTask.count("group.id", t.groupId())), "nothing stored");
        assertEquals(0L, notices(other.first(), NotificationKind.TASK_ASSIGNED));
    }

    @Test
    void outsidersFindNothing() {
        Tandem t = tandem();
        Tandem other = tandem();
        String page = "/groups/" + t.groupId();
        assertEquals(303, t.first().browser().post(page + "/tasks", Form.of("title", "Quiz 1")).statusCode());
        long taskId = onlyTask(t.groupId()).id;
        Browser outsider = other.first().browser();

        assertEquals(404, outsider.post(page + "/tasks", Form.of("title", "Intrusion")).statusCode());
        assertEquals(404, outsider.post(page + "/tasks/" + taskId + "/toggle").statusCode());
        assertEquals(404, outsider.post(page + "/tasks/" + taskId + "/delete").statusCode());
        String otherPage = "/groups/" + other.groupId();
        assertEquals(404, outsider.post(otherPage + "/tasks/" + taskId + "/toggle").statusCode(), "another group's task");
        assertEquals(404, outsider.post(otherPage + "/tasks/" + taskId + "/delete").statusCode());
        assertNull(onlyTask(t.groupId()).doneAt);
    }

    @Test
    void aTaskStaysWhenItsAuthorDeletesTheirAccountAndTheOthersMayDeleteIt() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Ana", "Ben", "Cyd");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        String page = "/groups/" + groupId;
        assertEquals(303, members.get(0).browser().post(page + "/tasks", Form.of("title", "Quiz 1")).statusCode());
        long taskId = onlyTask(groupId).id;
        assertEquals(403, members.get(1).browser().post(page + "/tasks/" + taskId + "/delete").statusCode());

        assertEquals(303, members.get(0).browser().post("/account/delete",
                Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes")).statusCode());

        assertNull(onlyTask(groupId).createdBy, "the task stays with the group");
        assertEquals(303, members.get(1).browser().post(page + "/tasks/" + taskId + "/delete").statusCode(),
                "anyone may, once its author is gone");
        assertEquals(0L, (long) Db.tx(() -> GroupTask.count("group.id", groupId)));
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
