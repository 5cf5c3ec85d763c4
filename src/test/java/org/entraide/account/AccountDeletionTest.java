package org.entraide.account;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.entraide.course.Course;
import org.entraide.course.CourseRole;
import org.entraide.group.GroupMember;
import org.entraide.group.LearningGroup;
import org.entraide.group.MemberReport;
import org.entraide.matching.Proposal;
import org.entraide.notify.MailOutbox;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** "Delete my account" on the account page: confirmed, it ends what the person shares with others, then forgets them. */
@QuarkusTest
class AccountDeletionTest {

    private static final Form CONFIRMED = Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes");

    @Test
    void deletionNeedsThePasswordAndTheTickedBoxAndOtherwiseKeepsEverything() {
        Browser browser = new Browser();
        String email = browser.signUpNew("keeper");
        assertThat(browser.get("/account").asString(), containsString("action=\"/account/delete\""));

        Response nothing = browser.post("/account/delete", new Form());
        assertEquals(400, nothing.statusCode());
        assertThat(nothing.asString(), containsString("<p class=\"error\" id=\"f-deletePassword-error\">" + Html.en("error.password-wrong")));
        assertThat(nothing.asString(), containsString("<p class=\"error\" id=\"f-confirm-error\">" + Html.en("error.confirm-delete-account")));

        Response wrongPassword = browser.post("/account/delete", Form.of("deletePassword", "not my password", "confirm", "yes"));
        assertEquals(400, wrongPassword.statusCode());
        assertThat(wrongPassword.asString(), containsString("id=\"f-deletePassword-error\""));

        Response unticked = browser.post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD));
        assertEquals(400, unticked.statusCode());
        assertThat(unticked.asString(), containsString("id=\"f-confirm-error\""));

        assertTrue(Db.tx(() -> Person.findByEmail(email).isPresent()), "the account is kept");
        assertEquals(200, browser.get("/courses").statusCode(), "and still signed in");
    }

    @Test
    void deletingTheAccountLeavesEveryCourseTellsTheOthersAndForgetsThePerson() {
        TestCourse first = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(first, "Ana", "TANDEM");
        Learner ben = Groups.learner(first, "Ben", "TANDEM");
        long groupId = Groups.formGroup(first, "TANDEM", List.of(ana, ben));
        TestCourse second = Groups.course("TANDEM", 3);
        Groups.joinWithProfile(second, ana, "TANDEM", Groups.evenings());
        Learner cy = Groups.learner(second, "Cy", "TANDEM");
        long proposalId = Groups.publishedProposal(second, "TANDEM", cy);
        assertTrue(Db.tx(() -> MailOutbox.count("recipient", ana.email())) > 0, "mail was queued for Ana");
        String session = ana.browser().cookie(Browser.SESSION_COOKIE);

        Response deleted = ana.browser().post("/account/delete", CONFIRMED);

        assertEquals(303, deleted.statusCode(), deleted.asString());
        assertEquals("/", Browser.locationPath(deleted));
        assertThat(ana.browser().follow(deleted).asString(), containsString(Html.en("flash.account-deleted")));
        long anaId = ana.personId();
        assertTrue(Db.tx(() -> Person.findByIdOptional(anaId).isEmpty()), "the person is gone");
        assertEquals(0L, Db.tx(() -> Enrolment.count("person.id", anaId) + GroupMember.count("person.id", anaId)
                + Notification.count("person.id", anaId) + MailOutbox.count("recipient", ana.email())), "and what was theirs");

        assertEquals(LearningGroup.Status.DISSOLVED, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));
        assertEquals(1L, notices(ben, NotificationKind.GROUP_DISSOLVED), "Ben is told");
        assertEquals(Enrolment.Status.WAITING, Db.tx(() -> Enrolment.find(first.id(), ben.personId()).orElseThrow().status));
        assertEquals(Proposal.Status.DECLINED, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));
        assertEquals(1L, notices(cy, NotificationKind.MEMBER_DECLINED), "Cy is told and waits again");

        Response oldSession = new Browser().setCookie(Browser.SESSION_COOKIE, session).get("/courses");
        assertEquals("/login", Browser.locationPath(oldSession), "a copy of the old session cookie opens nothing");
        assertEquals(401, new Browser().logIn(ana.email(), Browser.DEFAULT_PASSWORD).statusCode());
        assertEquals(303, new Browser().signUp(ana.email(), "Ana Again", Browser.DEFAULT_PASSWORD).statusCode(),
                "the address is free for a new account");
    }

    @Test
    void theOnlyTeamMemberOfACourseOthersTakePartInMustHandItOverFirst() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner dee = Groups.learner(course, "Dee", "TANDEM");
        String title = Db.tx(() -> Course.<Course>findById(course.id()).title);
        long teamId = teamMemberOf(course);

        Response refused = course.team().acceptLanguage("fr").post("/account/delete", CONFIRMED);

        assertEquals(400, refused.statusCode());
        assertThat(refused.asString(), containsString("id=\"f-confirm-error\">" + Html.fr("error.account-sole-team").replace("{0}", Html.escape(title))));
        assertTrue(Db.tx(() -> Person.findByIdOptional(teamId).isPresent() && Course.findByIdOptional(course.id()).isPresent()
                && Enrolment.find(course.id(), dee.personId()).isPresent()), "nothing is deleted");

        Courses.addStaff(course.team(), course.id(), dee.email(), "TEAM", dee.browser());
        assertEquals(303, course.team().post("/account/delete", CONFIRMED).statusCode());
        assertTrue(Db.tx(() -> Person.findByIdOptional(teamId).isEmpty()));
        assertEquals(List.of(dee.personId()), Db.tx(() -> CourseRole.<CourseRole>list("course.id = ?1 and role = ?2", course.id(),
                CourseRole.Kind.TEAM).stream().map(role -> role.person.id).toList()), "the course goes on with Dee as its team");
    }

    @Test
    void aCourseNobodyElseIsInIsDeletedWithTheAccount() {
        Browser team = new Browser();
        team.signUpNew("lonely-team");
        long courseId = Courses.create(team, Courses.uniqueTitle("Nobody else"));

        assertEquals(303, team.post("/account/delete", CONFIRMED).statusCode());

        assertTrue(Db.tx(() -> Course.findByIdOptional(courseId).isEmpty()));
    }

    @Test
    void reportsStayWithTheCourseTeamWhenTheirAuthorOrTheMemberTheyAreAboutDeletesTheAccount() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Ida", "Jo", "Kit", "Lin");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        Learner ida = members.get(0);
        Learner jo = members.get(1);
        Learner kit = members.get(2);
        assertEquals(303, ida.browser().post("/groups/" + groupId + "/report", Form.of("reported", String.valueOf(jo.personId()),
                "reason", "Jo mocks every question")).statusCode());
        assertEquals(303, kit.browser().post("/groups/" + groupId + "/report", Form.of("reported", String.valueOf(ida.personId()),
                "reason", "Ida copies our notes elsewhere")).statusCode());
        String reports = "/courses/" + course.id() + "/manage/groups";
        assertThat(course.team().get(reports).asString(), containsString(ida.email()));

        assertEquals(303, ida.browser().post("/account/delete", CONFIRMED).statusCode());

        List<MemberReport> kept = Db.tx(() -> MemberReport.<MemberReport>list("group.id = ?1 order by id", groupId));
        assertEquals(2, kept.size(), "both reports are kept");
        assertEquals(List.of("Jo mocks every question", "Ida copies our notes elsewhere"), kept.stream().map(r -> r.reason).toList());
        assertTrue(Db.tx(() -> MemberReport.count("reporter is null and reported.id = ?1", jo.personId())
                + MemberReport.count("reporter.id = ?1 and reported is null", kit.personId())) == 2, "only Ida's side is gone");
        String page = course.team().get(reports).asString();
        assertThat(page, containsString("Jo mocks every question"));
        assertThat(page, containsString(jo.email()));
        assertThat(page, containsString(kit.email()));
        assertThat(page, not(containsString(ida.email())));
        assertEquals(2, page.split("<td>" + Html.en("post.former-member") + "</td>", -1).length - 1, "one former member in each report");

        long aboutIda = kept.get(1).id;
        assertEquals(303, course.team().post(reports + "/reports/" + aboutIda + "/handled").statusCode());
        assertTrue(Db.tx(() -> MemberReport.<MemberReport>findById(aboutIda).handledAt != null));
    }

    private static long teamMemberOf(TestCourse course) {
        return Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and role = ?2", course.id(), CourseRole.Kind.TEAM).firstResult().person.id);
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
