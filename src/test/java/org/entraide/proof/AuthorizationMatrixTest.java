package org.entraide.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;

import org.entraide.account.AddressConfirmation;
import org.entraide.account.ApiToken;
import org.entraide.account.MailOffLink;
import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.course.CourseAnnouncement;
import org.entraide.course.CourseRole;
import org.entraide.course.StaffInvite;
import org.entraide.course.CourseService.CourseForm;
import org.entraide.course.CourseService;
import org.entraide.group.GroupMember;
import org.entraide.group.LearningGroup;
import org.entraide.group.MemberReport;
import org.entraide.matching.MatchingRun;
import org.entraide.matching.Proposal;
import org.entraide.matching.ProposalMember;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.EnrolmentService;
import org.entraide.profile.Format;
import org.entraide.profile.PartnerInvite;
import org.entraide.profile.PartnerService;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Calendars;
import org.entraide.testing.Db;
import org.entraide.testing.FirstAccount;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.LinkedSignUps;
import org.entraide.testing.PasswordLinks;
import org.entraide.testing.Meetups;
import org.entraide.web.SecretLinks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every route of the application (found by scanning the JAX-RS resource classes, not from a hand-kept list) against
 * every role, as written in {@code authorization-matrix.csv}; each cell is checked with real requests on real data.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final String MATRIX = "authorization-matrix.csv";
    static final List<String> ROLES = List.of("anonymous", "other_learner", "learner", "group_member", "other_team", "team",
            "organizer", "admin");

    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route o) {
            int byPath = path.compareTo(o.path);
            return byPath != 0 ? byPath : method.compareTo(o.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Inject
    CourseService courses;
    @Inject
    MailOffLink mailOffLinks;
    @Inject
    EnrolmentService enrolments;
    @Inject
    PartnerService partners;

    /** Data shared by the checks (created once; the application database lives as long as the test run). */
    static Map<String, Map<String, String>> sessions;
    static long courseA;
    static long teamId;
    static long learnerId;
    static long inviteIdA;
    static long scratchPersonId;
    static long groupMemberId;
    static long groupId;
    static long runId;
    /** A study group of course A with the learner and the scratch person, made when a route first needs it. */
    static Long groupIdA;
    static String loginEmail;
    /** A password link, never used up: the checks send two passwords that differ. */
    static String passwordLink;
    /** The calendar address of someone who is none of the roles (the roles' own checks make new ones). */
    static String calendarAddress;
    static String mailOffAddress;
    /** A meetup of course A that the checks read (those that change one get a fresh one). */
    static Long sharedMeetupId;

    // ------------------------------------------------------------------ the routes and the table

    /** The real routes: every resource method of every @Path class under org.entraide. */
    static List<Route> applicationRoutes() throws IOException {
        Path classes = Paths.get("target", "classes");
        assertTrue(Files.isDirectory(classes.resolve("org/entraide")), "compiled classes not found under " + classes.toAbsolutePath());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Route> routes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("org/entraide"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace('\\', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
                for (Method method : type.getDeclaredMethods()) {
                    jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String verb = httpMethod(method);
                    if (verb == null) {
                        if (methodPath != null) {
                            fail("sub-resource locator " + type.getName() + "." + method.getName() + ": extend the route scan");
                        }
                        continue;
                    }
                    if (classPath == null) {
                        fail("resource method " + type.getName() + "." + method.getName() + " in a class without @Path");
                    }
                    routes.add(new Route(verb, join(classPath.value(), methodPath == null ? "" : methodPath.value())));
                }
            }
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        // {name: regex} templates are written {name} in the table
        joined = joined.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    static Map<Route, Map<String, String>> table() throws IOException {
        Map<Route, Map<String, String>> rows = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                AuthorizationMatrixTest.class.getClassLoader().getResourceAsStream(MATRIX), StandardCharsets.UTF_8))) {
            String header = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (header == null) {
                    header = line;
                    assertEquals("method,path," + String.join(",", ROLES), line, "matrix header");
                    continue;
                }
                assertEquals(2 + ROLES.size(), cells.length, "cells in row: " + line);
                Route route = new Route(cells[0].trim(), cells[1].trim());
                Map<String, String> expected = new LinkedHashMap<>();
                for (int i = 0; i < ROLES.size(); i++) {
                    String cell = cells[2 + i].trim();
                    assertTrue(List.of("allowed", "login", "401", "403", "404", "n/a").contains(cell), "unknown outcome '" + cell + "' in " + line);
                    expected.put(ROLES.get(i), cell);
                }
                if (rows.put(route, expected) != null) {
                    fail("two rows for " + route);
                }
            }
        }
        return rows;
    }

    @Test
    void everyRouteHasARowAndEveryRowARoute() throws IOException {
        List<Route> routes = applicationRoutes();
        assertTrue(routes.size() >= 20, "route scan found too few routes: " + routes);
        Map<Route, Map<String, String>> table = table();
        TreeSet<Route> missing = new TreeSet<>(routes);
        missing.removeAll(table.keySet());
        TreeSet<Route> stale = new TreeSet<>(table.keySet());
        stale.removeAll(routes);
        assertTrue(missing.isEmpty(), "routes without a row in " + MATRIX + " (add one with the expected outcome per role): " + missing);
        assertTrue(stale.isEmpty(), "rows in " + MATRIX + " for routes that do not exist: " + stale);
    }

    // ------------------------------------------------------------------ real data

    @BeforeEach
    void createPeopleAndCourses() {
        if (sessions != null) {
            return;
        }
        Map<String, Map<String, String>> s = new LinkedHashMap<>();
        Browser team = new Browser();
        String teamEmail = team.signUpNew("matrix-team");
        courseA = createCourse(team, "Course A");
        Browser otherTeam = new Browser();
        otherTeam.signUpNew("matrix-other-team");
        long courseB = createCourse(otherTeam, "Course B");

        Browser organizer = new Browser();
        String organizerEmail = organizer.signUpNew("matrix-organizer");
        Courses.addStaff(team, courseA, organizerEmail, "ORGANIZER", organizer);

        Browser learner = new Browser();
        String learnerEmail = learner.signUpNew("matrix-learner");
        assertEquals(303, learner.post("/join/" + inviteCode(courseA), new Form()).statusCode(), "learner joins A");
        Browser otherLearner = new Browser();
        otherLearner.signUpNew("matrix-other-learner");
        assertEquals(303, otherLearner.post("/join/" + inviteCode(courseB), new Form()).statusCode(), "other learner joins B");

        Browser admin = new Browser();
        assertEquals(303, admin.logIn(FirstAccount.EMAIL, FirstAccount.PASSWORD).statusCode(), "admin logs in");
        assertTrue(Db.tx(() -> Person.findByEmail(FirstAccount.EMAIL).orElseThrow().platformAdmin), "first account is admin");

        Browser groupMember = new Browser();
        String groupMemberEmail = groupMember.signUpNew("matrix-group-member");
        assertEquals(303, groupMember.post("/join/" + inviteCode(courseA), new Form()).statusCode(), "group member joins A");

        s.put("anonymous", Map.of());
        s.put("other_learner", Map.copyOf(otherLearner.cookies()));
        s.put("learner", Map.copyOf(learner.cookies()));
        s.put("group_member", Map.copyOf(groupMember.cookies()));
        s.put("other_team", Map.copyOf(otherTeam.cookies()));
        s.put("team", Map.copyOf(team.cookies()));
        s.put("organizer", Map.copyOf(organizer.cookies()));
        s.put("admin", Map.copyOf(admin.cookies()));

        teamId = personId(teamEmail);
        learnerId = personId(learnerEmail);
        groupMemberId = personId(groupMemberEmail);
        Browser scratch = new Browser();
        scratchPersonId = personId(scratch.signUpNew("matrix-scratch"));
        groupId = newGroup();
        runId = newPreviewRun();
        loginEmail = new Browser().signUpNew("matrix-login");
        passwordLink = PasswordLinks.request(new Browser().signUpNew("matrix-forgetful"));
        Browser subscriber = new Browser();
        subscriber.signUpNew("matrix-calendar");
        calendarAddress = Calendars.feedPath(subscriber.follow(subscriber.post("/account/calendar", new Form())).asString());
        mailOffAddress = Db.tx(() -> URI.create(mailOffLinks.url(Person.findById(scratchPersonId))).getPath());

        // A partner invite of course A from the learner, accepted by someone: the learner can answer it.
        Browser partner = new Browser();
        long partnerId = personId(partner.signUpNew("matrix-partner"));
        inviteIdA = Db.tx(() -> {
            PartnerInvite invite = partners.create(courseA, learnerId, "FRIEND");
            partners.accept(invite.code, partnerId, enrolments);
            return invite.id;
        });
        assertTrue(Db.tx(() -> Person.findByEmail(organizerEmail).isPresent()));
        sessions = s;
    }

    /** A study group G of course A whose members are the group member and the scratch person. */
    private static long newGroup() {
        return newGroup(groupMemberId, scratchPersonId);
    }

    /** An active study group of course A with these members. */
    private static long newGroup(long... memberIds) {
        return Db.tx(() -> {
            LearningGroup group = new LearningGroup();
            group.course = Course.findById(courseA);
            group.format = Format.STUDY_GROUP;
            group.status = LearningGroup.Status.ACTIVE;
            group.createdAt = Instant.now();
            group.lastActivityAt = group.createdAt;
            group.persist();
            for (long personId : memberIds) {
                GroupMember member = new GroupMember();
                member.group = group;
                member.person = Person.findById(personId);
                member.joinedAt = group.createdAt;
                member.persist();
            }
            return group.id;
        });
    }

    /** A course-team preview of course A with one draft proposal. */
    private static long newPreviewRun() {
        return Db.tx(() -> {
            MatchingRun run = new MatchingRun();
            run.course = Course.findById(courseA);
            run.format = Format.TANDEM;
            run.status = MatchingRun.Status.PREVIEW;
            run.startedAt = Instant.now();
            run.finishedAt = run.startedAt;
            run.persist();
            Proposal draft = proposal(run, Proposal.Status.DRAFT);
            member(draft, scratchPersonId);
            return run.id;
        });
    }

    /** A pending proposal addressed to the learner (and the scratch person, who does not answer). */
    private static long newProposalForLearner() {
        return Db.tx(() -> {
            Proposal proposal = proposal(null, Proposal.Status.PENDING);
            proposal.course = Course.findById(courseA);
            proposal.expiresAt = Instant.now().plusSeconds(3600);
            member(proposal, learnerId);
            member(proposal, scratchPersonId);
            return proposal.id;
        });
    }

    private static Proposal proposal(MatchingRun run, Proposal.Status status) {
        Proposal proposal = new Proposal();
        proposal.course = Course.findById(courseA);
        proposal.run = run;
        proposal.format = Format.TANDEM;
        proposal.status = status;
        proposal.createdAt = Instant.now();
        proposal.persist();
        return proposal;
    }

    private static void member(Proposal proposal, long personId) {
        ProposalMember member = new ProposalMember();
        member.proposal = proposal;
        member.person = Person.findById(personId);
        member.response = ProposalMember.Response.PENDING;
        member.persist();
    }

    private static long newNotificationForLearner() {
        return Db.tx(() -> {
            Notification notification = new Notification();
            notification.person = Person.findById(learnerId);
            notification.kind = NotificationKind.GROUP_FORMED;
            notification.link = "/courses/" + courseA;
            notification.createdAt = Instant.now();
            notification.persist();
            return notification.id;
        });
    }

    private static long createCourse(Browser browser, String title) {
        Response created = browser.post("/courses", courseFields(title));
        assertEquals(303, created.statusCode(), "course created: " + created.asString());
        String path = Browser.locationPath(created); // /courses/{id}/manage
        return Long.parseLong(path.split("/")[2]);
    }

    static Form courseFields(String title) {
        return Form.of("title", title, "languages", "en", "formats", "TANDEM", "formats", "STUDY_GROUP", "groupMin", "3",
                "groupMax", "6", "minOverlapHours", "2", "consentWindowDays", "5", "defaultRadiusKm", "25", "signupOpen", "on");
    }

    private static long personId(String email) {
        return Db.tx(() -> Person.findByEmail(email).orElseThrow().id);
    }

    private static String inviteCode(long courseId) {
        return Db.tx(() -> Course.<Course>findById(courseId).inviteCode);
    }

    private static CourseForm scratchCourse(String title) {
        return new CourseForm(title, "", "", "", List.of("en"), "", "", "", List.of("TANDEM", "STUDY_GROUP"), "3", "6", "2", "5", "25",
                true);
    }

    // ------------------------------------------------------------------ the checks

    @Test
    void everyCellHoldsForReal() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<Route, Map<String, String>> row : table().entrySet()) {
            Route route = row.getKey();
            for (Map.Entry<String, String> cell : row.getValue().entrySet()) {
                String role = cell.getKey();
                String expected = cell.getValue();
                if (expected.equals("n/a")) {
                    continue;
                }
                Browser browser = new Browser();
                sessions.get(role).forEach(browser::setCookie);
                String path = concretePath(route, role);
                Response response = route.method().equals("GET") ? browser.get(path) : browser.post(path, payload(route));
                keepRenewedSession(role, browser);
                String actual = outcome(route.method(), response);
                checked++;
                if (!actual.equals(expected)) {
                    failures.add(String.format("%-50s %-14s expected %-8s got %s (%s, Location %s)", route, role, expected, actual,
                            response.statusCode(), response.header("Location")));
                } else if (route.path().startsWith("/api/") && !actual.equals("allowed")
                        && !String.valueOf(response.getContentType()).startsWith("application/json")) {
                    failures.add(route + " " + role + ": " + actual + " of the JSON API is not JSON: " + response.getContentType());
                } else if (!route.path().startsWith("/api/") && (actual.equals("403") || actual.equals("404"))
                        && !String.valueOf(response.getContentType()).startsWith("text/html")) {
                    failures.add(route + " " + role + ": " + actual + " is not an HTML error page: " + response.getContentType());
                }
            }
        }
        assertTrue(checked > 150, "too few cells checked: " + checked);
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " cells differ from " + MATRIX + ":\n"
                + String.join("\n", failures));
    }

    /**
     * "Sign out everywhere else" ends the role's stored session and gives the browser that asked a new cookie for the
     * same person: the role goes on with it, as a browser would. (A sign-in as someone else is not kept.)
     */
    private static void keepRenewedSession(String role, Browser browser) {
        String before = sessions.get(role).get(Browser.SESSION_COOKIE);
        String after = browser.cookie(Browser.SESSION_COOKIE);
        if (before != null && after != null && !after.equals(before) && after.startsWith(before.substring(0, before.indexOf(':') + 1))) {
            Map<String, String> renewed = new LinkedHashMap<>(sessions.get(role));
            renewed.put(Browser.SESSION_COOKIE, after);
            sessions.put(role, Map.copyOf(renewed));
        }
    }

    /** The request path for one check, with fresh objects where the request changes them. */
    private String concretePath(Route route, String role) {
        String path = route.path().replace("{id}", Long.toString(courseA)).replace("{step}", "where")
                .replace("{inviteId}", Long.toString(inviteIdA)).replace("{courseId}", Long.toString(courseA))
                .replace("/password/reset/{token}", passwordLink).replace("/calendar/{token}.ics", calendarAddress)
                .replace(MailOffLink.PATH + "{token}", mailOffAddress);
        if (path.contains("{personId}")) {
            groupA();
            path = path.replace("{personId}", Long.toString(learnerId));
        }
        if (path.contains("{reportId}")) {
            long groupId = groupA();
            long reportId = Db.tx(() -> {
                MemberReport report = new MemberReport();
                report.group = LearningGroup.findById(groupId);
                report.reporter = Person.findById(learnerId);
                report.reported = Person.findById(scratchPersonId);
                report.reason = "Matrix check";
                report.createdAt = Instant.now();
                report.persist();
                return report.id;
            });
            path = path.replace("{reportId}", Long.toString(reportId));
        }
        if (path.contains("{groupId}")) {
            // the confirmation page names a member; the form posted without one is refused, so nobody is removed
            path = path.replace("{groupId}", Long.toString(groupA())) + (route.method().equals("GET") ? "?member=" + learnerId : "");
        }
        if (path.contains("{roleId}")) {
            long roleId = Db.tx(() -> {
                CourseRole.delete("course.id = ?1 and person.id = ?2 and role = ?3", courseA, scratchPersonId, CourseRole.Kind.ORGANIZER);
                CourseRole.flush();
                CourseRole r = new CourseRole();
                r.course = Course.findById(courseA);
                r.person = Person.findById(scratchPersonId);
                r.role = CourseRole.Kind.ORGANIZER;
                r.persist();
                return r.id;
            });
            path = path.replace("{roleId}", Long.toString(roleId));
        }
        if (path.contains("{staffInviteId}")) {
            long inviteId = Db.tx(() -> {
                StaffInvite.delete("course.id = ?1 and person.id = ?2", courseA, scratchPersonId);
                StaffInvite.flush();
                StaffInvite invite = new StaffInvite();
                invite.course = Course.findById(courseA);
                invite.person = Person.findById(scratchPersonId);
                invite.email = invite.person.email;
                invite.role = CourseRole.Kind.TEAM;
                invite.invitedAt = Instant.now();
                invite.persist();
                return invite.id;
            });
            path = path.replace("{staffInviteId}", Long.toString(inviteId));
        }
        if (path.contains("{announcementId}")) {
            // a fresh announcement of course A, sent (trying it again changes nothing)
            long announcementId = Db.tx(() -> {
                CourseAnnouncement announcement = new CourseAnnouncement();
                announcement.course = Course.findById(courseA);
                announcement.author = Person.findById(teamId);
                announcement.audience = CourseAnnouncement.Audience.ALL;
                announcement.body = "Matrix announcement";
                announcement.createdAt = Instant.now();
                announcement.deliveredAt = announcement.createdAt;
                announcement.persist();
                return announcement.id;
            });
            path = path.replace("{announcementId}", Long.toString(announcementId));
        }
        if (path.equals("/account/confirm/{token}")) {
            // a fresh link of the learner's each time: the POST uses it up
            String token = SecretLinks.newToken();
            Db.run(() -> {
                AddressConfirmation link = new AddressConfirmation();
                link.person = Person.findById(learnerId);
                link.email = link.person.email;
                link.tokenHash = SecretLinks.hash(token);
                link.createdAt = Instant.now();
                link.expiresAt = link.createdAt.plusSeconds(3600);
                link.persist();
            });
            path = "/account/confirm/" + token;
        }
        if (path.equals("/signup/link/{token}")) {
            // a fresh link each time: the POST uses it up (and signs the browser in as the imported person)
            path = LinkedSignUps.request(Browser.uniqueEmail("matrix-imported"));
        }
        if (path.equals("/staff-invite/{token}")) {
            // a fresh invitation by link to course A's team: anyone holding it may read it; the POST declines it
            String token = SecretLinks.newToken();
            Db.run(() -> {
                StaffInvite invite = new StaffInvite();
                invite.course = Course.findById(courseA);
                invite.email = Browser.uniqueEmail("matrix-invitee");
                invite.tokenHash = SecretLinks.hash(token);
                invite.role = CourseRole.Kind.TEAM;
                invite.invitedAt = Instant.now();
                invite.persist();
            });
            path = "/staff-invite/" + token;
        }
        if (path.startsWith("/join/")) {
            String code = route.method().equals("GET") ? inviteCode(courseA)
                    : Db.tx(() -> courses.create(scratchPersonId, scratchCourse("Scratch course for " + role)).inviteCode);
            path = path.replace("{code}", code);
        }
        if (path.startsWith("/partner/")) {
            String code = Db.tx(() -> {
                Course course = courses.create(teamId, scratchCourse("Partner scratch for " + role));
                enrolments.enrol(course, Person.findById(scratchPersonId));
                return partners.create(course.id, scratchPersonId, "COLLEAGUE").code;
            });
            path = path.replace("{code}", code);
        }
        boolean changes = route.method().equals("POST");
        if (path.contains("{runId}")) {
            path = path.replace("{runId}", Long.toString(changes ? newPreviewRun() : runId));
        }
        if (path.contains("{proposalId}")) {
            path = path.replace("{proposalId}", Long.toString(newProposalForLearner()));
        }
        if (path.startsWith("/groups/")) {
            path = "/groups/" + (changes ? newGroup() : groupId) + path.substring(("/groups/" + courseA).length());
        }
        if (path.contains("{sessionId}")) {
            // a session the group member planned in that group (cancelling it changes only a fresh group)
            long inGroup = Long.parseLong(path.split("/")[2]);
            path = path.replace("{sessionId}", Long.toString(Groups.session(inGroup, groupMemberId, 2)));
        }
        if (path.contains("{taskId}")) {
            long inGroup = Long.parseLong(path.split("/")[2]);
            path = path.replace("{taskId}", Long.toString(Groups.task(inGroup, groupMemberId, "Matrix task")));
        }
        if (path.contains("{versionId}")) {
            long inGroup = Long.parseLong(path.split("/")[2]);
            path = path.replace("{versionId}", Long.toString(Groups.noteVersion(inGroup, groupMemberId, "Matrix notes")));
        }
        if (path.contains("{postId}")) {
            long inGroup = Long.parseLong(path.split("/")[2]);
            path = path.replace("{postId}", Long.toString(Groups.post(inGroup, groupMemberId, "Matrix message")));
        }
        if (path.contains("{tokenId}")) {
            path = path.replace("{tokenId}", Long.toString(newApiTokenOfLearner()));
        }
        if (path.startsWith("/meetups/")) {
            long meetupId = changes || sharedMeetupId == null ? Meetups.meetup(courseA, teamId, 7) : sharedMeetupId;
            if (!changes) {
                sharedMeetupId = meetupId;
            }
            path = "/meetups/" + meetupId + path.substring(("/meetups/" + courseA).length());
        }
        if (path.startsWith("/notifications/" + courseA)) {
            path = "/notifications/" + newNotificationForLearner() + path.substring(("/notifications/" + courseA).length());
        }
        if (path.contains("{")) {
            throw new AssertionError("no value for a path parameter of " + route + ": extend concretePath");
        }
        return path;
    }

    private static long newApiTokenOfLearner() {
        return Db.tx(() -> {
            ApiToken token = new ApiToken();
            token.person = Person.findById(learnerId);
            token.name = "Matrix token";
            token.tokenHash = SecretLinks.hash(SecretLinks.newToken());
            token.createdAt = Instant.now();
            token.persist();
            return token.id;
        });
    }

    /** The learner's study group in course A (with the scratch person), created once. */
    private static long groupA() {
        if (groupIdA == null) {
            groupIdA = newGroup(learnerId, scratchPersonId);
        }
        return groupIdA;
    }

    /** A plausible submission for each form (an allowed POST may still be refused as invalid: 400/409 counts as allowed). */
    private static Form payload(Route route) {
        return switch (route.path()) {
            case "/language" -> Form.of("lang", "fr", "back", "/");
            case "/signup" -> Form.of("email", Browser.uniqueEmail("matrix-signup"), "displayName", "Matrix Signup", "password",
                    Browser.DEFAULT_PASSWORD, "passwordConfirmation", Browser.DEFAULT_PASSWORD);
            case "/login" -> Form.of("email", loginEmail, "password", Browser.DEFAULT_PASSWORD, "next", "");
            case "/password/forgot" -> Form.of("email", Browser.uniqueEmail("matrix-nobody"));
            case "/password/reset/{token}" -> Form.of("password", "a new password 1", "passwordConfirmation", "another password 2");
            case "/account" -> Form.of("displayName", "Matrix Person", "language", "en");
            case "/account/password" -> Form.of("currentPassword", "not the password", "password", "another password 1",
                    "passwordConfirmation", "another password 1");
            case "/courses" -> courseFields("Matrix course");
            case "/courses/{id}/manage" -> courseFields("Course A");
            case "/courses/{id}/manage/copy" -> courseFields("Course A, next session");
            case "/courses/{id}/staff-invite", "/staff-invite/{token}" -> Form.of("answer", "no");
            case "/courses/{id}/manage/staff" -> Form.of("email", Browser.uniqueEmail("nobody"), "role", "ORGANIZER");
            case "/courses/{id}/partners" -> Form.of("relationKind", "FRIEND");
            case "/courses/{id}/partners/{inviteId}/choice" -> Form.of("choice", "TANDEM");
            case "/courses/{id}/profile/{step}" -> Form.of("q", "Lyon");
            case "/groups/{id}/tasks/{taskId}/comments" -> Form.of("comment", "Matrix comment");
            case "/groups/{id}/tasks/{taskId}/edit" -> Form.of("title", "Matrix task, changed");
            case "/groups/{id}/sessions/{sessionId}/edit" -> Form.of("date", java.time.LocalDate.now().plusDays(3).toString(), "time", "18:00",
                    "minutes", "60");
            default -> new Form();
        };
    }

    static String outcome(String method, Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "server error " + status;
        }
        if (status >= 300 && status < 400) {
            String location = response.header("Location");
            String path = location == null ? "" : URI.create(location).getPath();
            return path.equals("/login") ? "login" : "allowed";
        }
        if (status == 401 || status == 403 || status == 404) {
            return Integer.toString(status);
        }
        if (status < 300) {
            return "allowed";
        }
        if (method.equals("POST") && (status == 400 || status == 409)) {
            return "allowed";
        }
        return "status " + status;
    }
}
