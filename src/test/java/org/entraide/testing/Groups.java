package org.entraide.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.entraide.account.Person;
import org.entraide.availability.WeekMask;
import org.entraide.course.Course;
import org.entraide.group.LearningGroup;
import org.entraide.matching.MatchingExecutor;
import org.entraide.matching.MatchingRun;
import org.entraide.matching.Proposal;
import org.entraide.matching.ProposalMember;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.Enrolment;
import org.entraide.profile.FollowMode;
import org.entraide.profile.MoocExperience;
import org.entraide.profile.Situation;
import org.entraide.workspace.GroupNoteVersion;
import org.entraide.workspace.GroupPost;
import org.entraide.workspace.GroupTask;
import org.entraide.workspace.StudySession;

import io.quarkus.arc.Arc;
import io.restassured.response.Response;

/** Courses with learners who formed groups through the real run → publish → accept loop (as in MatchingFlowTest). */
public final class Groups {

    private Groups() {
    }

    /** A learner with an account, signed in in their own browser. */
    public record Learner(Browser browser, String email, long personId, String firstName) {
    }

    /** A tandem formed through matching, with its two members. */
    public record Tandem(long groupId, Learner first, Learner second) {
    }

    /** Two learners of a new tandem course (Paris, weekday evenings) matched and accepted into a tandem. */
    public static Tandem tandem(String first, String second) {
        TestCourse course = course("TANDEM", 3);
        Learner a = learner(course, first, "TANDEM");
        Learner b = learner(course, second, "TANDEM");
        return new Tandem(formGroup(course, "TANDEM", List.of(a, b)), a, b);
    }

    /** Two new learners of the course matched and accepted into a tandem; its group id. */
    public static long tandemIn(TestCourse course, String first, String second) {
        return formGroup(course, "TANDEM", List.of(learner(course, first, "TANDEM"), learner(course, second, "TANDEM")));
    }

    /** A course with its team's browser; rolling matching is off so that only the test forms groups. */
    public record TestCourse(long id, Browser team) {
    }

    public static TestCourse course(String formats, int groupMin) {
        Browser team = new Browser();
        team.signUpNew("team");
        List<String> form = new ArrayList<>(List.of("title", Courses.uniqueTitle("Groups course"), "languages", "en",
                "groupMin", String.valueOf(groupMin), "groupMax", "6", "minOverlapHours", "2", "consentWindowDays", "5",
                "defaultRadiusKm", "25", "signupOpen", "on"));
        for (String format : formats.split(",")) {
            form.add("formats");
            form.add(format);
        }
        Response created = team.post("/courses", form.toArray(String[]::new));
        assertEquals(303, created.statusCode(), created.asString());
        long id = Long.parseLong(Browser.locationPath(created).split("/")[2]);
        Db.run(() -> Course.<Course>findById(id).rollingEnabled = false);
        return new TestCourse(id, team);
    }

    /** Several such learners, one per first name. */
    public static List<Learner> learners(TestCourse course, String formats, String... firstNames) {
        return Stream.of(firstNames).map(name -> learner(course, name, formats)).toList();
    }

    /** A learner who joined and completed a profile: Paris, English, weekday evenings, video calls. */
    public static Learner learner(TestCourse course, String firstName, String formats) {
        return learner(course, firstName, formats, evenings());
    }

    /** The same learner with the given local week. */
    public static Learner learner(TestCourse course, String firstName, String formats, WeekMask week) {
        Browser browser = new Browser();
        String email = Browser.uniqueEmail(firstName.toLowerCase());
        assertEquals(303, browser.signUp(email, firstName + " Example", Browser.DEFAULT_PASSWORD).statusCode());
        long personId = Db.tx(() -> Person.findByEmail(email).orElseThrow().id);
        Learner learner = new Learner(browser, email, personId, firstName);
        joinWithProfile(course, learner, formats, week);
        return learner;
    }

    /** The learner joins the course and completes the same profile there: Paris, English, video calls. */
    public static void joinWithProfile(TestCourse course, Learner learner, String formats, WeekMask week) {
        assertEquals(303, learner.browser().post("/join/" + Courses.inviteCode(course.id())).statusCode());
        Db.run(() -> completeProfile(Enrolment.find(course.id(), learner.personId()).orElseThrow(), learner.firstName(), formats, week));
    }

    /**
     * Learners stored directly, without accounts to sign in with (quicker when a test needs many and never acts as
     * them): each joined the course with the same complete profile; returns their person ids.
     */
    public static List<Long> storedLearners(TestCourse course, String formats, int count) {
        return Db.tx(() -> {
            Course c = Course.findById(course.id());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Person person = new Person();
                person.email = Browser.uniqueEmail("stored");
                person.displayName = "Stored" + i + " Example";
                person.createdAt = Instant.now();
                person.persist();
                Enrolment e = new Enrolment();
                e.course = c;
                e.person = person;
                e.joinedAt = Instant.now();
                e.updatedAt = e.joinedAt;
                completeProfile(e, person.firstName(), formats, evenings());
                e.persist();
                ids.add(person.id);
            }
            return ids;
        });
    }

    /** What the profile form would have saved: Paris, English, the given week and formats, video calls, waiting. */
    public static void completeProfile(Enrolment e, String firstName, String formats, WeekMask week) {
        e.placeId = 2988507L;
        e.placeName = "Paris, France";
        e.countryCode = "FR";
        e.latitude = 48.8534;
        e.longitude = 2.3488;
        e.travelRadiusKm = 20;
        e.timeZone = "Europe/Paris";
        e.localWeek = week.toHex();
        e.languages = "en";
        e.formats = formats;
        e.modalities = "VIDEO_CALL";
        e.motives = "EPISTEMIC";
        e.certificateIntent = CertificateIntent.YES;
        e.followMode = FollowMode.WEEKLY_RHYTHM;
        e.interactionObjects = "MUTUAL_HELP";
        e.situation = Situation.EMPLOYED;
        e.moocExperience = MoocExperience.A_FEW;
        e.introduction = "Intro of " + firstName + ", private to partners";
        e.profileComplete = true;
        e.status = Enrolment.Status.WAITING;
        e.waitingSince = Instant.now();
    }

    /** The course team runs the matching for the format; waits (bounded) until the background run has its preview. */
    public static long run(TestCourse course, String format) {
        Response started = course.team().post("/courses/" + course.id() + "/manage/matching/runs", "format", format);
        assertEquals(303, started.statusCode(), started.asString());
        long runId = Long.parseLong(Browser.locationPath(started).replaceAll(".*/runs/", ""));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // the run's drafts are checked after it shows as a preview: wait for that too, or its statements mix with the test's
        MatchingExecutor executor = Arc.container().instance(MatchingExecutor.class).get();
        while (Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).status) == MatchingRun.Status.RUNNING || executor.pending() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runId + " still running after 30 s");
            }
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

    /** Runs the matching for the format and publishes it; returns the id of the proposal sent to the learner. */
    public static long publishedProposal(TestCourse course, String format, Learner learner) {
        long runId = run(course, format);
        Response published = course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + runId + "/publish");
        // a refusal says why: the page's error messages (a rule broken, the run no longer a preview, a missing token)
        assertEquals(303, published.statusCode(), () -> "publish refused: "
                + Pattern.compile("role=\"alert\">([^<]*)<").matcher(published.asString()).results().map(m -> m.group(1)).toList()
                + ", run " + Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).status));
        return Db.tx(() -> ProposalMember.<ProposalMember>find("person.id = ?1 and proposal.run.id = ?2", learner.personId(), runId)
                .firstResult().proposal.id);
    }

    /** Runs the matching for the format, publishes it and has every learner accept; returns the new group's id. */
    public static long formGroup(TestCourse course, String format, List<Learner> learners) {
        long proposalId = publishedProposal(course, format, learners.get(0));
        for (Learner learner : learners) {
            assertEquals(303, learner.browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept").statusCode());
        }
        return Db.tx(() -> Proposal.<Proposal>findById(proposalId).group.id);
    }

    public static WeekMask evenings() {
        WeekMask week = WeekMask.EMPTY;
        for (int day = 0; day < 5; day++) {
            for (int hour = 18; hour < 22; hour++) {
                week = week.with(WeekMask.index(day, hour));
            }
        }
        return week;
    }

    /** A study session in {@code inDays} days, an hour long, planned by the person (stored directly). */
    public static long session(long groupId, long plannerId, int inDays) {
        return Db.tx(() -> {
            StudySession session = new StudySession();
            session.group = LearningGroup.findById(groupId);
            session.plannedBy = Person.findById(plannerId);
            session.startsAt = Instant.now().plus(Duration.ofDays(inDays));
            session.minutes = 60;
            session.createdAt = Instant.now();
            session.persist();
            return session.id;
        });
    }

    /** A message the person wrote in the group (stored directly). */
    public static long post(long groupId, long authorId, String body) {
        return Db.tx(() -> {
            GroupPost post = new GroupPost();
            post.group = LearningGroup.findById(groupId);
            post.author = Person.findById(authorId);
            post.body = body;
            post.createdAt = Instant.now();
            post.persist();
            return post.id;
        });
    }

    /** A task the person added to the group's list (stored directly). */
    public static long task(long groupId, long authorId, String title) {
        return Db.tx(() -> {
            GroupTask task = new GroupTask();
            task.group = LearningGroup.findById(groupId);
            task.createdBy = Person.findById(authorId);
            task.title = title;
            task.createdAt = Instant.now();
            task.persist();
            return task.id;
        });
    }

    /** An earlier version of the group's notes, as a save by the person would have left it (stored directly). */
    public static long noteVersion(long groupId, long authorId, String body) {
        return Db.tx(() -> {
            GroupNoteVersion version = new GroupNoteVersion();
            version.group = LearningGroup.findById(groupId);
            version.savedBy = Person.findById(authorId);
            version.body = body;
            version.version = 1;
            version.savedAt = Instant.now();
            version.persist();
            return version.id;
        });
    }
}
