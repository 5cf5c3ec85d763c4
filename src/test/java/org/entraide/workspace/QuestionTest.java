package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

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

/** Questions in a group's messages: the asker marks the reply that answers; the course team counts open questions only. */
@QuarkusTest
class QuestionTest {

    private record Group(long id, TestCourse course, List<Learner> members) {
        String page() {
            return "/groups/" + id;
        }

        String answer(long questionId) {
            return page() + "/posts/" + questionId + "/answer";
        }

        String health() {
            return "/courses/" + course.id() + "/manage/groups";
        }
    }

    private static Group group(String... names) {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", names);
        return new Group(Groups.formGroup(course, "STUDY_GROUP", members), course, members);
    }

    private static long write(Learner author, Group g, String... fields) {
        assertEquals(303, author.browser().post(g.page() + "/posts", fields).statusCode());
        return Db.tx(() -> GroupPost.<GroupPost>find("author.id = ?1 order by id desc", author.personId()).firstResult().id);
    }

    private static Long answerOf(long questionId) {
        return Db.tx(() -> {
            GroupPost answer = GroupPost.<GroupPost>findById(questionId).answer;
            return answer == null ? null : answer.id;
        });
    }

    private static String chooseForm(Group g, long questionId) {
        return "action=\"" + g.answer(questionId) + "\"";
    }

    @Test
    void theAskerMarksTheAnswerAndTheTeamSeesOnlyHowManyWait() {
        Group g = group("Ana", "Ben", "Cyd");
        Learner ana = g.members().get(0);
        Learner ben = g.members().get(1);
        Learner cyd = g.members().get(2);
        long question = write(ana, g, "body", "Secret: how do I solve exercise 4?", "question", "on");
        long plain = write(ben, g, "body", "Just saying hello");
        long fromBen = write(ben, g, "body", "Try the hint in video 2.", "replyTo", Long.toString(question));
        long fromCyd = write(cyd, g, "body", "Use a loop over the rows.", "replyTo", Long.toString(question));
        long elsewhere = write(cyd, g, "body", "Hello Ben", "replyTo", Long.toString(plain));

        String asker = ana.browser().get(g.page()).asString();
        assertEquals(2, asker.split(chooseForm(g, question), -1).length - 1, "Ana may pick either reply");
        assertThat(asker, containsString("name=\"reply\" value=\"" + fromCyd + "\""));
        assertThat(ben.browser().get(g.page()).asString(), not(containsString(chooseForm(g, question))));
        String health = g.course().team().get(g.health()).asString();
        assertThat(health, containsString("1 open question (oldest: today)"));
        assertThat("the team never reads the question", health, not(containsString("Secret")));

        assertEquals(403, ben.browser().post(g.answer(question), "reply", Long.toString(fromBen)).statusCode(), "only the asker chooses");
        Group other = group("Dee", "Eve", "Fay");
        assertEquals(404, other.members().get(0).browser().post(g.answer(question), "reply", Long.toString(fromBen)).statusCode());
        assertEquals(404, g.course().team().post(g.answer(question), "reply", Long.toString(fromBen)).statusCode());
        assertEquals(404, ana.browser().post(g.answer(999_999_999L), "reply", Long.toString(fromBen)).statusCode());
        for (String reply : List.of(Long.toString(elsewhere), Long.toString(question), "abc", "-1", "99999999999999999999")) {
            assertEquals(400, ana.browser().post(g.answer(question), "reply", reply).statusCode(), reply);
        }
        assertEquals(400, ben.browser().post(g.answer(plain), "reply", Long.toString(elsewhere)).statusCode(), "not a question");
        assertNull(answerOf(question), "nothing chosen by refused requests");

        Response chosen = ana.browser().post(g.answer(question), "reply", Long.toString(fromCyd));

        assertThat(chosen.header("Location"), containsString(g.page() + "?flash=answer-chosen#post-" + question));
        assertEquals(fromCyd, answerOf(question));
        assertEquals(1L, (long) Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", cyd.personId(), NotificationKind.ANSWER_CHOSEN)));
        String page = ben.browser().get(g.page()).asString();
        assertThat(page, containsString("<strong class=\"answered\">" + Html.en("post.answered") + "</strong>"));
        assertThat(page, containsString("<div class=\"reply the-answer\" id=\"post-" + fromCyd + "\">"));
        String answered = ana.browser().get(g.page()).asString();
        assertThat(answered, not(containsString("name=\"reply\" value=\"" + fromBen + "\"")));
        assertThat(answered, containsString(Html.en("post.clear-answer")));
        assertThat(g.course().team().get(g.health()).asString(), not(containsString("open question")));

        assertEquals(303, cyd.browser().post(g.page() + "/posts/" + fromCyd + "/delete").statusCode());
        assertNull(answerOf(question), "a deleted answer answers nothing");
        assertThat(g.course().team().get(g.health()).asString(), containsString("1 open question"));

        assertEquals(303, ana.browser().post(g.answer(question), "reply", Long.toString(fromBen)).statusCode());
        assertEquals(fromBen, answerOf(question));
        Response cleared = ana.browser().post(g.answer(question), "reply", "");
        assertThat(cleared.header("Location"), containsString(g.page() + "?flash=answer-cleared#post-" + question));
        assertNull(answerOf(question));
    }

    @Test
    void onceTheAskerHasLeftAnyMemberChoosesAndADeletedAccountTakesItsAnswerAlong() {
        Group g = group("Ana", "Ben", "Cyd", "Dee");
        Learner ana = g.members().get(0);
        Learner ben = g.members().get(1);
        Learner cyd = g.members().get(2);
        long question = write(ana, g, "body", "Where are the slides?", "question", "on");
        long fromBen = write(ben, g, "body", "Under Resources.", "replyTo", Long.toString(question));
        assertEquals(403, cyd.browser().post(g.answer(question), "reply", Long.toString(fromBen)).statusCode());

        assertEquals(303, ana.browser().post(g.page() + "/leave", "reason", "Finished early").statusCode());

        assertThat(cyd.browser().get(g.page()).asString(), containsString(chooseForm(g, question)));
        assertEquals(303, cyd.browser().post(g.answer(question), "reply", Long.toString(fromBen)).statusCode());
        assertEquals(fromBen, answerOf(question));

        assertEquals(303, ben.browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());
        assertNull(answerOf(question), "Ben's reply went with his account, and with it the answer");
    }

    @Test
    void theMarksReadInFrench() {
        Group g = group("Ana", "Ben", "Cyd");
        Learner ana = g.members().get(0);
        long question = write(ana, g, "body", "Une question ?", "question", "on");
        long reply = write(g.members().get(1), g, "body", "Une réponse.", "replyTo", Long.toString(question));
        assertThat(ana.browser().acceptLanguage("fr").get(g.page()).asString(), containsString(Html.fr("post.choose-answer")));
        assertEquals(303, ana.browser().post(g.answer(question), "reply", Long.toString(reply)).statusCode());
        String page = ana.browser().get(g.page()).asString();
        assertThat(page, containsString(Html.fr("post.answered")));
        assertThat(page, containsString(Html.fr("post.the-answer")));
    }
}
