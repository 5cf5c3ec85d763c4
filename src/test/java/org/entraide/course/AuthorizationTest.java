package org.entraide.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.entraide.account.Person;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.FirstAccount;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Who may see and change a course: its team, its learners and organizers, strangers, other teams, the platform admin. */
@QuarkusTest
class AuthorizationTest {

    private static Browser team;
    private static String teamEmail;
    private static Browser learner;
    private static String learnerEmail;
    private static Browser stranger;
    private static Browser otherTeam;
    private static long courseId;
    private static long otherCourseId;
    private static String title;

    @BeforeEach
    void setUpOnce() {
        if (team != null) {
            return;
        }
        team = new Browser();
        teamEmail = team.signUpNew("authz-team");
        title = Courses.uniqueTitle("Guarded");
        courseId = Courses.create(team, title);
        learner = new Browser();
        learnerEmail = learner.signUpNew("authz-learner");
        Courses.join(learner, courseId);
        stranger = new Browser();
        stranger.signUpNew("authz-stranger");
        otherTeam = new Browser();
        otherTeam.signUpNew("authz-other-team");
        otherCourseId = Courses.create(otherTeam, Courses.uniqueTitle("Other"));
    }

    @Test
    void teamSeesBothPages() {
        assertEquals(200, team.get("/courses/" + courseId).statusCode());
        assertEquals(200, team.get("/courses/" + courseId + "/manage").statusCode());
    }

    @Test
    void learnerSeesTheCourseButGets403OnManagement() {
        assertEquals(200, learner.get("/courses/" + courseId).statusCode());
        Response manage = learner.get("/courses/" + courseId + "/manage");
        assertEquals(403, manage.statusCode());
        assertTrue(manage.asString().contains(Html.en("error.403.title")), "403 page in the layout");
        assertManagementPostsRefused(learner, 403);
    }

    @Test
    void strangerGets404LikeANonexistentCourse() {
        for (String path : List.of("/courses/" + courseId, "/courses/" + courseId + "/manage", "/courses/" + courseId + "/partners")) {
            Response existing = stranger.get(path);
            Response missing = stranger.get(path.replace(String.valueOf(courseId), "987654321"));
            assertEquals(404, existing.statusCode(), path);
            assertEquals(404, missing.statusCode());
            assertEquals(withoutTokens(missing.asString()), withoutTokens(existing.asString()), "no existence leak on " + path);
            assertFalse(existing.asString().contains(title));
        }
        assertManagementPostsRefused(stranger, 404);
    }

    @Test
    void teamOfAnotherCourseIsAStrangerHere() {
        assertEquals(404, otherTeam.get("/courses/" + courseId).statusCode());
        assertEquals(404, otherTeam.get("/courses/" + courseId + "/manage").statusCode());
        assertManagementPostsRefused(otherTeam, 404);
        assertEquals(404, team.get("/courses/" + otherCourseId + "/manage").statusCode(), "and the other way round");
    }

    @Test
    void anonymousVisitorIsSentToLogin() {
        Response response = new Browser().get("/courses/" + courseId + "/manage");
        assertEquals(302, response.statusCode());
        assertEquals("/login?next=%2Fcourses%2F" + courseId + "%2Fmanage", Browser.localLocation(response));
        Response post = new Browser().post("/courses/" + courseId + "/manage/invite-code", new Form());
        assertEquals(302, post.statusCode());
        assertEquals(Courses.inviteCode(courseId), Courses.inviteCode(courseId));
    }

    @Test
    void firstAccountIsPlatformAdminAndMayManageAnyCourse() {
        Person first = Db.tx(() -> Person.<Person>find("order by id").firstResult());
        assertEquals(FirstAccount.EMAIL, first.email, "the start-up account is the first one");
        assertTrue(first.platformAdmin);
        assertFalse(Db.tx(() -> Person.findByEmail(teamEmail).orElseThrow().platformAdmin));
        assertFalse(Db.tx(() -> Person.findByEmail(learnerEmail).orElseThrow().platformAdmin));

        Browser admin = new Browser();
        assertEquals(303, admin.logIn(FirstAccount.EMAIL, FirstAccount.PASSWORD).statusCode());
        assertEquals(200, admin.get("/courses/" + courseId).statusCode());
        assertEquals(200, admin.get("/courses/" + courseId + "/manage").statusCode());
        String codeBefore = Courses.inviteCode(otherCourseId);
        assertEquals(303, admin.post("/courses/" + otherCourseId + "/manage/invite-code", new Form()).statusCode());
        assertFalse(codeBefore.equals(Courses.inviteCode(otherCourseId)));
        assertEquals(404, admin.get("/courses/987654321").statusCode());
    }

    /** Every course-team POST is refused with the status, and the course, its invite code and its staff stay as they were. */
    private static void assertManagementPostsRefused(Browser who, int status) {
        Course before = Courses.course(courseId);
        long rolesBefore = Db.tx(() -> CourseRole.count("course.id", courseId));
        long teamRole = Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and role = ?2", courseId, CourseRole.Kind.TEAM)
                .firstResult().id);

        assertEquals(status, who.post("/courses/" + courseId + "/manage", Courses.validForm("Hijacked")).statusCode());
        assertEquals(status, who.post("/courses/" + courseId + "/manage", Courses.validForm("")).statusCode(),
                "an invalid form gives the same answer (no validation before the rights check)");
        assertEquals(status, who.post("/courses/" + courseId + "/manage/invite-code", new Form()).statusCode());
        assertEquals(status, who.post("/courses/" + courseId + "/manage/staff", Form.of("email", learnerEmail, "role", "TEAM")).statusCode());
        assertEquals(status, who.post("/courses/" + courseId + "/manage/staff/" + teamRole + "/delete", new Form()).statusCode());

        Course after = Courses.course(courseId);
        assertEquals(before.title, after.title);
        assertEquals(before.inviteCode, after.inviteCode);
        assertEquals(rolesBefore, Db.tx(() -> CourseRole.count("course.id", courseId)));
        assertTrue(Db.tx(() -> CourseRole.findById(teamRole) != null));
    }

    private static String withoutTokens(String html) {
        return html.replaceAll("value=\"[A-Za-z0-9_-]{20,}\"", "value=\"\"").replaceAll("987654321|" + courseId, "ID");
    }
}
