package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.entraide.account.Person;
import org.entraide.group.LearningGroup;
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

/** Messages in a group's workspace: threads and replies that only current members read, with one notice per burst. */
@QuarkusTest
class PostTest {

    record Group(long id, TestCourse course, Learner ana, Learner ben, Learner cyd) {
        String page() {
            return "/groups/" + id;
        }
    }

    private static Group group() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Ana", "Ben", "Cyd");
        return new Group(Groups.formGroup(course, "STUDY_GROUP", members), course, members.get(0), members.get(1), members.get(2));
    }

    private static long write(Learner author, Group g, String... fields) {
        Response sent = author.browser().post(g.page() + "/posts", fields);
        assertEquals(303, sent.statusCode(), sent.asString());
        return Db.tx(() -> GroupPost.<GroupPost>find("author.id = ?1 order by id desc", author.personId()).firstResult().id);
    }

    @Test
    void membersAskAndReplyTheOthersGetOneNoticeUntilTheyRead() {
        Group g = group();
        assertThat(g.ana().browser().get(g.page()).asString(), containsString(Html.en("post.none")));

        Response sent = g.ana().browser().post(g.page() + "/posts", "body", "  <b>Where</b> is\nthe quiz?  ", "question", "on");

        assertEquals(303, sent.statusCode());
        GroupPost question = Db.tx(() -> GroupPost.<GroupPost>find("group.id", g.id()).singleResult());
        assertThat(sent.header("Location"), containsString("#post-" + question.id));
        assertEquals("<b>Where</b> is\nthe quiz?", question.body);
        assertTrue(question.question);
        String page = g.ben().browser().get(g.page()).asString();
        assertThat(page, containsString("<p class=\"post-body\">&lt;b&gt;Where&lt;/b&gt; is\nthe quiz?</p>"));
        assertThat(page, containsString("<strong>" + Html.en("post.question") + "</strong> · Ana"));
        assertThat("only Ana may delete it", page, not(containsString("action=\"" + g.page() + "/posts/" + question.id + "/delete\"")));
        assertEquals(0L, notices(g.ana()));
        assertEquals(1L, notices(g.ben()));

        write(g.ana(), g, "body", "And the deadline?");
        assertEquals(1L, notices(g.ben()), "one notice until Ben reads it");
        assertEquals(303, g.ben().browser().post("/notifications/read").statusCode());
        write(g.ana(), g, "body", "Found it: Friday.");
        assertEquals(2L, notices(g.ben()), "read, then a new message: a new notice");

        long reply = write(g.ben(), g, "body", "Thanks!", "replyTo", Long.toString(question.id));

        assertEquals(question.id, Db.tx(() -> GroupPost.<GroupPost>findById(reply).replyTo.id));
        String withReply = g.cyd().browser().get(g.page()).asString();
        int thread = withReply.indexOf("id=\"post-" + question.id + "\"");
        int replyAt = withReply.indexOf("<div class=\"reply\" id=\"post-" + reply + "\">");
        assertTrue(thread > 0 && replyAt > thread && withReply.indexOf("</article>", thread) > replyAt, "the reply sits in its thread");
        assertThat(withReply, containsString("Thanks!"));
        assertEquals(1L, notices(g.cyd()), "Cyd has not read anything yet: still one notice");
    }

    @Test
    void aRefusedMessageKeepsWhatWasTypedAndStoresNothing() {
        Group g = group();
        Group other = group();
        long thread = write(g.ana(), g, "body", "First");
        long otherThread = write(other.ana(), other, "body", "Elsewhere");
        long before = Db.tx(() -> GroupPost.count());

        String empty = g.ben().browser().post(g.page() + "/posts", "body", "   ", "question", "on").then().statusCode(400).extract().asString();
        assertThat(empty, containsString("<p class=\"error\" id=\"f-body-error\">" + Html.en("error.required")));
        assertThat(empty, containsString("id=\"f-question\" name=\"question\" value=\"on\" checked"));

        String tooLong = "Kept <i>reply</i> " + "x".repeat(GroupPost.BODY_MAX);
        String reply = g.ben().browser().post(g.page() + "/posts", "body", tooLong, "replyTo", Long.toString(thread)).then().statusCode(400)
                .extract().asString();
        assertThat(reply, containsString("<details open>"));
        assertThat(reply, containsString("aria-describedby=\"f-reply-error\">Kept &lt;i&gt;reply&lt;/i&gt; xxx"));
        assertThat(reply, containsString("<p class=\"error\" id=\"f-reply-error\">" + Html.en("error.too-long")));

        for (String replyTo : List.of(Long.toString(otherThread), "abc", "-1", "99999999999999999999")) {
            assertEquals(400, g.ben().browser().post(g.page() + "/posts", "body", "Hi", "replyTo", replyTo).statusCode(), replyTo);
        }
        assertEquals(before, (long) Db.tx(() -> GroupPost.count()), "nothing stored");
    }

    @Test
    void outsidersSeeNothingAndOnlyTheAuthorDeletes() {
        Group g = group();
        Group other = group();
        long post = write(g.ana(), g, "body", "Private to us");
        long reply = write(g.ben(), g, "body", "Indeed", "replyTo", Long.toString(post));

        for (Browser outsider : List.of(other.ana().browser(), g.course().team())) {
            assertEquals(404, outsider.get(g.page()).statusCode());
            assertEquals(404, outsider.post(g.page() + "/posts", "body", "Let me in").statusCode());
            assertEquals(404, outsider.post(g.page() + "/posts/" + post + "/delete").statusCode());
        }
        assertEquals(404, other.ana().browser().post(other.page() + "/posts/" + post + "/delete").statusCode(), "not a post of that group");
        assertEquals(403, g.ben().browser().post(g.page() + "/posts/" + post + "/delete").statusCode(), "Ben did not write it");
        assertEquals("Private to us", Db.tx(() -> GroupPost.<GroupPost>findById(post).body));

        Response deleted = g.ana().browser().post(g.page() + "/posts/" + post + "/delete");

        assertEquals(303, deleted.statusCode());
        assertNull(Db.tx(() -> GroupPost.<GroupPost>findById(post).body));
        String page = g.cyd().browser().get(g.page()).asString();
        assertThat(page, containsString(Html.en("post.deleted")));
        assertThat(page, not(containsString("Private to us")));
        assertThat("the replies stay", page, containsString("Indeed"));
        assertEquals(303, g.cyd().browser().post(g.page() + "/posts", "body", "Still here", "replyTo", Long.toString(post)).statusCode(),
                "the conversation may go on");
        assertTrue(Db.tx(() -> GroupPost.<GroupPost>findById(reply).body != null));
    }

    @Test
    void aDeletedAccountTakesTheTextOfItsMessagesAlong() {
        Group g = group();
        long post = write(g.ben(), g, "body", "Ben's words");
        write(g.ana(), g, "body", "Ana's answer", "replyTo", Long.toString(post));
        assertThat(g.ben().browser().get("/account/export.json").asString(), containsString("\"body\":\"Ben's words\""));

        assertEquals(303, g.ben().browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());

        GroupPost erased = Db.tx(() -> GroupPost.<GroupPost>findById(post));
        assertTrue(erased.body == null && erased.author == null && erased.deletedAt != null);
        String page = g.ana().browser().get(g.page()).asString();
        assertThat(page, containsString(Html.en("post.former-member")));
        assertThat(page, not(containsString("Ben&#39;s words")));
        assertThat(page, containsString("Ana&#39;s answer"));
    }

    @Test
    void twentyThreadsAPageOlderOnesOnTheNext() {
        Group g = group();
        Db.run(() -> {
            LearningGroup group = LearningGroup.findById(g.id());
            Person ana = Person.findById(g.ana().personId());
            for (int i = 1; i <= 21; i++) {
                GroupPost post = new GroupPost();
                post.group = group;
                post.author = ana;
                post.body = "Thread number " + i + ".";
                post.createdAt = Instant.parse("2026-11-01T10:00:00Z").plusSeconds(60L * i);
                post.persist();
            }
        });
        String first = g.ben().browser().get(g.page()).asString();
        assertThat(first, containsString("Thread number 21."));
        assertThat(first, containsString("Thread number 2."));
        assertThat(first, not(containsString("Thread number 1.")));
        assertThat(first, containsString("href=\"" + g.page() + "?page=2#messages\""));
        String second = g.ben().browser().get(g.page() + "?page=2").asString();
        assertThat(second, containsString("Thread number 1."));
        assertThat(second, not(containsString("Thread number 2.")));
        assertThat(second, containsString("href=\"" + g.page() + "?page=1#messages\""));
        for (String odd : List.of("abc", "-5", "0", "99999999999999999999")) {
            assertThat(odd, g.ben().browser().get(g.page() + "?page=" + odd).then().statusCode(200).extract().asString(),
                    containsString("Thread number 21."));
        }
    }

    private static long notices(Learner learner) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), NotificationKind.GROUP_POST));
    }
}
