package org.entraide.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;

import org.entraide.course.Course;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A background job holds a copy of a row while a person saves a form on the same row: when the job commits, only the
 * column it changed is written, so the person's change stays. Each test replays that interleaving in order: the job's
 * transaction reads the row, the person's request commits, then the job writes its own column.
 */
@QuarkusTest
class LostUpdateTest {

    @Test
    void theRollingJobStampingACourseKeepsTheRulesTheTeamSavedMeanwhile() {
        TestCourse course = Groups.course("TANDEM", 3);
        String rules = "/courses/" + course.id() + "/manage/rules";
        course.team().get(rules);
        assertNotEquals(5, Courses.course(course.id()).minOverlapHours);

        QuarkusTransaction.requiringNew().run(() -> {
            Course job = Course.findById(course.id());
            assertEquals(303, course.team().post(rules, Courses.validRules().set("minOverlapHours", "5")).statusCode());
            job.lastRollingRunAt = Instant.now();
        });

        Course saved = Courses.course(course.id());
        assertEquals(5, saved.minOverlapHours, "the team's rules");
        assertNotNull(saved.lastRollingRunAt, "the job's stamp");
    }

    @Test
    void aJobPausingALearnerKeepsTheProfileTheyEditedMeanwhile() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        String about = "/courses/" + course.id() + "/profile/about";
        ana.browser().get(about);

        QuarkusTransaction.requiringNew().run(() -> {
            Enrolment job = Enrolment.<Enrolment>find("course.id = ?1 and person.id = ?2", course.id(), ana.personId()).firstResult();
            assertEquals(303, ana.browser().post(about, Form.of("situation", "EMPLOYED", "moocExperience",
                    "A_FEW", "introduction", "Rewritten while the job ran")).statusCode());
            job.status = Enrolment.Status.PAUSED;
        });

        Enrolment saved = Db.tx(() -> Enrolment.find(course.id(), ana.personId()).orElseThrow());
        assertEquals("Rewritten while the job ran", saved.introduction, "the learner's profile");
        assertEquals(Enrolment.Status.PAUSED, saved.status, "the job's status");
    }
}
