package org.entraide.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.entraide.course.Course;
import org.entraide.course.CourseAnnouncement;
import org.entraide.course.CourseRole;
import org.entraide.geo.GeoService;
import org.entraide.matching.MatchingRun;
import org.entraide.matching.MatchingService;
import org.entraide.matching.Proposal;
import org.entraide.matching.RollingMatching;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.profile.LearnerProfile;
import org.entraide.profile.population.PopulationGenerator;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Browser;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.web.Deliveries;
import org.entraide.web.DemoData;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A course of {@code bench.n} generated learners (default 100,000) on the database the tests use, as the course team
 * works with it: a matching run computed, its preview read, published and told to its members (a learner's own pages
 * read meanwhile), its proposals reminded and expired together at the end of the consent window, then an announcement
 * to every learner and the team's other pages.
 * Prints one line of figures. Not a test (its name keeps it out of {@code ./mvnw verify}): scripts/bench-course-at-scale
 * runs it on PostgreSQL. The statistics are refreshed after the learners are stored, as autovacuum would have done in
 * the days a real course takes to fill, so that the plans are those of a running system.
 */
@QuarkusTest
class CourseAtScaleBenchmark {

    private static final int CHUNK = 2000;

    @Inject
    GeoService geo;
    @Inject
    MatchingService matching;
    @Inject
    Deliveries deliveries;
    @Inject
    DemoData demoData;
    @Inject
    RollingMatching rolling;

    @Test
    void courseTeamWorkAtScale() {
        int n = Integer.getInteger("bench.n", 100_000);
        TestCourse course = Groups.course("TANDEM,STUDY_GROUP,LOCAL_MEETUP", 3);
        long teamId = Db.tx(() -> CourseRole.<CourseRole>find("course.id", course.id()).firstResult().person.id);
        Learner lea = Groups.learner(course, "Lea", "TANDEM,LOCAL_MEETUP");
        store(course.id(), new PopulationGenerator(geo.gazetteer(), 7).generate(n));
        // the learners filled in their profiles over the days before the run, not in the last minutes
        QuarkusTransaction.requiringNew().run(() -> Enrolment.update("updatedAt = ?1 where course.id = ?2",
                Instant.now().minus(Duration.ofDays(1)), course.id()));
        QuarkusTransaction.requiringNew().run(() -> Enrolment.getEntityManager().createNativeQuery("analyze").executeUpdate());

        long start = System.nanoTime();
        MatchingRun started = matching.start(course.id(), teamId, Format.TANDEM);
        long computeStart = System.nanoTime();
        matching.compute(started.id);
        long publishStart = System.nanoTime();
        long computeEnd = publishStart;
        MatchingRun computed = Db.tx(() -> MatchingRun.findById(started.id));
        assertEquals(MatchingRun.Status.PREVIEW, computed.status, "the run computed");
        // the team reads the preview: its first page, the second, then the proposals that break a rule
        String preview = "/courses/" + course.id() + "/manage/matching/runs/" + started.id;
        long firstViewStart = System.nanoTime();
        assertEquals(200, course.team().get(preview).statusCode());
        long previewStart = System.nanoTime();
        assertEquals(200, course.team().get(preview + "?page=2").statusCode());
        long problemsStart = System.nanoTime();
        assertEquals(200, course.team().get(preview + "?problems=1").statusCode());
        long problemsEnd = System.nanoTime();
        // meanwhile 1,000 learners of the preview save their profiles: their drafts are checked again on the next view
        QuarkusTransaction.requiringNew().run(() -> Enrolment.getEntityManager().createNativeQuery("update enrolment set updated_at = ?1"
                + " where id in (select e.id from enrolment e join proposal_member m on m.person_id = e.person_id join proposal p"
                + " on p.id = m.proposal_id where e.course_id = ?2 and p.run_id = ?3 order by e.id limit 1000)")
                .setParameter(1, Instant.now()).setParameter(2, course.id()).setParameter(3, started.id).executeUpdate());
        long editedStart = System.nanoTime();
        assertEquals(200, course.team().get(preview + "?page=2").statusCode());
        long editedEnd = System.nanoTime();
        publishStart = System.nanoTime();
        matching.publish(course.id(), teamId, started.id);
        long noticesStart = System.nanoTime();
        deliveries.tick();
        long noticesEnd = System.nanoTime();
        assertEquals(MatchingRun.Status.PUBLISHED, Db.tx(() -> MatchingRun.<MatchingRun>findById(started.id).status));

        // a learner's own pages in the large course, proposals open
        long learnerCoursesMs = view(lea.browser(), "/courses");
        long learnerCourseMs = view(lea.browser(), "/courses/" + course.id());
        long learnerMatchesMs = view(lea.browser(), "/courses/" + course.id() + "/matches");
        long learnerNoticesMs = view(lea.browser(), "/notifications");

        // the consent window ends for every proposal at once: reminded a day before, then expired (silence declines)
        QuarkusTransaction.requiringNew().run(() -> Proposal.update("expiresAt = ?1 where run.id = ?2",
                Instant.now().plus(Duration.ofHours(2)), started.id));
        long remindStart = System.nanoTime();
        rolling.expireProposals();
        QuarkusTransaction.requiringNew().run(() -> Proposal.update("expiresAt = ?1 where run.id = ?2",
                Instant.now().minusSeconds(60), started.id));
        long expireStart = System.nanoTime();
        int expired = rolling.expireProposals();
        long expireEnd = System.nanoTime();
        assertEquals(Db.tx(() -> Proposal.count("run.id", started.id)), (long) expired, "every proposal expired");

        long announceStart = System.nanoTime();
        Response sent = course.team().post("/courses/" + course.id() + "/manage/announcements", "audience", "ALL", "body",
                "The last quiz opens on Friday.");
        long announceJobStart = System.nanoTime();
        assertEquals(303, sent.statusCode(), sent.asString());
        deliveries.tick();
        long announceEnd = System.nanoTime();
        assertEquals(n + 1, Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>find("course.id", course.id()).singleResult().recipients),
                "every learner received the announcement, Lea too");

        // the team's other pages on the whole course, each after a warm-up view
        String manage = "/courses/" + course.id() + "/manage";
        long learnersMs = view(course, manage + "/learners?page=2");
        long searchMs = view(course, manage + "/learners?q=bench" + course.id() + "-4242");
        long outcomesMs = view(course, manage + "/dashboard");
        long matchingMs = view(course, manage + "/matching");
        long meetupsMs = view(course, manage + "/meetups");
        long manageMs = view(course, manage);

        System.out.printf(Locale.ROOT, "bench course-at-scale learners=%d waiting=%d placed=%d start_ms=%d compute_ms=%d preview_first_ms=%d preview_ms=%d"
                + " preview_problems_ms=%d preview_after_edits_ms=%d publish_ms=%d"
                + " proposal_notices_ms=%d remind_ms=%d expire_ms=%d announcement_request_ms=%d announcement_job_ms=%d"
                + " learners_ms=%d learners_search_ms=%d outcomes_ms=%d matching_page_ms=%d meetups_page_ms=%d"
                + " course_team_page_ms=%d learner_courses_ms=%d learner_course_ms=%d learner_matches_ms=%d learner_notifications_ms=%d%n", n,
                computed.waitingCount, computed.placedCount, ms(start, computeStart), ms(computeStart, computeEnd),
                ms(firstViewStart, previewStart), ms(previewStart, problemsStart), ms(problemsStart, problemsEnd), ms(editedStart, editedEnd),
                ms(publishStart, noticesStart), ms(noticesStart, noticesEnd), ms(remindStart, expireStart), ms(expireStart, expireEnd),
                ms(announceStart, announceJobStart), ms(announceJobStart, announceEnd), learnersMs, searchMs, outcomesMs, matchingMs, meetupsMs,
                manageMs, learnerCoursesMs, learnerCourseMs, learnerMatchesMs, learnerNoticesMs);
    }

    /** Milliseconds of a second view of a team page. */
    private static long view(TestCourse course, String path) {
        return view(course.team(), path);
    }

    /** Milliseconds of a second view of a page as this person (the first warms it up). */
    private static long view(Browser browser, String path) {
        assertEquals(200, browser.get(path).statusCode(), path);
        long start = System.nanoTime();
        assertEquals(200, browser.get(path).statusCode(), path);
        return ms(start, System.nanoTime());
    }

    /** The generated learners join the course with complete profiles, waiting, as the demo data stores its own. */
    private void store(long courseId, List<LearnerProfile> profiles) {
        for (int from = 0; from < profiles.size(); from += CHUNK) {
            List<LearnerProfile> chunk = profiles.subList(from, Math.min(profiles.size(), from + CHUNK));
            int offset = from;
            QuarkusTransaction.requiringNew().run(() -> {
                Course course = Course.findById(courseId);
                for (int i = 0; i < chunk.size(); i++) {
                    String email = "bench" + courseId + "-" + (offset + i) + "@example.org";
                    demoData.enrol(course, DemoData.generatedPerson(chunk.get(i), email), chunk.get(i));
                }
            });
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
