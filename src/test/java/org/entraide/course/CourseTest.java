package org.entraide.course;

import static org.entraide.testing.Browser.locationPath;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.entraide.account.Person;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.testing.AddressLinks;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class CourseTest {

    /** A course-team person shared by this class's tests; each test makes its own courses. */
    private static Browser team;
    private static String teamEmail;

    @BeforeEach
    void signUpTeamOnce() {
        if (team == null) {
            team = new Browser();
            teamEmail = team.signUpNew("course-team");
        }
    }

    @Test
    void createCourseMakesTheCreatorItsTeam() {
        String title = Courses.uniqueTitle("Algebra");
        Response response = team.post("/courses", Courses.validForm(title));
        assertEquals(303, response.statusCode());
        String path = locationPath(response);
        assertTrue(path.matches("/courses/\\d+/manage"), path);
        long id = Long.parseLong(path.split("/")[2]);

        Course course = Courses.course(id);
        assertEquals(title, course.title);
        assertEquals("https://example.org/mooc", course.url);
        assertEquals("en,fr", course.languages);
        assertEquals("TANDEM,STUDY_GROUP", course.formats);
        assertEquals(LocalDate.of(2030, 1, 10), course.startDate);
        assertEquals(LocalDate.of(2030, 3, 1), course.endDate);
        assertEquals(7, course.weeks);
        assertEquals(3, course.groupMin);
        assertEquals(5, course.groupMax);
        assertTrue(course.signupOpen);
        assertTrue(course.inviteCode.length() >= 20, "invite codes are long and random");
        assertTrue(Db.tx(() -> CourseRole.has(id, personId(teamEmail), CourseRole.Kind.TEAM)));

        Response manage = team.follow(response);
        assertEquals(200, manage.statusCode());
        assertThat(manage.asString(), containsString(Html.en("flash.course-created")));
        assertThat(manage.asString(), containsString("/join/" + course.inviteCode));
        assertThat(manage.asString(), containsString("value=\"" + title + "\""));
    }

    @Test
    void newCourseFormHasDefaults() {
        Response form = team.get("/courses/new");
        assertEquals(200, form.statusCode());
        assertThat(form.asString(), containsString("<input id=\"f-groupMin\" name=\"groupMin\" type=\"number\" value=\"3\""));
        assertThat(form.asString(), containsString("id=\"format-TANDEM\" name=\"formats\" value=\"TANDEM\" checked"));
    }

    static Stream<Arguments> invalidCourses() {
        return Stream.of(
                invalid("title missing", "title", "error.required", f -> f.set("title", "  ")),
                invalid("title too long", "title", "error.too-long", f -> f.set("title", "T".repeat(151))),
                invalid("title with control character", "title", "error.control-characters", f -> f.set("title", "Bad\u001btitle")),
                invalid("description too long", "description", "error.too-long", f -> f.set("description", "d".repeat(4001))),
                invalid("url not http", "url", "error.url", f -> f.set("url", "ftp://example.org/mooc")),
                invalid("url javascript", "url", "error.url", f -> f.set("url", "javascript:alert(1)")),
                invalid("url without host", "url", "error.url", f -> f.set("url", "https:///nohost")),
                invalid("url not a URI", "url", "error.url", f -> f.set("url", "https://exa mple.org")),
                invalid("unknown language", "languages", "error.invalid-choice", f -> f.set("languages", "en", "xx")),
                invalid("no language", "languages", "error.choose-one", f -> f.without("languages")),
                invalid("no format", "formats", "error.choose-one", f -> f.without("formats")),
                invalid("unknown format", "formats", "error.invalid-choice", f -> f.set("formats", "TANDEM", "HOVERCRAFT")),
                invalid("lower-case format", "formats", "error.invalid-choice", f -> f.set("formats", "tandem")),
                invalid("groupMin below 3", "groupMin", "error.range", f -> f.set("groupMin", "2")),
                invalid("groupMax above 6", "groupMax", "error.range", f -> f.set("groupMax", "7")),
                invalid("groupMax below groupMin", "groupMax", "error.max-below-min", f -> f.set("groupMin", "5").set("groupMax", "4")),
                invalid("groupMin missing", "groupMin", "error.required", f -> f.set("groupMin", "")),
                invalid("negative weeks", "weeks", "error.range", f -> f.set("weeks", "-1")),
                invalid("huge weeks", "weeks", "error.number", f -> f.set("weeks", "99999999999999999999")),
                invalid("weeks not a number", "weeks", "error.number", f -> f.set("weeks", "six")),
                invalid("decimal overlap", "minOverlapHours", "error.number", f -> f.set("minOverlapHours", "1.5")),
                invalid("overlap too high", "minOverlapHours", "error.range", f -> f.set("minOverlapHours", "41")),
                invalid("consent window zero", "consentWindowDays", "error.range", f -> f.set("consentWindowDays", "0")),
                invalid("radius too far", "defaultRadiusKm", "error.range", f -> f.set("defaultRadiusKm", "301")),
                invalid("radius negative", "defaultRadiusKm", "error.range", f -> f.set("defaultRadiusKm", "-5")),
                invalid("end before start", "endDate", "error.end-before-start",
                        f -> f.set("startDate", "2030-03-01").set("endDate", "2030-02-28")),
                invalid("impossible date", "startDate", "error.date", f -> f.set("startDate", "2030-02-30")),
                invalid("not a date", "endDate", "error.date", f -> f.set("endDate", "next week")),
                invalid("date out of range", "startDate", "error.date", f -> f.set("startDate", "1999-12-31")));
    }

    private static Arguments invalid(String label, String field, String key, UnaryOperator<Form> change) {
        return Arguments.of(label, field, key, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCourses")
    void invalidCourseIsRefusedAndNothingStored(String label, String field, String key, UnaryOperator<Form> change) {
        long rolesBefore = Db.tx(() -> CourseRole.count("person.id", personId(teamEmail)));
        String title = Courses.uniqueTitle("Invalid");
        Form form = change.apply(Courses.validForm(title));

        Response response = team.post("/courses", form);
        assertEquals(400, response.statusCode());
        String html = response.asString();
        assertThat(html, containsString("<p class=\"error\" id=\"f-" + field + "-error\">" + Html.en(key) + "</p>"));
        assertEquals(rolesBefore, Db.tx(() -> CourseRole.count("person.id", personId(teamEmail))), "no course created");
        assertEquals(0L, Db.tx(() -> Course.count("title", title)));
        if (!field.equals("title") && !field.equals("description")) {
            assertThat("typed title kept", html, containsString("value=\"" + title + "\""));
        }
    }

    @Test
    void coursePageWritesDatesInTheReadersLanguageAndLinksTheCourseWithoutAPlatform() {
        long id = Courses.create(team, Courses.uniqueTitle("Dates"));
        String page = team.get("/courses/" + id).asString();
        assertThat(page, containsString("From January 10, 2030 to March 1, 2030 · 7 weeks"));
        assertThat(page, containsString("FUN MOOC · <a href=\"https://example.org/mooc\">"));

        team.post("/language", Form.of("lang", "fr", "back", "/"));
        assertThat(team.get("/courses/" + id).asString(), containsString("Du 10 janvier 2030 au 1er mars 2030 · 7 semaines"));
        team.post("/language", Form.of("lang", "en", "back", "/"));

        // no platform: the link to the course still shows; no end date: the range stays open
        team.post("/courses/" + id + "/manage", Courses.validForm(Courses.course(id).title).set("platform", "").set("endDate", ""));
        page = team.get("/courses/" + id).asString();
        assertThat(page, containsString("<p class=\"muted\"><a href=\"https://example.org/mooc\">"));
        assertThat(page, containsString("From January 10, 2030 to …"));
    }

    @Test
    void teamUpdatesSettings() {
        long id = Courses.create(team, Courses.uniqueTitle("Settings"));
        String newTitle = Courses.uniqueTitle("Renamed");
        Form form = Courses.validForm(newTitle).set("groupMax", "6").set("formats", "LOCAL_MEETUP").without("signupOpen");

        Response response = team.post("/courses/" + id + "/manage", form);
        assertEquals(303, response.statusCode());
        assertEquals("/courses/" + id + "/manage", locationPath(response));
        Course course = Courses.course(id);
        assertEquals(newTitle, course.title);
        assertEquals(6, course.groupMax);
        assertEquals("LOCAL_MEETUP", course.formats);
        assertFalse(course.signupOpen);

        Response invalid = team.post("/courses/" + id + "/manage", Courses.validForm("").set("groupMin", "9"));
        assertEquals(400, invalid.statusCode());
        assertThat(invalid.asString(), containsString("id=\"f-title-error\""));
        assertThat(invalid.asString(), containsString("id=\"f-groupMin-error\""));
        assertEquals(newTitle, Courses.course(id).title, "nothing changed");
        assertEquals(3, Courses.course(id).groupMin);
    }

    @Test
    void inviteLinkShowsTheCourseToAnonymousVisitors() {
        String title = Courses.uniqueTitle("Open");
        long id = Courses.create(team, title);
        String code = Courses.inviteCode(id);

        Response page = new Browser().get("/join/" + code);
        assertEquals(200, page.statusCode());
        String html = page.asString();
        assertThat(html, containsString(title));
        assertThat(html, containsString(Html.en("format.TANDEM")));
        assertThat(html, containsString("href=\"/signup?next=%2Fjoin%2F" + code + "\""));
        assertThat(html, containsString("href=\"/login?next=%2Fjoin%2F" + code + "\""));
        assertThat(html, not(containsString("action=\"/join/")));
    }

    @Test
    void signedInPersonJoinsAsDraftAndJoiningTwiceIsIdempotent() {
        long id = Courses.create(team, Courses.uniqueTitle("Join"));
        String code = Courses.inviteCode(id);
        Browser learner = new Browser();
        String email = learner.signUpNew("joiner");

        Response page = learner.get("/join/" + code);
        assertThat(page.asString(), containsString("action=\"/join/" + code + "\""));

        Response joined = learner.post("/join/" + code, new Form());
        assertEquals(303, joined.statusCode());
        assertEquals("/courses/" + id + "/profile", locationPath(joined));
        Enrolment enrolment = Db.tx(() -> Enrolment.find(id, personId(email)).orElseThrow());
        assertEquals(Enrolment.Status.DRAFT, enrolment.status);
        assertFalse(enrolment.profileComplete);
        assertEquals("en,fr", enrolment.languages);
        assertEquals(25, enrolment.travelRadiusKm);

        Response again = learner.post("/join/" + code, new Form());
        assertEquals(303, again.statusCode());
        assertEquals(1L, Db.tx(() -> Enrolment.count("course.id = ?1 and person.id = ?2", id, personId(email))));
        assertThat(learner.get("/join/" + code).asString(), containsString("href=\"/courses/" + id + "\""));
    }

    @Test
    void anonymousJoinPostGoesToLogin() {
        long id = Courses.create(team, Courses.uniqueTitle("AnonJoin"));
        Response response = new Browser().post("/join/" + Courses.inviteCode(id), new Form());
        assertEquals(302, response.statusCode());
        assertThat(Browser.localLocation(response), containsString("/login?next="));
        assertEquals(0L, Db.tx(() -> Enrolment.count("course.id", id)));
    }

    @Test
    void unknownInviteCodeIs404() {
        Browser learner = new Browser();
        learner.signUpNew("bad-code");
        assertEquals(404, new Browser().get("/join/not-a-real-code").statusCode());
        assertEquals(404, learner.get("/join/not-a-real-code").statusCode());
        assertEquals(404, learner.post("/join/not-a-real-code", new Form()).statusCode());
        assertEquals(404, learner.get("/join/" + "x".repeat(41)).statusCode());
    }

    @Test
    void closedSignupRefusesNewLearners() {
        long id = Courses.create(team, Courses.uniqueTitle("Closed"));
        team.post("/courses/" + id + "/manage", Courses.validForm(Courses.course(id).title).without("signupOpen"));
        assertFalse(Courses.course(id).signupOpen);
        String code = Courses.inviteCode(id);

        newcomerIsRefused(id, code, "error.signup-closed");
    }

    /** A newcomer reads why on the invite link's page, which has no Join button, and joining anyway is refused. */
    private static void newcomerIsRefused(long courseId, String code, String errorKey) {
        Browser learner = new Browser();
        String email = learner.signUpNew("refused");
        Response page = learner.get("/join/" + code);
        assertEquals(200, page.statusCode());
        assertThat(page.asString(), containsString(Html.en(errorKey)));
        assertThat(page.asString(), not(containsString("action=\"/join/")));

        Response refused = learner.post("/join/" + code, new Form());
        assertEquals(409, refused.statusCode());
        assertThat(refused.asString(), containsString(Html.en(errorKey)));
        assertFalse(Db.tx(() -> Enrolment.find(courseId, personId(email)).isPresent()));
    }

    @Test
    void anEndedCourseRefusesNewLearnersButKeepsItsOwn() {
        long id = Courses.create(team, Courses.uniqueTitle("Ended"));
        String code = Courses.inviteCode(id);
        Browser member = new Browser();
        String memberEmail = member.signUpNew("ended-member");
        assertEquals(303, member.post("/join/" + code, new Form()).statusCode());
        assertThat(team.get("/courses/" + id + "/manage").asString(), not(containsString("This course ended on ")));
        Db.run(() -> Course.<Course>findById(id).endDate = LocalDate.now(ZoneOffset.UTC).minusDays(1));

        newcomerIsRefused(id, code, "error.course-ended");

        String manage = team.get("/courses/" + id + "/manage").asString();
        assertThat("its team reads why, and how to welcome learners again", manage, containsString("This course ended on "));
        assertThat(manage, containsString("<a href=\"/courses/" + id + "/manage/copy\">Run this course again</a></p></div>"));
        assertThat("who is in it still reaches it", member.get("/join/" + code).asString(), containsString(Html.en("join.go-to-course")));
        assertEquals(303, member.post("/join/" + code, new Form()).statusCode());
        assertTrue(Db.tx(() -> Enrolment.find(id, personId(memberEmail)).isPresent()));
    }

    @Test
    void myCoursesListsEndedCoursesAfterTheOthers() {
        Browser owner = new Browser();
        owner.signUpNew("order-team");
        long ended = Courses.create(owner, Courses.uniqueTitle("Aaa"));
        long current = Courses.create(owner, Courses.uniqueTitle("Zzz"));
        Browser learner = new Browser();
        learner.signUpNew("order-learner");
        Courses.join(learner, ended);
        Courses.join(learner, current);
        assertTrue(listedBefore(learner, ended, current), "by title");

        Db.run(() -> Course.<Course>findById(ended).endDate = LocalDate.now(ZoneOffset.UTC).minusDays(1));

        assertTrue(listedBefore(learner, current, ended), "the course that ended comes last for its learners");
        assertTrue(listedBefore(owner, current, ended), "and for its team");
    }

    private static boolean listedBefore(Browser browser, long first, long second) {
        String page = browser.get("/courses").asString();
        int firstAt = page.indexOf("href=\"/courses/" + first + "\"");
        int secondAt = page.indexOf("href=\"/courses/" + second + "\"");
        assertTrue(firstAt >= 0 && secondAt >= 0, "both listed");
        return firstAt < secondAt;
    }

    @Test
    void resetInviteCodeRetiresTheOldLink() {
        long id = Courses.create(team, Courses.uniqueTitle("Reset"));
        String oldCode = Courses.inviteCode(id);

        Response response = team.post("/courses/" + id + "/manage/invite-code", new Form());
        assertEquals(303, response.statusCode());
        assertThat(team.follow(response).asString(), containsString(Html.en("flash.invite-reset")));
        String newCode = Courses.inviteCode(id);
        assertNotEquals(oldCode, newCode);
        assertEquals(404, new Browser().get("/join/" + oldCode).statusCode());
        assertEquals(200, new Browser().get("/join/" + newCode).statusCode());
    }

    @Test
    void staffIsInvitedByEmailTakesTheRoleOnlyByAcceptingAndTheLastTeamMemberStays() {
        long id = Courses.create(team, Courses.uniqueTitle("Staff"));
        Browser organizer = new Browser();
        String organizerEmail = organizer.signUpNew("organizer");

        Response unknown = team.post("/courses/" + id + "/manage/staff", Form.of("email", Browser.uniqueEmail("ghost"), "role", "TEAM"));
        assertEquals(400, unknown.statusCode());
        assertThat(unknown.asString(), containsString("<p class=\"error\" id=\"f-email-error\">" + Html.en("error.no-such-account") + "</p>"));

        Response badEmail = team.post("/courses/" + id + "/manage/staff", Form.of("email", "nope", "role", "TEAM"));
        assertEquals(400, badEmail.statusCode());
        assertThat(badEmail.asString(), containsString(Html.en("error.email")));

        Response badRole = team.post("/courses/" + id + "/manage/staff", Form.of("email", organizerEmail, "role", "OWNER"));
        assertEquals(400, badRole.statusCode());
        assertThat(badRole.asString(), containsString("id=\"f-role-error\""));
        assertEquals(1L, Db.tx(() -> CourseRole.count("course.id", id)), "nothing added");

        Response unconfirmed = team.post("/courses/" + id + "/manage/staff", Form.of("email", organizerEmail, "role", "ORGANIZER"));
        assertEquals(400, unconfirmed.statusCode(), "whoever signed up with the address first may not be its owner");
        assertThat(unconfirmed.asString(), containsString("<p class=\"error\" id=\"f-email-error\">" + Html.en("error.address-unconfirmed")));
        assertEquals(0L, Db.tx(() -> StaffInvite.count("course.id", id)), "nothing stored");
        assertEquals(0L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId(organizerEmail),
                NotificationKind.STAFF_INVITED)), "the account is not told");
        AddressLinks.confirm(organizer, organizerEmail);

        Response invited = team.post("/courses/" + id + "/manage/staff", Form.of("email", organizerEmail.toUpperCase(), "role", "ORGANIZER"));
        assertEquals(303, invited.statusCode());
        assertFalse(Db.tx(() -> CourseRole.has(id, personId(organizerEmail), CourseRole.Kind.ORGANIZER)), "not before they accept");
        String staffList = team.follow(invited).asString();
        assertThat(staffList, containsString(organizerEmail + " <span class=\"muted\">" + Html.en("staff.invited")));
        assertThat("the team sees the address it typed, not the account's name", staffList, not(containsString("Test organizer")));
        assertEquals(400, team.post("/courses/" + id + "/manage/staff", Form.of("email", organizerEmail, "role", "ORGANIZER")).statusCode(),
                "invited once");
        assertEquals(1L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId(organizerEmail),
                NotificationKind.STAFF_INVITED)));
        assertEquals(404, organizer.get("/courses/" + id).statusCode(), "not in the course yet");
        String invitationLink = "<a href=\"/courses/" + id + "/staff-invite\">" + Html.en("courses.staff-invite-answer") + "</a>";
        String myCourses = organizer.get("/courses").asString();
        assertThat("My courses lists the invitation", myCourses, containsString(invitationLink));
        assertThat(myCourses, containsString("<p>" + Html.en("role.ORGANIZER") + "</p>"));
        Browser stranger = new Browser();
        stranger.signUpNew("stranger");
        assertEquals(404, stranger.get("/courses/" + id + "/staff-invite").statusCode(), "nobody else's invitation");
        assertEquals(404, stranger.post("/courses/" + id + "/staff-invite", Form.of("answer", "yes")).statusCode());
        assertThat(stranger.get("/courses").asString(), not(containsString("/staff-invite")));
        String invitation = organizer.get("/courses/" + id + "/staff-invite").asString();
        assertThat(invitation, containsString(Html.en("staff-invite.what.ORGANIZER")));
        assertEquals(400, organizer.post("/courses/" + id + "/staff-invite", Form.of("answer", "maybe")).statusCode());

        Response accepted = organizer.post("/courses/" + id + "/staff-invite", Form.of("answer", "yes"));
        assertEquals("/courses/" + id + "?flash=staff-invite-accepted", Browser.localLocation(accepted));
        assertTrue(Db.tx(() -> CourseRole.has(id, personId(organizerEmail), CourseRole.Kind.ORGANIZER)));
        assertFalse(Db.tx(() -> CourseRole.has(id, personId(organizerEmail), CourseRole.Kind.TEAM)));
        assertEquals(0L, Db.tx(() -> StaffInvite.count("course.id", id)), "answered invitations go");
        assertEquals(404, organizer.get("/courses/" + id + "/staff-invite").statusCode());
        assertThat(organizer.get("/courses").asString(), not(containsString(invitationLink)));
        assertThat(team.get("/courses/" + id + "/manage").asString(), containsString("Test organizer"));

        Response twice = team.post("/courses/" + id + "/manage/staff", Form.of("email", organizerEmail, "role", "ORGANIZER"));
        assertEquals(400, twice.statusCode());
        assertThat(twice.asString(), containsString(Html.en("error.already-staff")));

        Browser helper = new Browser();
        String helperEmail = helper.signUpNew("helper");
        AddressLinks.confirm(helper, helperEmail);
        assertEquals(303, team.post("/courses/" + id + "/manage/staff", Form.of("email", helperEmail, "role", "TEAM")).statusCode());
        long inviteId = Db.tx(() -> StaffInvite.<StaffInvite>find("course.id", id).firstResult().id);
        assertEquals(303, team.post("/courses/" + id + "/manage/staff-invites/" + inviteId + "/delete", new Form()).statusCode());
        assertEquals(0L, Db.tx(() -> StaffInvite.count("course.id", id)), "withdrawn");
        assertEquals(404, helper.get("/courses/" + id + "/staff-invite").statusCode());
        assertThat(helper.get("/courses").asString(), not(containsString("/staff-invite")));

        assertEquals(200, organizer.get("/courses/" + id).statusCode(), "an organizer sees the course");
        assertEquals(403, organizer.get("/courses/" + id + "/manage").statusCode(), "but does not manage it");
        assertThat(organizer.get("/courses").asString(), containsString(Html.en("role.ORGANIZER")));

        long organizerRole = Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and person.id = ?2", id, personId(organizerEmail))
                .firstResult().id);
        long teamRole = Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and person.id = ?2", id, personId(teamEmail))
                .firstResult().id);
        String staffPage = team.get("/courses/" + id + "/manage").asString();
        assertThat(staffPage, containsString("/manage/staff/" + organizerRole + "/delete"));
        assertThat("the only team member is offered no button that could only fail", staffPage,
                not(containsString("/manage/staff/" + teamRole + "/delete")));
        assertThat(staffPage, containsString(Html.en("manage.only-team-member")));
        Response removed = team.post("/courses/" + id + "/manage/staff/" + organizerRole + "/delete", new Form());
        assertEquals(303, removed.statusCode());
        assertFalse(Db.tx(() -> CourseRole.has(id, personId(organizerEmail), CourseRole.Kind.ORGANIZER)));
        assertEquals(404, organizer.get("/courses/" + id).statusCode(), "no longer in the course");

        Response last = team.post("/courses/" + id + "/manage/staff/" + teamRole + "/delete", new Form());
        assertEquals(400, last.statusCode());
        assertThat(last.asString(), containsString(Html.en("error.last-team-member")));
        assertTrue(Db.tx(() -> CourseRole.has(id, personId(teamEmail), CourseRole.Kind.TEAM)));
    }

    @Inject
    StaffInvites staffInvites;

    @Test
    void acceptingTwiceAtOnceGivesTheRoleOnceAndTheSecondFindsNoInvitation() throws Exception {
        long id = Courses.create(team, Courses.uniqueTitle("Double click"));
        Browser colleague = new Browser();
        String email = colleague.signUpNew("double-click");
        AddressLinks.confirm(colleague, email);
        assertEquals(303, team.post("/courses/" + id + "/manage/staff", Form.of("email", email, "role", "TEAM")).statusCode());
        long colleagueId = personId(email);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> second = QuarkusTransaction.requiringNew().call(() -> {
                assertTrue(staffInvites.answer(id, colleagueId, "yes")); // the first click, not committed yet
                Future<Integer> click = pool.submit(() -> colleague.post("/courses/" + id + "/staff-invite", Form.of("answer", "yes"))
                        .statusCode());
                Thread.sleep(300); // the second click arrives meanwhile
                return click;
            });
            assertEquals(404, second.get(), "the invitation was answered by the first");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, Db.tx(() -> CourseRole.count("course.id = ?1 and person.id = ?2", id, colleagueId)));
    }

    @Test
    void theNoticeAfterARedirectToASectionOfThePageIsShown() {
        long id = Courses.create(team, Courses.uniqueTitle("Flash"));
        Browser organizer = new Browser();
        String organizerEmail = organizer.signUpNew("flash-organizer");
        AddressLinks.confirm(organizer, organizerEmail);

        Response added = team.post("/courses/" + id + "/manage/staff", Form.of("email", organizerEmail, "role", "ORGANIZER"));
        assertEquals(303, added.statusCode());
        // the query must come before the fragment, which browsers never send to the server
        assertThat(added.header("Location"), containsString("/courses/" + id + "/manage?flash=staff-invited#staff"));
        Response page = team.follow(added);
        assertEquals(200, page.statusCode());
        assertThat(page.asString(), containsString(Html.en("flash.staff-invited")));
    }

    @Test
    void textareaLineBreaksCountAsOneCharacterAndAreStoredAsNewlines() {
        long id = Courses.create(team, Courses.uniqueTitle("Lines"));
        String title = Courses.course(id).title;
        // what a browser sends for a description of exactly CourseService.DESCRIPTION_MAX characters (textarea maxlength)
        String lines = ("x".repeat(99) + "\n").repeat(39) + "x".repeat(100);
        assertEquals(CourseService.DESCRIPTION_MAX, lines.length());
        String sent = lines.replace("\n", "\r\n");
        Response saved = team.post("/courses/" + id + "/manage", Courses.validForm(title).set("description", sent));
        assertEquals(303, saved.statusCode(), "as long as the textarea allows: accepted");
        assertEquals(lines, Courses.course(id).description, "stored with \\n line breaks");

        Response tooLong = team.post("/courses/" + id + "/manage", Courses.validForm(title).set("description", sent + "y"));
        assertEquals(400, tooLong.statusCode(), "one character more is still refused");
        assertThat(tooLong.asString(), containsString(Html.en("error.too-long")));

        Response loneCarriageReturns = team.post("/courses/" + id + "/manage", Courses.validForm(title).set("description", "one\rtwo"));
        assertEquals(303, loneCarriageReturns.statusCode());
        assertEquals("one\ntwo", Courses.course(id).description);
    }

    @Test
    void aSecondTeamMemberCanRemoveTheFirst() {
        long id = Courses.create(team, Courses.uniqueTitle("Handover"));
        Browser successor = new Browser();
        String successorEmail = successor.signUpNew("successor");
        Courses.addStaff(team, id, successorEmail, "TEAM", successor);
        assertEquals(200, successor.get("/courses/" + id + "/manage").statusCode());

        long teamRole = Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and person.id = ?2", id, personId(teamEmail))
                .firstResult().id);
        assertEquals(303, successor.post("/courses/" + id + "/manage/staff/" + teamRole + "/delete", new Form()).statusCode());
        assertEquals(404, team.get("/courses/" + id + "/manage").statusCode(), "the former member is a stranger now");
    }

    @Test
    void removingARoleOfAnotherCourseIs404() {
        long mine = Courses.create(team, Courses.uniqueTitle("Mine"));
        Browser other = new Browser();
        String otherEmail = other.signUpNew("other-team");
        long theirs = Courses.create(other, Courses.uniqueTitle("Theirs"));
        long theirRole = Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and person.id = ?2", theirs, personId(otherEmail))
                .firstResult().id);

        assertEquals(404, team.post("/courses/" + mine + "/manage/staff/" + theirRole + "/delete", new Form()).statusCode());
        assertTrue(Db.tx(() -> CourseRole.has(theirs, personId(otherEmail), CourseRole.Kind.TEAM)));
    }

    @Test
    void myCoursesListsLearnerAndStaffCourses() {
        Browser person = new Browser();
        person.signUpNew("both");
        String learnerTitle = Courses.uniqueTitle("AsLearner");
        long learnerCourse = Courses.create(team, learnerTitle);
        Courses.join(person, learnerCourse);
        String staffTitle = Courses.uniqueTitle("AsStaff");
        long staffCourse = Courses.create(person, staffTitle);

        String html = person.get("/courses").asString();
        int learnerSection = html.indexOf(Html.en("courses.as-learner"));
        int staffSection = html.indexOf(Html.en("courses.as-staff"));
        assertTrue(learnerSection > 0 && staffSection > learnerSection);
        int learnerEntry = html.indexOf(learnerTitle);
        int staffEntry = html.indexOf(staffTitle);
        assertTrue(learnerEntry > learnerSection && learnerEntry < staffSection, "learner course in the learner section");
        assertTrue(staffEntry > staffSection, "own course in the staff section");
        assertThat(html, containsString("href=\"/courses/" + learnerCourse + "/profile\""));
        assertThat(html, containsString("href=\"/courses/" + staffCourse + "/manage\""));

        Browser newcomer = new Browser();
        newcomer.signUpNew("newcomer");
        String empty = newcomer.get("/courses").asString();
        assertThat(empty, containsString(Html.en("courses.none-learner")));
        assertThat(empty, containsString(Html.en("courses.none-staff")));
    }

    static long personId(String email) {
        return Db.tx(() -> Person.findByEmail(email).orElseThrow().id);
    }
}
