package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.entraide.account.Person;
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

/** Comments under a task: members write them, the task's author and whoever it is for hear of it, bad input keeps what was typed. */
@QuarkusTest
class TaskCommentTest {

    @Test
    void membersCommentOnATaskAndThoseConcernedAreTold() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Ama", "Bert", "Cleo");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        Learner ama = members.get(0);
        Learner bert = members.get(1);
        Learner cleo = members.get(2);
        String page = "/groups/" + groupId;
        assertEquals(303, ama.browser().post(page + "/tasks", Form.of("title", "Summarise chapter 3", "assignee",
                Long.toString(bert.personId()))).statusCode());
        long taskId = Db.tx(() -> GroupTask.<GroupTask>find("group.id", groupId).singleResult().id);
        assertThat(cleo.browser().get(page).asString(), containsString(">" + Html.en("task.comment-open") + "<span class=\"visually-hidden\">: Summarise chapter 3</span></summary>"));

        Response commented = cleo.browser().post(page + "/tasks/" + taskId + "/comments",
                Form.of("comment", "  I can help with part 2.\n<script>alert(1)</script> "));

        assertEquals(303, commented.statusCode(), commented.asString());
        assertThat(commented.header("Location"), containsString(page + "?flash=comment-added#task-" + taskId));
        TaskComment stored = Db.tx(() -> TaskComment.<TaskComment>find("task.id", taskId).singleResult());
        assertEquals("I can help with part 2.\n<script>alert(1)</script>", stored.body);
        assertEquals(cleo.personId(), (long) Db.tx(() -> TaskComment.<TaskComment>findById(stored.id).author.id));
        assertEquals(1L, notices(ama), "the task's author is told");
        assertEquals(1L, notices(bert), "whoever it is for is told");
        assertEquals(0L, notices(cleo), "not the one who wrote");

        String seen = ama.browser().get(page).asString();
        assertEquals(1, comments(seen));
        assertThat(seen, containsString("<strong>Cleo</strong>"));
        assertThat(seen, containsString("I can help with part 2.\n&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertThat(seen, not(containsString("<script>alert(1)")));

        assertEquals(303, bert.browser().post(page + "/tasks/" + taskId + "/comments", Form.of("comment", "Thanks, take it.")).statusCode());
        assertEquals(2L, notices(ama), "the author again; Bert is the one writing");
        assertEquals(1L, notices(bert));
        assertEquals(0L, notices(cleo), "who only commented is not told");
        assertEquals(2, comments(cleo.browser().get(page).asString()));

        // ticked off meanwhile, the task keeps its comments in the done list, and one may still be added
        assertEquals(303, bert.browser().post(page + "/tasks/" + taskId + "/toggle", new Form()).statusCode());
        assertEquals(303, cleo.browser().post(page + "/tasks/" + taskId + "/comments", Form.of("comment", "Well done!")).statusCode());
        assertEquals(3, comments(ama.browser().get(page).asString()));

        List<Object> exported = cleo.browser().get("/account/export.json").jsonPath().getList("taskComments.body");
        assertEquals(List.of("I can help with part 2.\n<script>alert(1)</script>", "Well done!"), exported);
    }

    @Test
    void aRefusedCommentKeepsWhatWasTypedAndStoresNothing() {
        Groups.Tandem t = Groups.tandem("Dina", "Eli");
        String page = "/groups/" + t.groupId();
        long taskId = Groups.task(t.groupId(), t.first().personId(), "Prepare questions");
        Browser eli = t.second().browser();

        Response empty = eli.post(page + "/tasks/" + taskId + "/comments", Form.of("comment", "  \n "));
        assertEquals(400, empty.statusCode());
        assertThat(empty.asString(), containsString("<p class=\"error\" id=\"task-" + taskId + "-comment-error\">" + Html.en("error.required")));
        assertThat(empty.asString(), containsString("<details class=\"task-comments\" open>"));

        String tooLong = "x".repeat(TaskComment.BODY_MAX + 1);
        Response refused = eli.post(page + "/tasks/" + taskId + "/comments", Form.of("comment", tooLong));
        assertEquals(400, refused.statusCode());
        assertThat(refused.asString(), containsString(Html.en("error.too-long")));
        assertThat(refused.asString(), containsString(">" + tooLong + "</textarea>"));
        assertThat(refused.asString(), containsString("aria-describedby=\"task-" + taskId + "-comment-error\""));
        assertEquals(0L, (long) Db.tx(() -> TaskComment.count("task.id", taskId)));
        assertEquals(0L, notices(t.first()));

        Db.run(() -> {
            for (int i = 0; i < TaskService.COMMENTS_MAX; i++) {
                TaskComment comment = new TaskComment();
                comment.task = GroupTask.findById(taskId);
                comment.author = Person.findById(t.first().personId());
                comment.body = "comment " + i;
                comment.createdAt = Instant.now();
                comment.persist();
            }
        });
        Response full = eli.post(page + "/tasks/" + taskId + "/comments", Form.of("comment", "one more"));
        assertEquals(400, full.statusCode());
        assertThat(full.asString(), containsString(Html.en("error.comment-limit")));
        assertEquals((long) TaskService.COMMENTS_MAX, (long) Db.tx(() -> TaskComment.count("task.id", taskId)));
    }

    @Test
    void outsidersAndOtherGroupsTasksAreNotFound() {
        Groups.Tandem t = Groups.tandem("Fay", "Gus");
        Groups.Tandem other = Groups.tandem("Hal", "Ivy");
        long taskId = Groups.task(t.groupId(), t.first().personId(), "Watch week 2");

        assertEquals(404, other.first().browser().post("/groups/" + t.groupId() + "/tasks/" + taskId + "/comments",
                Form.of("comment", "hello")).statusCode(), "not a member");
        assertEquals(404, other.first().browser().post("/groups/" + other.groupId() + "/tasks/" + taskId + "/comments",
                Form.of("comment", "hello")).statusCode(), "a task of another group");
        assertEquals(404, t.first().browser().post("/groups/" + t.groupId() + "/tasks/999999999/comments",
                Form.of("comment", "hello")).statusCode());
        assertEquals(0L, (long) Db.tx(() -> TaskComment.count("task.id", taskId)));
    }

    @Test
    void commentsAreInFrenchTooAndGoWithTheAccount() {
        Groups.Tandem t = Groups.tandem("Jade", "Karl");
        String page = "/groups/" + t.groupId();
        long taskId = Groups.task(t.groupId(), t.first().personId(), "Relire le chapitre 1");
        Browser karl = t.second().browser();
        karl.post("/account", Form.of("displayName", "Karl Example", "language", "fr"));
        assertEquals(303, karl.post(page + "/tasks/" + taskId + "/comments", Form.of("comment", "Je m'en occupe.")).statusCode());
        String french = karl.get(page).asString();
        assertEquals(1, comments(french));
        assertThat(french, containsString(Html.fr("task.comment-open")));
        Notification notice = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", t.first().personId(),
                NotificationKind.TASK_COMMENT).singleResult());
        assertEquals(page + "#task-" + taskId, notice.link);

        assertEquals(303, karl.post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes")).statusCode());
        assertEquals(0L, (long) Db.tx(() -> TaskComment.count("task.id", taskId)), "a deleted account's comments go with it");
        assertEquals(1L, (long) Db.tx(() -> GroupTask.count("id", taskId)), "the task stays with the group");
    }

    /** How many comments the page shows (under every task). */
    private static int comments(String page) {
        return page.split("<li class=\"comment\">", -1).length - 1;
    }

    private static long notices(Learner learner) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), NotificationKind.TASK_COMMENT));
    }
}
