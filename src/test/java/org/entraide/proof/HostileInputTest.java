package org.entraide.proof;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.course.CourseRole;
import org.entraide.geo.GeoService;
import org.entraide.group.GroupMember;
import org.entraide.matching.MatchingRun;
import org.entraide.matching.Proposal;
import org.entraide.matching.ProposalMember;
import org.entraide.matching.engine.Criterion;
import org.entraide.meetup.Meetup;
import org.entraide.meetup.MeetupRsvp;
import org.entraide.notify.Notification;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.Enrolment;
import org.entraide.profile.FollowMode;
import org.entraide.profile.InteractionObject;
import org.entraide.profile.Modality;
import org.entraide.profile.MoocExperience;
import org.entraide.profile.Motive;
import org.entraide.profile.Situation;
import org.entraide.testing.AddressLinks;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Meetups;
import org.entraide.testing.LinkedSignUps;
import org.entraide.testing.PasswordLinks;
import org.entraide.workspace.GroupPost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Bad input on every form: a corpus of hostile values per field, wrong content types, missing or forged CSRF
 * tokens and wrong HTTP methods. Never a 5xx; a refusal is a readable HTML page and stores nothing (the whole
 * database is compared before and after); whatever is echoed is escaped. Plus security headers on every kind of
 * response and the session cookie's flags.
 */
@QuarkusTest
class HostileInputTest {

    /** How a field may treat a hostile value. */
    enum Kind {
        /** free text: markup and SQL metacharacters may be stored verbatim (and are escaped on output); the rest is refused */
        FREE_TEXT,
        /** text with a format (e-mail, password, address): everything hostile is refused */
        TEXT,
        NUMBER,
        /** a decimal number in a range (rule weights 0–10, "2.5" and "2,5" are valid) */
        DECIMAL,
        /** one of a fixed set (enum, id, time zone) */
        CHOICE,
        /** a value that is interpreted leniently (checkbox "on", a language falling back to the default): never stored as sent */
        LENIENT,
        /** a redirect target: any response, but only ever a local redirect */
        REDIRECT
    }

    record FormCase(String name, Browser browser, Supplier<String> path, Supplier<Form> base, Map<String, Kind> fields) {
    }

    static final List<String> MARKUP = List.of("<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "{inject:ctx}{#include layout /}");
    static final List<String> SQL = List.of("' OR '1'='1' --", "1; DROP TABLE course; --", "x' UNION SELECT password_hash FROM app_person --");
    static final List<String> HUGE = List.of("A".repeat(100_000), "é".repeat(50_000));
    static final List<String> CONTROL = List.of("a\u0000b", "bell\u0007", "esc\u001b[31m");
    static final List<String> NUMBERS = List.of("-1", "-2147483649", "2147483648", "99999999999999999999999", "1e9", "NaN", "0x10", "3.5",
            "<b>3</b>");
    static final List<String> DECIMALS = List.of("-0.5", "10.01", "1e9", "NaN", "Infinity", "-Infinity", "0x10", "1,5,5", "<b>3</b>");
    static final List<String> CHOICES = List.of("NOT_A_VALUE", "tandem", "-1", "99999999999999999999");
    static final List<String> REDIRECTS = List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
            "/courses\r\nSet-Cookie: injected=1", "%0d%0aSet-Cookie:%20injected=1");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    GeoService geo;

    static Browser anonymous;
    static Browser team;
    static Browser learner;
    static Browser member;
    /** Someone whose account the corpus tries to delete with bad values; they must still be there. */
    static Browser deleter;
    /** An organizer of course A whom the corpus tries to make stop organizing with bad values; they must still organize. */
    static Browser organizer;
    static String teamEmail;
    static long courseA;
    static long scratchPersonId;
    /** A password link that the hostile values never use up (each is refused). */
    static String passwordLink;
    /** A link that finishes a sign-up: requests without a valid CSRF token must not use it up. */
    static String signUpLink;
    static String addressLink;
    static String placeId;
    /** The end-of-course answer of a learner for whom the question is open. */
    static FormCase wrapUp;

    @BeforeEach
    void setUp() {
        if (team != null) {
            return;
        }
        anonymous = new Browser();
        anonymous.get("/");
        team = new Browser();
        teamEmail = team.signUpNew("hostile-team");
        Response created = team.post("/courses", AuthorizationMatrixTest.courseFields("Hostile course"));
        assertEquals(303, created.statusCode());
        courseA = Long.parseLong(Browser.locationPath(created).split("/")[2]);
        learner = new Browser();
        learner.signUpNew("hostile-learner");
        assertEquals(303, learner.post("/join/" + inviteCode(), new Form()).statusCode());
        learner.get("/courses/" + courseA);
        member = new Browser();
        List<String> memberLinks = AddressLinks.mailed(member.signUpNew("hostile-member"));
        addressLink = memberLinks.get(memberLinks.size() - 1);
        member.get("/account");
        deleter = new Browser();
        deleter.signUpNew("hostile-deleter");
        organizer = new Browser();
        String organizerEmail = organizer.signUpNew("hostile-organizer");
        Courses.addStaff(team, courseA, organizerEmail, "ORGANIZER", organizer);
        deleter.get("/account");
        scratchPersonId = Db.tx(() -> Person.findByEmail(new Browser().signUpNew("hostile-scratch")).orElseThrow().id);
        passwordLink = PasswordLinks.request(new Browser().signUpNew("hostile-forgetful"));
        signUpLink = LinkedSignUps.request(Browser.uniqueEmail("hostile-imported"));
        placeId = Long.toString(geo.search("Paris", 1).get(0).id());
        team.get("/courses/" + courseA + "/manage");
        // "How did the course go?" is open to a learner six weeks into a course without an end date
        Groups.TestCourse selfPaced = Groups.course("TANDEM", 3);
        Groups.Learner finisher = Groups.learner(selfPaced, "Finisher", "TANDEM");
        Db.run(() -> Enrolment.find(selfPaced.id(), finisher.personId()).orElseThrow().joinedAt = Instant.now().minus(Duration.ofDays(43)));
        wrapUp = new FormCase("end-of-course answer", finisher.browser(), () -> "/courses/" + selfPaced.id() + "/wrap-up",
                () -> Form.of("courseResult", "FINISHED", "partnersHelped", "A_LOT"), fields("courseResult", Kind.CHOICE, "partnersHelped", Kind.CHOICE));
    }

    static String inviteCode() {
        return Db.tx(() -> Course.<Course>findById(courseA).inviteCode);
    }

    List<FormCase> forms() {
        String c = "/courses/" + courseA;
        Map<String, Kind> courseFields = fields("title", Kind.FREE_TEXT, "description", Kind.FREE_TEXT, "platform", Kind.FREE_TEXT,
                "url", Kind.TEXT, "languages", Kind.CHOICE, "startDate", Kind.TEXT, "endDate", Kind.TEXT, "weeks", Kind.NUMBER,
                "formats", Kind.CHOICE, "groupMin", Kind.NUMBER, "groupMax", Kind.NUMBER, "minOverlapHours", Kind.NUMBER,
                "consentWindowDays", Kind.NUMBER, "defaultRadiusKm", Kind.NUMBER, "signupOpen", Kind.LENIENT);
        Map<String, Kind> copyFields = new LinkedHashMap<>(courseFields);
        copyFields.put("withStaff", Kind.LENIENT);
        copyFields.put("tellLearners", Kind.LENIENT);
        Supplier<Form> course = () -> AuthorizationMatrixTest.courseFields("Hostile course").set("url", "https://example.org/mooc")
                .set("startDate", "2030-01-01").set("endDate", "2030-03-01").set("weeks", "8");
        return List.of(
                new FormCase("sign-up", anonymous, () -> "/signup",
                        () -> Form.of("email", Browser.uniqueEmail("hostile-signup"), "displayName", "Hostile Signup", "password",
                                Browser.DEFAULT_PASSWORD, "passwordConfirmation", Browser.DEFAULT_PASSWORD, "language", "fr", "next", "/courses"),
                        fields("email", Kind.TEXT, "displayName", Kind.FREE_TEXT, "password", Kind.TEXT, "passwordConfirmation", Kind.TEXT,
                                "language", Kind.LENIENT, "next", Kind.REDIRECT)),
                new FormCase("password link", anonymous, () -> "/password/forgot", () -> Form.of("email", Browser.uniqueEmail("nobody")),
                        fields("email", Kind.TEXT)),
                new FormCase("new password", anonymous, () -> passwordLink,
                        () -> Form.of("password", "a new password 1", "passwordConfirmation", "a new password 1"),
                        fields("password", Kind.TEXT, "passwordConfirmation", Kind.TEXT)),
                new FormCase("sign-up link", anonymous, () -> signUpLink, Form::new, fields()),
                new FormCase("login", anonymous, () -> "/login",
                        () -> Form.of("email", teamEmail, "password", Browser.DEFAULT_PASSWORD, "next", "/courses"),
                        fields("email", Kind.TEXT, "password", Kind.TEXT, "next", Kind.REDIRECT)),
                new FormCase("account", member, () -> "/account", () -> Form.of("displayName", "Member", "language", "en",
                        "emailNotifications", "ALL", "messageMail", "NOTICE", "timeZone", "Europe/Paris"), fields("displayName", Kind.FREE_TEXT,
                        "language", Kind.LENIENT, "emailNotifications", Kind.CHOICE, "messageMail", Kind.CHOICE, "timeZone", Kind.CHOICE)),
                new FormCase("password", member, () -> "/account/password",
                        () -> Form.of("currentPassword", Browser.DEFAULT_PASSWORD, "password", Browser.DEFAULT_PASSWORD, "passwordConfirmation",
                                Browser.DEFAULT_PASSWORD),
                        fields("currentPassword", Kind.TEXT, "password", Kind.TEXT, "passwordConfirmation", Kind.TEXT)),
                new FormCase("new address link", member, () -> "/account/confirm", Form::new, fields()),
                new FormCase("address confirmation", member, () -> addressLink, Form::new, fields()),
                new FormCase("sign out everywhere else", member, () -> "/account/sessions/end", Form::new, fields()),
                new FormCase("calendar address", member, () -> "/account/calendar", Form::new, fields()),
                new FormCase("calendar off", member, () -> "/account/calendar/off", Form::new, fields()),
                // ten tokens a person at most: the later stored payloads are refused by the limit, which stores nothing either
                new FormCase("API token", member, () -> "/account/tokens", () -> Form.of("name", "Plug-in"), fields("name", Kind.FREE_TEXT)),
                new FormCase("delete account", deleter, () -> "/account/delete",
                        () -> Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"),
                        fields("deletePassword", Kind.TEXT, "confirm", Kind.CHOICE)),
                new FormCase("language", member, () -> "/language", () -> Form.of("lang", "en", "back", "/account"),
                        fields("lang", Kind.LENIENT, "back", Kind.REDIRECT)),
                new FormCase("course create", team, () -> "/courses", course, courseFields),
                new FormCase("course settings", team, () -> c + "/manage", course, courseFields),
                new FormCase("course copy", team, () -> c + "/manage/copy", () -> course.get().set("withStaff", "on"),
                        copyFields),
                new FormCase("staff add", team, () -> c + "/manage/staff", () -> Form.of("email", teamEmail, "role", "ORGANIZER"),
                        fields("email", Kind.TEXT, "role", Kind.CHOICE)),
                new FormCase("staff remove", team, () -> c + "/manage/staff/" + scratchRole() + "/delete", Form::new, fields()),
                new FormCase("invite reset", team, () -> c + "/manage/invite-code", Form::new, fields()),
                // five a day at most: the later stored payloads are refused by the limit, which stores nothing either
                new FormCase("announcement", team, () -> c + "/manage/announcements", () -> Form.of("audience", "ALL", "body", "Welcome"),
                        fields("audience", Kind.CHOICE, "body", Kind.FREE_TEXT)),
                new FormCase("join", learner, () -> "/join/" + inviteCode(), Form::new, fields()),
                new FormCase("profile where", learner, () -> c + "/profile/where",
                        () -> Form.of("q", "Paris", "placeId", placeId, "travelRadiusKm", "20", "timeZone", "Europe/Paris"),
                        fields("placeId", Kind.CHOICE, "travelRadiusKm", Kind.NUMBER, "timeZone", Kind.CHOICE)),
                new FormCase("profile when", learner, () -> c + "/profile/when", () -> Form.of("hours", "40", "hours", "41"),
                        fields("hours", Kind.CHOICE)),
                new FormCase("profile how", learner, () -> c + "/profile/how",
                        () -> Form.of("languages", "en", "formats", "TANDEM", "modalities", Modality.values()[0].name()),
                        fields("languages", Kind.CHOICE, "formats", Kind.CHOICE, "modalities", Kind.CHOICE)),
                new FormCase("profile why", learner, () -> c + "/profile/why",
                        () -> Form.of("motives", Motive.values()[0].name(), "certificateIntent", CertificateIntent.values()[0].name(),
                                "followMode", FollowMode.values()[0].name(), "objects", InteractionObject.values()[0].name()),
                        fields("motives", Kind.CHOICE, "certificateIntent", Kind.CHOICE, "followMode", Kind.CHOICE, "objects", Kind.CHOICE)),
                new FormCase("profile about", learner, () -> c + "/profile/about",
                        () -> Form.of("situation", Situation.values()[0].name(), "sector", "Teaching", "organisation", "School",
                                "moocExperience", MoocExperience.values()[0].name(), "introduction", "Hello", "canOrganiseMeetup", "on"),
                        fields("situation", Kind.CHOICE, "sector", Kind.FREE_TEXT, "organisation", Kind.FREE_TEXT, "moocExperience", Kind.CHOICE,
                                "introduction", Kind.FREE_TEXT, "canOrganiseMeetup", Kind.LENIENT)),
                new FormCase("profile privacy", learner, () -> c + "/profile/privacy", () -> Form.of("understood", "on"),
                        fields("understood", Kind.LENIENT)),
                new FormCase("leave course", learner, () -> c + "/leave", () -> Form.of("confirm", "yes"), fields("confirm", Kind.CHOICE)),
                wrapUp,
                new FormCase("partner link create", learner, () -> c + "/partners", () -> Form.of("relationKind", "FRIEND"),
                        fields("relationKind", Kind.CHOICE)),
                new FormCase("partner choice", learner, () -> c + "/partners/999999/choice", () -> Form.of("choice", "TANDEM"),
                        fields("choice", Kind.CHOICE)),
                new FormCase("partner accept", member, () -> "/partner/not-a-real-code", Form::new, fields()),
                new FormCase("matching run", team, () -> c + "/manage/matching/runs", () -> Form.of("format", "TANDEM"),
                        fields("format", Kind.CHOICE)),
                new FormCase("ask meetup volunteers", team, () -> c + "/manage/meetups/volunteers", () -> Form.of("placeId", placeId),
                        fields("placeId", Kind.CHOICE)),
                new FormCase("stop organizing", organizer, () -> c + "/manage/meetups/stop", () -> Form.of("confirm", "yes"),
                        fields("confirm", Kind.CHOICE)),
                new FormCase("answer an invitation to organize", learner, () -> c + "/organize", () -> Form.of("answer", "yes"),
                        fields("answer", Kind.CHOICE)),
                new FormCase("rules", team, () -> c + "/manage/rules", Courses::validRules, rulesFields()));
    }

    static Map<String, Kind> rulesFields() {
        Map<String, Kind> map = fields("minOverlapHours", Kind.NUMBER, "consentWindowDays", Kind.NUMBER, "rollingCadenceHours", Kind.NUMBER,
                "maxWaitDays", Kind.NUMBER, "meetupMinSize", Kind.NUMBER, "rollingEnabled", Kind.LENIENT);
        for (Criterion criterion : List.of(Criterion.values()[0], Criterion.values()[Criterion.values().length - 1])) {
            map.put("weight-" + criterion.name(), Kind.DECIMAL);
            map.put("preference-" + criterion.name(), Kind.CHOICE);
        }
        return map;
    }

    private static Map<String, Kind> fields(Object... namesAndKinds) {
        Map<String, Kind> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            map.put((String) namesAndKinds[i], (Kind) namesAndKinds[i + 1]);
        }
        return map;
    }

    private static long scratchRole() {
        return Db.tx(() -> {
            CourseRole existing = CourseRole.find("course.id = ?1 and person.id = ?2", courseA, scratchPersonId).firstResult();
            if (existing != null) {
                return existing.id;
            }
            CourseRole role = new CourseRole();
            role.course = Course.findById(courseA);
            role.person = Person.findById(scratchPersonId);
            role.role = CourseRole.Kind.ORGANIZER;
            role.persist();
            return role.id;
        });
    }

    static List<String> payloads(Kind kind) {
        List<String> all = new ArrayList<>();
        switch (kind) {
            case FREE_TEXT, TEXT, LENIENT -> {
                all.addAll(MARKUP);
                all.addAll(SQL);
                all.addAll(HUGE);
                all.addAll(CONTROL);
            }
            case NUMBER -> {
                all.addAll(NUMBERS);
                all.add(MARKUP.get(0));
                all.add(SQL.get(0));
                all.addAll(HUGE);
            }
            case DECIMAL -> {
                all.addAll(DECIMALS);
                all.add(SQL.get(0));
                all.addAll(HUGE);
                all.addAll(CONTROL);
            }
            case CHOICE -> {
                all.addAll(CHOICES);
                all.addAll(MARKUP);
                all.addAll(SQL);
                all.addAll(HUGE);
            }
            case REDIRECT -> all.addAll(REDIRECTS);
        }
        return all;
    }

    // ------------------------------------------------------------------ the corpus on every field

    @Test
    void hostileValuesOnEveryFieldAreRefusedOrStoredVerbatimAndAlwaysEscaped() {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (FormCase form : forms()) {
            for (Map.Entry<String, Kind> field : form.fields().entrySet()) {
                for (String payload : payloads(field.getValue())) {
                    String before = snapshot();
                    Response response = form.browser().post(form.path().get(), form.base().get().set(field.getKey(), payload));
                    requests++;
                    String after = snapshot();
                    String label = form.name() + " / " + field.getKey() + " = " + shorten(payload);
                    check(label, field.getValue(), payload, response, before, after, form.browser(), failures);
                }
            }
        }
        assertTrue(requests > 400, "corpus too small: " + requests);
        assertTrue(failures.isEmpty(), failures.size() + " problems in " + requests + " requests:\n" + String.join("\n", failures));
    }

    private void check(String label, Kind kind, String payload, Response response, String before, String after, Browser browser,
            List<String> failures) {
        int status = response.statusCode();
        String body = response.asString();
        boolean storable = kind == Kind.FREE_TEXT && (MARKUP.contains(payload) || SQL.contains(payload));
        if (status >= 500) {
            failures.add(label + ": server error " + status);
            return;
        }
        if (containsRaw(body, payload)) {
            failures.add(label + ": payload echoed unescaped");
        }
        if (status >= 400) {
            if (!readableHtml(response)) {
                failures.add(label + ": " + status + " without a readable HTML page (" + response.getContentType() + ")");
            }
            if (!before.equals(after)) {
                failures.add(label + ": refused with " + status + " but the database changed");
            }
            return;
        }
        if (status == 200) {
            // accepted and answered with the page itself (a new API token, shown once)
            if (!storable) {
                failures.add(label + ": accepted (200) although the value is invalid");
            } else if (!after.contains(payload)) {
                failures.add(label + ": accepted but not stored verbatim");
            }
            return;
        }
        if (status == 303 || status == 302) {
            String location = response.header("Location");
            if (!isLocal(location)) {
                failures.add(label + ": redirect to a non-local address " + location);
            }
            if (response.header("Set-Cookie") != null && response.headers().getValues("Set-Cookie").stream().anyMatch(v -> v.startsWith("injected"))) {
                failures.add(label + ": header injection");
            }
            if (kind == Kind.REDIRECT) {
                return;
            }
            if (kind == Kind.LENIENT) {
                if (payload.length() > 3 && after.contains(payload) && !before.contains(payload)) {
                    failures.add(label + ": lenient field stored the value as sent");
                }
                return;
            }
            if (!storable) {
                failures.add(label + ": accepted (" + status + ") although the value is invalid");
                return;
            }
            if (!after.contains(payload)) {
                failures.add(label + ": accepted but not stored verbatim");
            }
            Response page = browser.get(Browser.localLocation(response));
            if (page.statusCode() >= 500 || containsRaw(page.asString(), payload)) {
                failures.add(label + ": page after saving is " + page.statusCode() + " or shows the payload unescaped");
            }
            return;
        }
        failures.add(label + ": unexpected status " + status);
    }

    private static boolean containsRaw(String body, String payload) {
        boolean special = payload.chars().anyMatch(ch -> ch == '<' || ch == '>' || ch == '"');
        return special && body.contains(payload);
    }

    static boolean readableHtml(Response response) {
        String type = String.valueOf(response.getContentType());
        String body = response.asString();
        return type.startsWith("text/html") && body.contains("<h1") && !body.contains("Exception") && !body.contains("\tat ");
    }

    private static boolean isLocal(String location) {
        if (location == null) {
            return false;
        }
        URI uri = URI.create(location);
        String path = uri.getRawPath();
        boolean sameHost = uri.getHost() == null || uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1");
        return sameHost && path != null && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
    }

    private static String shorten(String payload) {
        String visible = payload.replaceAll("\\p{Cntrl}", "?");
        return visible.length() > 40 ? visible.substring(0, 20) + "…(" + visible.length() + " chars)" : visible;
    }

    // ------------------------------------------------------------------ matching, groups and notifications

    /** One request of a hostile case: who sends it, where, with which body. */
    record Attempt(String label, Browser browser, String path, Form form) {
    }

    /**
     * A tandem course where Ada and Ben formed a group (run 1, published, accepted), Cleo and Dan have a pending
     * proposal (run 2, published) and Eve and Finn sit in an open preview (run 3).
     */
    record MatchingWorld(Groups.TestCourse course, Groups.Learner ada, Groups.Learner ben, Groups.Learner cleo, long groupId,
            long pendingProposal, long previewRun, long previewMember, long previewProposal, long publishedMember,
            long publishedProposal, long benNotification) {
    }

    static MatchingWorld world;

    static MatchingWorld matchingWorld() {
        if (world != null) {
            return world;
        }
        Groups.TestCourse course = Groups.course("TANDEM", 3);
        Groups.Learner ada = Groups.learner(course, "Ada", "TANDEM");
        Groups.Learner ben = Groups.learner(course, "Ben", "TANDEM");
        long groupId = Groups.formGroup(course, "TANDEM", List.of(ada, ben));
        Groups.Learner cleo = Groups.learner(course, "Cleo", "TANDEM");
        Groups.learner(course, "Dan", "TANDEM");
        long run2 = runToPreview(course);
        assertEquals(303, course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + run2 + "/publish").statusCode());
        long pending = Db.tx(() -> ProposalMember.<ProposalMember>find("person.id = ?1 and proposal.run.id = ?2", cleo.personId(), run2)
                .firstResult().proposal.id);
        Groups.learner(course, "Eve", "TANDEM");
        Groups.learner(course, "Finn", "TANDEM");
        long run3 = runToPreview(course);
        long previewProposal = Db.tx(() -> Proposal.<Proposal>find("run.id", run3).firstResult().id);
        long previewMember = Db.tx(() -> ProposalMember.<ProposalMember>find("proposal.id", previewProposal).firstResult().id);
        long publishedMember = Db.tx(() -> ProposalMember.<ProposalMember>find("proposal.id", pending).firstResult().id);
        long benNotification = Db.tx(() -> Notification.<Notification>find("person.id", ben.personId()).firstResult().id);
        world = new MatchingWorld(course, ada, ben, cleo, groupId, pending, run3, previewMember, previewProposal, publishedMember, pending,
                benNotification);
        return world;
    }

    private static long runToPreview(Groups.TestCourse course) {
        Response started = course.team().post("/courses/" + course.id() + "/manage/matching/runs", "format", "TANDEM");
        assertEquals(303, started.statusCode(), started.asString());
        long runId = Long.parseLong(Browser.locationPath(started).replaceAll(".*/runs/", ""));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).status) == MatchingRun.Status.RUNNING) {
            assertTrue(System.nanoTime() < deadline, "run " + runId + " still running after 30 s");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertEquals(MatchingRun.Status.PREVIEW, Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).status));
        return runId;
    }

    static final List<String> BAD_DATES = concat(MARKUP, SQL, HUGE, CONTROL,
            List.of("2026-02-30", "-999999999-01-01", "+1000000-01-01", "1999-01-01", "2026-13-01", ""));
    static final List<String> BAD_TIMES = concat(MARKUP, SQL, CONTROL, List.of("24:00", "18:60", "-1:00", "6pm", "18", "9".repeat(100_000), ""));
    static final List<String> BAD_LENGTHS = concat(NUMBERS, payloads(Kind.CHOICE), List.of("0", "59", "1440", ""));
    /** Ids in a path: each must be a 404 (or a 400), never a 5xx. */
    static final List<String> BAD_PATH_IDS = List.of("abc", "-1", "0", "99999999999999999999", "1e3", "%3Cscript%3E", "9".repeat(3000));

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }

    static final List<String> BAD_IDS = List.of("abc", "", "-1", "0", "99999999999999999999", "1e3", "1 OR 1=1", "<script>alert(1)</script>",
            "9".repeat(100_000));

    @Test
    void hostileInputOnMatchingPreviewConsentGroupsAndNotificationsIsRefusedAndStoresNothing() {
        MatchingWorld w = matchingWorld();
        long course = w.course().id();
        Browser team = w.course().team();
        String run = "/courses/" + course + "/manage/matching/runs/" + w.previewRun();
        String member = Long.toString(w.previewMember());
        String proposal = Long.toString(w.previewProposal());
        String group = "/groups/" + w.groupId();
        String reasonOk = "Our times do not fit";
        List<String> badReasons = new ArrayList<>(HUGE);
        badReasons.addAll(CONTROL);
        // ids that exist but are someone else's: a member and a proposal of the published run (not of this preview)
        List<String> memberIds = new ArrayList<>(BAD_IDS);
        memberIds.add(Long.toString(w.publishedMember()));
        List<String> proposalIds = new ArrayList<>(BAD_IDS);
        proposalIds.add(Long.toString(w.publishedProposal()));

        List<Attempt> attempts = new ArrayList<>();
        for (String format : payloads(Kind.CHOICE)) {
            attempts.add(new Attempt("run format=" + shorten(format), team, "/courses/" + course + "/manage/matching/runs", Form.of("format", format)));
        }
        attempts.add(new Attempt("run while a preview is open", team, "/courses/" + course + "/manage/matching/runs", Form.of("format", "TANDEM")));
        for (String id : memberIds) {
            String l = shorten(id);
            attempts.add(new Attempt("move member=" + l, team, run + "/move", Form.of("member", id, "target", "new")));
            attempts.add(new Attempt("remove member=" + l, team, run + "/remove", Form.of("member", id)));
        }
        for (String id : proposalIds) {
            String l = shorten(id);
            attempts.add(new Attempt("move target=" + l, team, run + "/move", Form.of("member", member, "target", id)));
            attempts.add(new Attempt("split proposal=" + l, team, run + "/split", Form.of("proposal", id)));
            attempts.add(new Attempt("merge proposal=" + l, team, run + "/merge", Form.of("proposal", id, "other", proposal)));
            attempts.add(new Attempt("merge other=" + l, team, run + "/merge", Form.of("proposal", proposal, "other", id)));
        }
        for (String id : BAD_IDS) {
            attempts.add(new Attempt("report reported=" + shorten(id), w.ada().browser(), group + "/report",
                    Form.of("reported", id, "reason", reasonOk)));
        }
        String removal = "/courses/" + course + "/manage/groups/" + w.groupId() + "/remove";
        for (String id : BAD_IDS) {
            attempts.add(new Attempt("team removes member=" + shorten(id), team, removal, Form.of("member", id)));
        }
        attempts.add(new Attempt("team removes a non-member", team, removal, Form.of("member", Long.toString(w.cleo().personId()))));
        attempts.add(new Attempt("a member removes another", w.ada().browser(), removal, Form.of("member", Long.toString(w.ben().personId()))));
        // the course team's word to a group: the text, and who may write
        String teamMessage = "/courses/" + course + "/manage/groups/" + w.groupId() + "/message";
        for (String text : badReasons) {
            attempts.add(new Attempt("team message body=" + shorten(text), team, teamMessage, Form.of("body", text)));
        }
        attempts.add(new Attempt("team message without text", team, teamMessage, Form.of("body", " \n ")));
        attempts.add(new Attempt("a member writes as the course team", w.ada().browser(), teamMessage, Form.of("body", "Hi all")));
        for (String id : BAD_PATH_IDS) {
            attempts.add(new Attempt("team message group id=" + shorten(id), team, "/courses/" + course + "/manage/groups/" + id + "/message",
                    Form.of("body", "Hi all")));
        }
        // someone who is not in the group, and oneself
        attempts.add(new Attempt("report a non-member", w.ada().browser(), group + "/report",
                Form.of("reported", Long.toString(w.cleo().personId()), "reason", reasonOk)));
        attempts.add(new Attempt("report oneself", w.ada().browser(), group + "/report",
                Form.of("reported", Long.toString(w.ada().personId()), "reason", reasonOk)));
        for (String reason : badReasons) {
            String l = shorten(reason);
            attempts.add(new Attempt("decline reason=" + l, w.cleo().browser(), "/courses/" + course + "/matches/" + w.pendingProposal() + "/decline",
                    Form.of("reason", reason)));
            attempts.add(new Attempt("leave reason=" + l, w.ada().browser(), group + "/leave", Form.of("reason", reason)));
            attempts.add(new Attempt("report reason=" + l, w.ada().browser(), group + "/report",
                    Form.of("reported", Long.toString(w.ben().personId()), "reason", reason)));
        }
        // study sessions: every field of the planning form, and cancelling what is not one's own
        String tomorrow = LocalDate.now().plusDays(2).toString();
        Form sessionOk = Form.of("date", tomorrow, "time", "18:00", "minutes", "60", "topic", "Week 2", "place", "Library");
        for (String date : BAD_DATES) {
            attempts.add(new Attempt("session date=" + shorten(date), w.ada().browser(), group + "/sessions", sessionOk.copy().set("date", date)));
        }
        for (String time : BAD_TIMES) {
            attempts.add(new Attempt("session time=" + shorten(time), w.ada().browser(), group + "/sessions", sessionOk.copy().set("time", time)));
        }
        for (String minutes : BAD_LENGTHS) {
            attempts.add(new Attempt("session minutes=" + shorten(minutes), w.ada().browser(), group + "/sessions",
                    sessionOk.copy().set("minutes", minutes)));
        }
        for (String weeks : concat(NUMBERS, payloads(Kind.CHOICE), List.of("0", "13"))) {
            attempts.add(new Attempt("session weeks=" + shorten(weeks), w.ada().browser(), group + "/sessions",
                    sessionOk.copy().set("weeks", weeks)));
        }
        for (String text : badReasons) {
            attempts.add(new Attempt("session topic=" + shorten(text), w.ada().browser(), group + "/sessions", sessionOk.copy().set("topic", text)));
            attempts.add(new Attempt("session place=" + shorten(text), w.ada().browser(), group + "/sessions", sessionOk.copy().set("place", text)));
        }
        attempts.add(new Attempt("plan in a group one is not in", w.cleo().browser(), group + "/sessions", sessionOk));
        long adasSession = Groups.session(w.groupId(), w.ada().personId(), 3);
        attempts.add(new Attempt("cancel a session someone else planned", w.ben().browser(), group + "/sessions/" + adasSession + "/cancel",
                new Form()));
        attempts.add(new Attempt("cancel a session of a group one is not in", w.cleo().browser(),
                group + "/sessions/" + adasSession + "/cancel", new Form()));
        for (String which : concat(payloads(Kind.CHOICE), List.of("LATER", "all"))) {
            attempts.add(new Attempt("cancel session which=" + shorten(which), w.ada().browser(),
                    group + "/sessions/" + adasSession + "/cancel", Form.of("which", which)));
        }
        // changing a session: the same fields, by its planner only
        String change = group + "/sessions/" + adasSession + "/edit";
        for (String date : BAD_DATES) {
            attempts.add(new Attempt("change session date=" + shorten(date), w.ada().browser(), change, sessionOk.copy().set("date", date)));
        }
        for (String time : BAD_TIMES) {
            attempts.add(new Attempt("change session time=" + shorten(time), w.ada().browser(), change, sessionOk.copy().set("time", time)));
        }
        for (String minutes : BAD_LENGTHS) {
            attempts.add(new Attempt("change session minutes=" + shorten(minutes), w.ada().browser(), change,
                    sessionOk.copy().set("minutes", minutes)));
        }
        for (String text : badReasons) {
            attempts.add(new Attempt("change session topic=" + shorten(text), w.ada().browser(), change, sessionOk.copy().set("topic", text)));
        }
        attempts.add(new Attempt("change a session someone else planned", w.ben().browser(), change, sessionOk));
        attempts.add(new Attempt("change a session of a group one is not in", w.cleo().browser(), change, sessionOk));
        for (String id : BAD_PATH_IDS) {
            attempts.add(new Attempt("cancel session id=" + shorten(id), w.ada().browser(), group + "/sessions/" + id + "/cancel", new Form()));
            attempts.add(new Attempt("change session id=" + shorten(id), w.ada().browser(), group + "/sessions/" + id + "/edit", sessionOk));
        }
        for (String coming : concat(payloads(Kind.CHOICE), List.of("", "YES", "true"))) {
            attempts.add(new Attempt("session answer coming=" + shorten(coming), w.ben().browser(),
                    group + "/sessions/" + adasSession + "/answer", Form.of("coming", coming)));
        }
        attempts.add(new Attempt("answer a session of a group one is not in", w.cleo().browser(),
                group + "/sessions/" + adasSession + "/answer", Form.of("coming", "yes")));
        // messages: the text, the thread replied to, and deleting what is not one's own
        long adasPost = Groups.post(w.groupId(), w.ada().personId(), "Hello");
        for (String text : badReasons) {
            attempts.add(new Attempt("message body=" + shorten(text), w.ada().browser(), group + "/posts", Form.of("body", text)));
            attempts.add(new Attempt("reply body=" + shorten(text), w.ben().browser(), group + "/posts",
                    Form.of("body", text, "replyTo", Long.toString(adasPost))));
        }
        attempts.add(new Attempt("message without text", w.ada().browser(), group + "/posts", Form.of("body", " \n ", "question", "on")));
        for (String id : BAD_IDS.stream().filter(id -> !id.isEmpty()).toList()) { // an empty one starts a new thread
            attempts.add(new Attempt("reply replyTo=" + shorten(id), w.ben().browser(), group + "/posts", Form.of("body", "Hi", "replyTo", id)));
        }
        attempts.add(new Attempt("write in a group one is not in", w.cleo().browser(), group + "/posts", Form.of("body", "Hi")));
        attempts.add(new Attempt("delete someone else's message", w.ben().browser(), group + "/posts/" + adasPost + "/delete", new Form()));
        attempts.add(new Attempt("delete a message of a group one is not in", w.cleo().browser(), group + "/posts/" + adasPost + "/delete",
                new Form()));
        for (String id : BAD_PATH_IDS) {
            attempts.add(new Attempt("delete message id=" + shorten(id), w.ada().browser(), group + "/posts/" + id + "/delete", new Form()));
        }
        // questions: only the asker marks the answer, and only with a reply to that question
        long adasQuestion = Groups.post(w.groupId(), w.ada().personId(), "Where is the quiz?");
        long bensReply = Groups.post(w.groupId(), w.ben().personId(), "In week 2.");
        Db.run(() -> {
            GroupPost question = GroupPost.findById(adasQuestion);
            question.question = true;
            GroupPost.<GroupPost>findById(bensReply).replyTo = question;
        });
        String answer = group + "/posts/" + adasQuestion + "/answer";
        for (String id : concat(payloads(Kind.CHOICE), List.of(Long.toString(adasPost), Long.toString(adasQuestion)))) {
            attempts.add(new Attempt("answer reply=" + shorten(id), w.ada().browser(), answer, Form.of("reply", id)));
        }
        attempts.add(new Attempt("choose the answer to someone else's question", w.ben().browser(), answer,
                Form.of("reply", Long.toString(bensReply))));
        attempts.add(new Attempt("choose an answer in a group one is not in", w.cleo().browser(), answer,
                Form.of("reply", Long.toString(bensReply))));
        attempts.add(new Attempt("choose an answer to a message that asks nothing", w.ada().browser(), group + "/posts/" + adasPost + "/answer",
                Form.of("reply", Long.toString(bensReply))));
        for (String id : BAD_PATH_IDS) {
            attempts.add(new Attempt("answer question id=" + shorten(id), w.ada().browser(), group + "/posts/" + id + "/answer",
                    Form.of("reply", Long.toString(bensReply))));
        }
        // tasks: title, due date, assignee; ticking off or deleting what is not one's own or not of this group
        long adasTask = Groups.task(w.groupId(), w.ada().personId(), "Read chapter 1");
        Form taskOk = Form.of("title", "Quiz 2", "dueOn", "", "assignee", "");
        for (String text : badReasons) {
            attempts.add(new Attempt("task title=" + shorten(text), w.ada().browser(), group + "/tasks", taskOk.copy().set("title", text)));
        }
        attempts.add(new Attempt("task without a title", w.ada().browser(), group + "/tasks", taskOk.copy().set("title", " ")));
        for (String date : BAD_DATES.stream().filter(date -> !date.isEmpty()).toList()) { // no date is allowed
            attempts.add(new Attempt("task dueOn=" + shorten(date), w.ada().browser(), group + "/tasks", taskOk.copy().set("dueOn", date)));
        }
        for (String id : concat(BAD_IDS.stream().filter(id -> !id.isEmpty()).toList(), List.of(Long.toString(w.cleo().personId())))) {
            attempts.add(new Attempt("task assignee=" + shorten(id), w.ada().browser(), group + "/tasks", taskOk.copy().set("assignee", id)));
        }
        attempts.add(new Attempt("add a task in a group one is not in", w.cleo().browser(), group + "/tasks", taskOk));
        attempts.add(new Attempt("delete someone else's task", w.ben().browser(), group + "/tasks/" + adasTask + "/delete", new Form()));
        attempts.add(new Attempt("tick off a task of a group one is not in", w.cleo().browser(), group + "/tasks/" + adasTask + "/toggle",
                new Form()));
        String taskChange = group + "/tasks/" + adasTask + "/edit";
        for (String text : badReasons) {
            attempts.add(new Attempt("change task title=" + shorten(text), w.ben().browser(), taskChange, taskOk.copy().set("title", text)));
        }
        for (String date : BAD_DATES.stream().filter(date -> !date.isEmpty()).toList()) {
            attempts.add(new Attempt("change task dueOn=" + shorten(date), w.ben().browser(), taskChange, taskOk.copy().set("dueOn", date)));
        }
        for (String id : concat(BAD_IDS.stream().filter(id -> !id.isEmpty()).toList(), List.of(Long.toString(w.cleo().personId())))) {
            attempts.add(new Attempt("change task assignee=" + shorten(id), w.ben().browser(), taskChange, taskOk.copy().set("assignee", id)));
        }
        attempts.add(new Attempt("change a task of a group one is not in", w.cleo().browser(), taskChange, taskOk));
        String comments = group + "/tasks/" + adasTask + "/comments";
        for (String text : badReasons) {
            attempts.add(new Attempt("task comment=" + shorten(text), w.ben().browser(), comments, Form.of("comment", text)));
        }
        attempts.add(new Attempt("empty task comment", w.ben().browser(), comments, Form.of("comment", " \n ")));
        attempts.add(new Attempt("comment on a task of a group one is not in", w.cleo().browser(), comments, Form.of("comment", "Hello")));
        for (String id : BAD_PATH_IDS) {
            attempts.add(new Attempt("comment on task id=" + shorten(id), w.ada().browser(), group + "/tasks/" + id + "/comments",
                    Form.of("comment", "Hello")));
            attempts.add(new Attempt("change task id=" + shorten(id), w.ada().browser(), group + "/tasks/" + id + "/edit", taskOk));
            attempts.add(new Attempt("toggle task id=" + shorten(id), w.ada().browser(), group + "/tasks/" + id + "/toggle", new Form()));
            attempts.add(new Attempt("delete task id=" + shorten(id), w.ada().browser(), group + "/tasks/" + id + "/delete", new Form()));
        }
        // earlier versions of the notes: only this group's can be brought back
        long otherGroupsVersion = Groups.noteVersion(Groups.tandem("Hal", "Ivy").groupId(), w.ada().personId(), "Another group's notes");
        attempts.add(new Attempt("restore another group's notes", w.ada().browser(), group + "/note/versions/" + otherGroupsVersion + "/restore",
                new Form()));
        long adasVersion = Groups.noteVersion(w.groupId(), w.ada().personId(), "Our notes");
        attempts.add(new Attempt("restore the notes of a group one is not in", w.cleo().browser(),
                group + "/note/versions/" + adasVersion + "/restore", new Form()));
        for (String id : BAD_PATH_IDS) {
            attempts.add(new Attempt("restore notes version=" + shorten(id), w.ada().browser(), group + "/note/versions/" + id + "/restore",
                    new Form()));
        }
        // the facilitator role: a member id from a hidden field or the page's list; only the facilitator passes it on
        for (String id : concat(BAD_IDS, List.of(Long.toString(w.cleo().personId())))) {
            attempts.add(new Attempt("facilitator member=" + shorten(id), w.ada().browser(), group + "/facilitator", Form.of("member", id)));
        }
        attempts.add(new Attempt("pass on a facilitator role one does not have", w.ben().browser(), group + "/facilitator",
                Form.of("member", Long.toString(w.ada().personId()))));
        attempts.add(new Attempt("facilitate a group one is not in", w.cleo().browser(), group + "/facilitator",
                Form.of("member", Long.toString(w.cleo().personId()))));
        // check-ins: how it goes, what was done, what help is wanted
        Form checkinOk = Form.of("progress", "ON_TRACK", "done", "", "help", "");
        for (String progress : concat(payloads(Kind.CHOICE), List.of(""))) {
            attempts.add(new Attempt("checkin progress=" + shorten(progress), w.ada().browser(), group + "/checkins",
                    checkinOk.copy().set("progress", progress)));
        }
        for (String text : badReasons) {
            attempts.add(new Attempt("checkin done=" + shorten(text), w.ada().browser(), group + "/checkins", checkinOk.copy().set("done", text)));
            attempts.add(new Attempt("checkin help=" + shorten(text), w.ada().browser(), group + "/checkins", checkinOk.copy().set("help", text)));
        }
        attempts.add(new Attempt("check in to a group one is not in", w.cleo().browser(), group + "/checkins", checkinOk));
        // shared notes: the text, and the version it was written from (a hidden field)
        for (String text : badReasons) {
            attempts.add(new Attempt("note body=" + shorten(text), w.ada().browser(), group + "/note", Form.of("body", text, "version", "0")));
        }
        for (String version : concat(BAD_IDS.stream().filter(id -> !id.equals("0")).toList(), List.of("1", "-0", " 0x0"))) {
            attempts.add(new Attempt("note version=" + shorten(version), w.ada().browser(), group + "/note",
                    Form.of("body", "Hi", "version", version)));
        }
        attempts.add(new Attempt("notes of a group one is not in", w.cleo().browser(), group + "/note", Form.of("body", "Hi", "version", "0")));
        attempts.add(new Attempt("report without a reason", w.ada().browser(), group + "/report",
                Form.of("reported", Long.toString(w.ben().personId()), "reason", "   ")));
        // answering, leaving or reading what is not yours
        attempts.add(new Attempt("decline someone else's proposal", w.ada().browser(),
                "/courses/" + course + "/matches/" + w.pendingProposal() + "/decline", Form.of("reason", reasonOk)));
        attempts.add(new Attempt("accept someone else's proposal", w.ada().browser(),
                "/courses/" + course + "/matches/" + w.pendingProposal() + "/accept", new Form()));
        attempts.add(new Attempt("leave a group one is not in", w.cleo().browser(), group + "/leave", Form.of("reason", reasonOk)));
        attempts.add(new Attempt("report in a group one is not in", w.cleo().browser(), group + "/report",
                Form.of("reported", Long.toString(w.ada().personId()), "reason", reasonOk)));
        attempts.add(new Attempt("read someone else's notification", w.ada().browser(), "/notifications/" + w.benNotification() + "/read",
                new Form()));
        for (String id : BAD_PATH_IDS) {
            attempts.add(new Attempt("notification id=" + shorten(id), w.ada().browser(), "/notifications/" + id + "/read", new Form()));
            attempts.add(new Attempt("decline proposal id=" + shorten(id), w.cleo().browser(), "/courses/" + course + "/matches/" + id + "/decline",
                    Form.of("reason", reasonOk)));
            attempts.add(new Attempt("group id=" + shorten(id), w.ada().browser(), "/groups/" + id + "/leave", Form.of("reason", reasonOk)));
            attempts.add(new Attempt("run id=" + shorten(id), team, "/courses/" + course + "/manage/matching/runs/" + id + "/publish", new Form()));
        }

        List<String> failures = refusedAndNothingStored(attempts);
        assertTrue(attempts.size() > 120, "corpus too small: " + attempts.size());
        assertTrue(failures.isEmpty(), failures.size() + " problems in " + attempts.size() + " requests:\n" + String.join("\n", failures));

        // the same endpoints with valid bodies but no or a forged CSRF token, a JSON body or a wrong method: refused, nothing stored
        List<Attempt> valid = List.of(
                new Attempt("run", team, "/courses/" + course + "/manage/matching/runs", Form.of("format", "STUDY_GROUP")),
                new Attempt("move", team, run + "/move", Form.of("member", member, "target", "new")),
                new Attempt("remove", team, run + "/remove", Form.of("member", member)),
                new Attempt("publish", team, run + "/publish", new Form()),
                new Attempt("decline", w.cleo().browser(), "/courses/" + course + "/matches/" + w.pendingProposal() + "/decline",
                        Form.of("reason", reasonOk)),
                new Attempt("accept", w.cleo().browser(), "/courses/" + course + "/matches/" + w.pendingProposal() + "/accept", new Form()),
                new Attempt("leave", w.ada().browser(), group + "/leave", Form.of("reason", reasonOk)),
                new Attempt("team removes a member", team, "/courses/" + course + "/manage/groups/" + w.groupId() + "/remove",
                        Form.of("member", Long.toString(w.ben().personId()))),
                new Attempt("report", w.ada().browser(), group + "/report", Form.of("reported", Long.toString(w.ben().personId()), "reason", reasonOk)),
                new Attempt("plan a session", w.ada().browser(), group + "/sessions", sessionOk),
                new Attempt("write a message", w.ada().browser(), group + "/posts", Form.of("body", "Hello again")),
                new Attempt("delete a message", w.ada().browser(), group + "/posts/" + adasPost + "/delete", new Form()),
                new Attempt("choose the answer", w.ada().browser(), answer, Form.of("reply", Long.toString(bensReply))),
                new Attempt("team writes to a group", team, teamMessage, Form.of("body", "How is it going?")),
                new Attempt("cancel a session", w.ada().browser(), group + "/sessions/" + adasSession + "/cancel", new Form()),
                new Attempt("add a task", w.ada().browser(), group + "/tasks", taskOk),
                new Attempt("tick off a task", w.ada().browser(), group + "/tasks/" + adasTask + "/toggle", new Form()),
                new Attempt("delete a task", w.ada().browser(), group + "/tasks/" + adasTask + "/delete", new Form()),
                new Attempt("check in", w.ada().browser(), group + "/checkins", checkinOk),
                new Attempt("answer a session", w.ben().browser(), group + "/sessions/" + adasSession + "/answer", Form.of("coming", "yes")),
                new Attempt("save the notes", w.ada().browser(), group + "/note", Form.of("body", "Hi", "version", "0")),
                new Attempt("read all", w.ben().browser(), "/notifications/read", new Form()),
                new Attempt("read one", w.ben().browser(), "/notifications/" + w.benNotification() + "/read", new Form()));
        failures.addAll(abusesRefused(valid));
        assertTrue(failures.isEmpty(), failures.size() + " problems:\n" + String.join("\n", failures));
        // the world is intact: the group still has both members, the proposal still waits for Cleo
        assertEquals(2, Db.tx(() -> GroupMember.current(w.groupId()).size()));
        assertEquals(Proposal.Status.PENDING, Db.tx(() -> Proposal.<Proposal>findById(w.pendingProposal()).status));
    }

    @Test
    void hostileInputOnMeetupsIsRefusedAndStoresNothing() {
        Groups.TestCourse course = Groups.course("TANDEM,LOCAL_MEETUP", 3);
        Groups.Learner ada = Groups.learner(course, "Ada", "LOCAL_MEETUP");
        Groups.Learner ben = Groups.learner(course, "Ben", "LOCAL_MEETUP");
        Browser outsider = new Browser();
        outsider.signUpNew("meetup-outsider");
        Browser team = course.team();
        long teamId = Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and role = ?2", course.id(), CourseRole.Kind.TEAM)
                .firstResult().person.id);
        long upcoming = Meetups.meetup(course.id(), teamId, 5);
        long started = Meetups.meetup(course.id(), teamId, 5);
        long cancelled = Meetups.meetup(course.id(), teamId, 5);
        assertEquals(303, ada.browser().post("/meetups/" + upcoming + "/rsvp").statusCode());
        assertEquals(303, ada.browser().post("/meetups/" + started + "/rsvp").statusCode());
        Db.run(() -> {
            Meetup.<Meetup>findById(started).startsAt = Instant.now().minus(Duration.ofMinutes(30));
            Meetup.<Meetup>findById(cancelled).cancelledAt = Instant.now();
        });
        String manage = "/courses/" + course.id() + "/manage/meetups";
        Form ok = Form.of("placeId", "2988507", "date", LocalDate.now().plusDays(10).toString(), "time", "18:30", "minutes", "120",
                "capacity", "10", "venue", "Library", "address", "", "description", "");

        List<Attempt> attempts = new ArrayList<>();
        for (String date : BAD_DATES) {
            attempts.add(new Attempt("meetup date=" + shorten(date), team, manage, ok.copy().set("date", date)));
        }
        for (String time : BAD_TIMES) {
            attempts.add(new Attempt("meetup time=" + shorten(time), team, manage, ok.copy().set("time", time)));
        }
        for (String minutes : BAD_LENGTHS) {
            attempts.add(new Attempt("meetup minutes=" + shorten(minutes), team, manage, ok.copy().set("minutes", minutes)));
        }
        for (String capacity : concat(payloads(Kind.NUMBER), List.of("1", "501", ""))) {
            attempts.add(new Attempt("meetup capacity=" + shorten(capacity), team, manage, ok.copy().set("capacity", capacity)));
        }
        for (String placeId : concat(BAD_IDS, MARKUP, List.of("1", "2988507.0"))) {
            attempts.add(new Attempt("meetup placeId=" + shorten(placeId), team, manage, ok.copy().set("placeId", placeId)));
        }
        for (String text : concat(HUGE, CONTROL)) {
            attempts.add(new Attempt("meetup venue=" + shorten(text), team, manage, ok.copy().set("venue", text)));
            attempts.add(new Attempt("meetup address=" + shorten(text), team, manage, ok.copy().set("address", text)));
            attempts.add(new Attempt("meetup description=" + shorten(text), team, manage, ok.copy().set("description", text)));
        }
        attempts.add(new Attempt("meetup without a place", team, manage, ok.copy().set("venue", " ")));
        // the same fields when changing a meetup (its city stays)
        String edit = "/meetups/" + upcoming + "/edit";
        for (Attempt attempt : List.copyOf(attempts)) {
            if (!attempt.label().startsWith("meetup placeId")) {
                attempts.add(new Attempt("change " + attempt.label(), team, edit, attempt.form()));
            }
        }
        // how many weeks in a row (scheduling only: the change form has no such field)
        for (String weeks : concat(NUMBERS, payloads(Kind.CHOICE), List.of("0", "13"))) {
            attempts.add(new Attempt("meetup weeks=" + shorten(weeks), team, manage, ok.copy().set("weeks", weeks)));
        }
        attempts.add(new Attempt("a learner changes a meetup", ada.browser(), edit, ok));
        attempts.add(new Attempt("change a cancelled meetup", team, "/meetups/" + cancelled + "/edit", ok));
        attempts.add(new Attempt("change a started meetup", team, "/meetups/" + started + "/edit", ok));
        attempts.add(new Attempt("a learner schedules", ada.browser(), manage, ok));
        attempts.add(new Attempt("an outsider schedules", outsider, manage, ok));
        attempts.add(new Attempt("the team answers", team, "/meetups/" + upcoming + "/rsvp", new Form()));
        attempts.add(new Attempt("an outsider answers", outsider, "/meetups/" + upcoming + "/rsvp", new Form()));
        attempts.add(new Attempt("answer a cancelled meetup", ben.browser(), "/meetups/" + cancelled + "/rsvp", new Form()));
        attempts.add(new Attempt("answer a started meetup", ben.browser(), "/meetups/" + started + "/rsvp", new Form()));
        attempts.add(new Attempt("answer a single meetup's series", ben.browser(), "/meetups/" + upcoming + "/rsvp/series", new Form()));
        attempts.add(new Attempt("the team answers a series", team, "/meetups/" + upcoming + "/rsvp/series", new Form()));
        attempts.add(new Attempt("withdraw once started", ada.browser(), "/meetups/" + started + "/rsvp/withdraw", new Form()));
        attempts.add(new Attempt("a learner cancels", ada.browser(), "/meetups/" + upcoming + "/cancel", new Form()));
        attempts.add(new Attempt("a learner records attendance", ada.browser(), "/meetups/" + started + "/attendance",
                Form.of("attended", Long.toString(ada.personId()))));
        attempts.add(new Attempt("attendance before the start", team, "/meetups/" + upcoming + "/attendance",
                Form.of("attended", Long.toString(ada.personId()))));
        for (String id : concat(BAD_IDS.stream().filter(id -> !id.isEmpty()).toList(), List.of(Long.toString(ben.personId())))) {
            attempts.add(new Attempt("attendance attended=" + shorten(id), team, "/meetups/" + started + "/attendance", Form.of("attended", id)));
        }
        // organizers' messages: the text, who writes, and to which meetup
        String messages = "/meetups/" + upcoming + "/messages";
        for (String text : concat(HUGE, CONTROL, List.of("", "   ", "x".repeat(1001)))) {
            attempts.add(new Attempt("meetup message=" + shorten(text), team, messages, Form.of("message", text)));
        }
        attempts.add(new Attempt("a learner writes to a meetup", ada.browser(), messages, Form.of("message", "Hi")));
        attempts.add(new Attempt("an outsider writes to a meetup", outsider, messages, Form.of("message", "Hi")));
        attempts.add(new Attempt("write to a cancelled meetup", team, "/meetups/" + cancelled + "/messages", Form.of("message", "Hi")));
        for (String id : BAD_PATH_IDS) {
            attempts.add(new Attempt("write to meetup id=" + shorten(id), team, "/meetups/" + id + "/messages", Form.of("message", "Hi")));
            attempts.add(new Attempt("answer meetup id=" + shorten(id), ada.browser(), "/meetups/" + id + "/rsvp", new Form()));
            attempts.add(new Attempt("cancel meetup id=" + shorten(id), team, "/meetups/" + id + "/cancel", new Form()));
        }

        List<String> failures = refusedAndNothingStored(attempts);
        assertTrue(attempts.size() > 100, "corpus too small: " + attempts.size());
        failures.addAll(abusesRefused(List.of(
                new Attempt("schedule", team, manage, ok),
                new Attempt("change", team, "/meetups/" + upcoming + "/edit", ok),
                new Attempt("answer", ben.browser(), "/meetups/" + upcoming + "/rsvp", new Form()),
                new Attempt("withdraw", ada.browser(), "/meetups/" + upcoming + "/rsvp/withdraw", new Form()),
                new Attempt("cancel", team, "/meetups/" + upcoming + "/cancel", new Form()),
                new Attempt("write", team, messages, Form.of("message", "Room 2")),
                new Attempt("attendance", team, "/meetups/" + started + "/attendance", Form.of("attended", Long.toString(ada.personId()))))));
        assertTrue(failures.isEmpty(), failures.size() + " problems:\n" + String.join("\n", failures));
        assertEquals(3L, (long) Db.tx(() -> Meetup.count("course.id", course.id())), "no meetup was added");
        assertEquals(MeetupRsvp.Status.GOING, Db.tx(() -> MeetupRsvp.of(upcoming, ada.personId()).orElseThrow().status));
    }

    // ------------------------------------------------------------------ path parameters

    @Test
    void hostilePathParametersAreNotFound() {
        List<String> failures = new ArrayList<>();
        String c = "/courses/" + courseA;
        List<String> ids = List.of("-1", "0", "99999999999999999999", "abc", "1%27%20OR%20%271%27=%271", "%3Cscript%3E", "1.5");
        List<String> codes = List.of("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%27%20OR%20%271%27%3D%271", "A".repeat(3000), "..%2F..%2Fetc%2Fpasswd",
                "%00");
        List<String[]> requests = new ArrayList<>();
        for (String id : ids) {
            requests.add(new String[] {"GET", "/courses/" + id});
            requests.add(new String[] {"GET", "/courses/" + id + "/manage"});
            requests.add(new String[] {"GET", "/courses/" + id + "/profile/where"});
            requests.add(new String[] {"POST", "/courses/" + id + "/manage/invite-code"});
            requests.add(new String[] {"POST", c + "/manage/staff/" + id + "/delete"});
            requests.add(new String[] {"POST", c + "/partners/" + id + "/choice"});
        }
        requests.add(new String[] {"GET", c + "/profile/%3Cscript%3E"});
        requests.add(new String[] {"POST", c + "/profile/nowhere"});
        for (String code : codes) {
            requests.add(new String[] {"GET", "/join/" + code});
            requests.add(new String[] {"POST", "/join/" + code});
            requests.add(new String[] {"GET", "/partner/" + code});
            requests.add(new String[] {"POST", "/partner/" + code});
            requests.add(new String[] {"GET", "/staff-invite/" + code});
            requests.add(new String[] {"POST", "/staff-invite/" + code});
            requests.add(new String[] {"GET", "/signup/link/" + code});
            requests.add(new String[] {"POST", "/signup/link/" + code});
            requests.add(new String[] {"GET", "/account/confirm/" + code});
            requests.add(new String[] {"POST", "/account/confirm/" + code});
        }
        for (String[] request : requests) {
            String before = snapshot();
            Response response = request[0].equals("GET") ? team.get(request[1]) : team.post(request[1], new Form());
            String label = request[0] + " " + shorten(request[1]);
            if (response.statusCode() >= 500 || response.statusCode() < 400) {
                failures.add(label + ": " + response.statusCode());
            } else if (!readableHtml(response)) {
                failures.add(label + ": " + response.statusCode() + " not a readable page");
            } else if (response.asString().contains("<script>alert")) {
                failures.add(label + ": path echoed unescaped");
            }
            if (!before.equals(snapshot())) {
                failures.add(label + ": database changed");
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    // ------------------------------------------------------------------ CSRF, content types, methods

    @Test
    void missingOrForgedCsrfTokenWrongContentTypeAndWrongMethodStoreNothing() {
        List<String> failures = new ArrayList<>();
        for (FormCase form : forms()) {
            Browser browser = form.browser();
            String path = form.path().get();
            Form valid = form.base().get();
            browser.get("/");
            Map<String, Response> attempts = new LinkedHashMap<>();
            String before = snapshot();
            attempts.put("no CSRF token", browser.postRaw(path, valid.copy()));
            attempts.put("forged CSRF token", browser.postRaw(path, valid.copy().set(browser.csrfName(), forged(browser.csrfToken()))));
            attempts.put("CSRF token of another session", browser.postRaw(path, valid.copy().set(browser.csrfName(), otherSessionToken())));
            String json = "{\"" + browser.csrfName() + "\":\"" + browser.csrfToken() + "\",\"title\":\"json\",\"email\":\"a@b.c\"}";
            attempts.put("JSON body", raw(browser).contentType("application/json").body(json).post(path));
            attempts.put("text/plain body", raw(browser).contentType("text/plain").body(browser.csrfName() + "=" + browser.csrfToken()).post(path));
            attempts.put("multipart without token", raw(browser).multiPart("title", "x").post(path));
            attempts.put("XML body", raw(browser).contentType("application/xml").body("<title>x</title>").post(path));
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                attempts.put(method, raw(browser).contentType("application/x-www-form-urlencoded")
                        .formParam(browser.csrfName(), browser.csrfToken()).request(method, path));
            }
            String after = snapshot();
            for (Map.Entry<String, Response> attempt : attempts.entrySet()) {
                Response response = attempt.getValue();
                String label = form.name() + " " + attempt.getKey();
                int status = response.statusCode();
                if (status < 400 || status >= 500) {
                    failures.add(label + ": status " + status);
                } else if (!readableHtml(response)) {
                    failures.add(label + ": " + status + " not a readable page (" + response.getContentType() + ") "
                            + shorten(response.asString()));
                }
                if (List.of("PUT", "DELETE", "PATCH").contains(attempt.getKey()) && status != 405) {
                    failures.add(label + ": expected 405, got " + status);
                }
            }
            if (!before.equals(after)) {
                failures.add(form.name() + ": refused requests changed the database");
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " problems:\n" + String.join("\n", failures));
    }

    /** Sends each attempt: each must be refused with a readable 4xx page that does not echo markup, and change nothing. */
    private List<String> refusedAndNothingStored(List<Attempt> attempts) {
        List<String> failures = new ArrayList<>();
        for (Attempt attempt : attempts) {
            String before = snapshot();
            Response response = attempt.browser().post(attempt.path(), attempt.form());
            String after = snapshot();
            int status = response.statusCode();
            if (status >= 500 || status < 400) {
                failures.add(attempt.label() + ": status " + status + " (expected a 4xx refusal)");
            } else if (!readableHtml(response)) {
                failures.add(attempt.label() + ": " + status + " without a readable HTML page (" + response.getContentType() + ")");
            } else if (response.asString().contains("<script>alert")) {
                failures.add(attempt.label() + ": payload echoed unescaped");
            }
            if (!before.equals(after)) {
                failures.add(attempt.label() + ": refused with " + status + " but the database changed");
            }
        }
        return failures;
    }

    /** Valid requests without or with a forged CSRF token, as JSON, or with a wrong method: each refused, nothing stored. */
    private List<String> abusesRefused(List<Attempt> valid) {
        List<String> failures = new ArrayList<>();
        for (Attempt attempt : valid) {
            Browser browser = attempt.browser();
            browser.get("/");
            String before = snapshot();
            Map<String, Response> abuses = new LinkedHashMap<>();
            abuses.put("no CSRF token", browser.postRaw(attempt.path(), attempt.form().copy()));
            abuses.put("forged CSRF token", browser.postRaw(attempt.path(), attempt.form().copy().set(browser.csrfName(), forged(browser.csrfToken()))));
            abuses.put("CSRF token of another session", browser.postRaw(attempt.path(), attempt.form().copy().set(browser.csrfName(), otherSessionToken())));
            abuses.put("JSON body", raw(browser).contentType("application/json")
                    .body("{\"" + browser.csrfName() + "\":\"" + browser.csrfToken() + "\",\"reason\":\"json\"}").post(attempt.path()));
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                abuses.put(method, raw(browser).contentType("application/x-www-form-urlencoded")
                        .formParam(browser.csrfName(), browser.csrfToken()).request(method, attempt.path()));
            }
            String after = snapshot();
            for (Map.Entry<String, Response> abuse : abuses.entrySet()) {
                int status = abuse.getValue().statusCode();
                String label = attempt.label() + " " + abuse.getKey();
                if (status < 400 || status >= 500) {
                    failures.add(label + ": status " + status);
                } else if (!readableHtml(abuse.getValue())) {
                    failures.add(label + ": " + status + " not a readable page");
                }
            }
            if (!before.equals(after)) {
                failures.add(attempt.label() + ": refused requests changed the database");
            }
        }
        return failures;
    }

    private static io.restassured.specification.RequestSpecification raw(Browser browser) {
        return given().redirects().follow(false).cookies(Map.copyOf(browser.cookies()));
    }

    private static String forged(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static String otherSessionToken() {
        Browser other = new Browser();
        other.get("/");
        return other.csrfToken();
    }

    // ------------------------------------------------------------------ headers and cookies

    @Test
    void securityHeadersOnEveryKindOfResponse() {
        Map<String, Response> responses = new LinkedHashMap<>();
        responses.put("page", anonymous.get("/"));
        responses.put("login redirect", anonymous.get("/courses"));
        responses.put("redirect after POST", member.post("/language", "lang", "en", "back", "/"));
        responses.put("404 page", member.get("/no-such-page"));
        responses.put("403 page", learner.get("/courses/" + courseA + "/manage"));
        responses.put("400 page", member.post("/account", "displayName", "", "language", "en"));
        responses.put("405 page", raw(member).put("/account"));
        responses.put("JSON /places", member.get("/places?q=Paris"));
        responses.put("static CSS", anonymous.get("/static/entraide.css"));
        responses.put("static JS", anonymous.get("/static/entraide.js"));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Response> entry : responses.entrySet()) {
            Response r = entry.getValue();
            String label = entry.getKey() + " (" + r.statusCode() + ")";
            String csp = r.header("Content-Security-Policy");
            if (csp == null) {
                failures.add(label + ": no Content-Security-Policy");
            } else {
                String scriptSrc = directive(csp, "script-src");
                if (scriptSrc == null) {
                    scriptSrc = directive(csp, "default-src");
                }
                if (scriptSrc == null || scriptSrc.contains("'unsafe-inline'") || scriptSrc.contains("'unsafe-eval'") || scriptSrc.contains("*")) {
                    failures.add(label + ": script-src allows inline or foreign scripts: " + csp);
                }
                if (!"'none'".equals(directive(csp, "frame-ancestors"))) {
                    failures.add(label + ": frame-ancestors is not 'none': " + csp);
                }
                if (!"'none'".equals(directive(csp, "object-src"))) {
                    failures.add(label + ": object-src is not 'none'");
                }
            }
            expectHeader(failures, label, r, "X-Frame-Options", "DENY");
            expectHeader(failures, label, r, "X-Content-Type-Options", "nosniff");
            String referrer = r.header("Referrer-Policy");
            if (referrer == null || !List.of("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin").contains(referrer)) {
                failures.add(label + ": Referrer-Policy " + referrer);
            }
            if (String.valueOf(r.getContentType()).startsWith("text/html")) {
                String html = r.asString();
                if (html.matches("(?is).*<script(?![^>]*\\ssrc=)[^>]*>.*")) {
                    failures.add(label + ": inline <script> (blocked by the CSP)");
                }
                if (html.matches("(?is).*<[a-z][^>]*\\son[a-z]+\\s*=.*")) {
                    failures.add(label + ": inline event handler attribute (blocked by the CSP)");
                }
                if (html.matches("(?is).*\\sstyle\\s*=.*")) {
                    failures.add(label + ": inline style attribute (blocked by style-src 'self')");
                }
            }
        }
        assertEquals("application/json", String.valueOf(responses.get("JSON /places").getContentType()).split(";")[0]);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void expectHeader(List<String> failures, String label, Response r, String name, String value) {
        if (!value.equalsIgnoreCase(String.valueOf(r.header(name)))) {
            failures.add(label + ": " + name + " is " + r.header(name));
        }
    }

    private static String directive(String csp, String name) {
        for (String part : csp.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(name + " ")) {
                return trimmed.substring(name.length()).trim();
            }
        }
        return null;
    }

    @Test
    void sessionAndCsrfCookiesAreHttpOnlyAndSameSiteAndSecureInProduction() throws Exception {
        Response signUp = new Browser().signUp(Browser.uniqueEmail("cookie"), "Cookie Person", Browser.DEFAULT_PASSWORD);
        assertEquals(303, signUp.statusCode());
        List<String> setCookies = signUp.headers().getValues("Set-Cookie");
        String session = setCookies.stream().filter(v -> v.startsWith(Browser.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(session.toLowerCase().contains("httponly"), session);
        assertTrue(session.toLowerCase().contains("samesite=lax") || session.toLowerCase().contains("samesite=strict"), session);
        Response home = new Browser().get("/");
        for (String cookie : home.headers().getValues("Set-Cookie")) {
            assertTrue(cookie.toLowerCase().contains("httponly"), "cookie without HttpOnly: " + cookie);
        }

        // Production profile: Secure on both cookies unless ENTRAIDE_SECURE_COOKIES says otherwise.
        URL properties = Thread.currentThread().getContextClassLoader().getResource("application.properties");
        SmallRyeConfig prod = new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, 250)).build();
        assertTrue(prod.getValue("entraide.auth.secure-cookies", Boolean.class), "session cookie Secure in production");
        assertTrue(prod.getValue("quarkus.rest-csrf.cookie-force-secure", Boolean.class), "CSRF cookie Secure in production");
        assertTrue(prod.getValue("quarkus.rest-csrf.cookie-http-only", Boolean.class));
        assertEquals("lax", prod.getValue("quarkus.oidc.authentication.cookie-same-site", String.class));
        // it signs session cookies and calendar addresses: no default in production, so it cannot start on a known one
        assertThrows(NoSuchElementException.class, () -> prod.getValue("entraide.auth.session-secret", String.class));
    }

    // ------------------------------------------------------------------ the whole database as text

    /** Tables whose rows may change on a refused request by design: refused sign-ins count, scheduler leases, migrations. */
    private static final Set<String> NOT_SNAPSHOT = Set.of("login_throttle", "job_lock", "flyway_schema_history");

    /** Every row of every application table (found in the schema, so a new table cannot be forgotten). */
    String snapshot() {
        StringBuilder out = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet found = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (found.next()) {
                    String table = found.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!NOT_SNAPSHOT.contains(table)) {
                        tables.add(table);
                    }
                }
            }
            assertTrue(tables.containsAll(List.of("app_person", "enrolment", "group_post", "meetup", "meetup_rsvp", "notification")),
                    "tables found: " + tables);
            Collections.sort(tables);
            for (String table : tables) {
                out.append("## ").append(table).append('\n');
                try (ResultSet rows = statement.executeQuery("select * from " + table + " order by id")) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            out.append(rows.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
