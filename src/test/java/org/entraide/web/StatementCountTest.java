package org.entraide.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.entraide.account.Person;
import org.entraide.course.CourseRole;
import org.entraide.matching.Proposal;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.PartnerInvite;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Meetups;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The pages learners open most run a fixed number of SQL statements, however many groups, partners and
 * notifications they have: each statement is a round trip that the load test pays for (docs/proof.md).
 */
@QuarkusTest
class StatementCountTest {

    @Inject
    SessionFactory sessionFactory;

    @Inject
    NotificationService notifications;

    @Test
    void theLearnersPagesDoNotGrowWithTheirGroupsAndPartners() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        Learner ben = Groups.learner(course, "Ben", "TANDEM");
        long groupId = Groups.formGroup(course, "TANDEM", List.of(ana, ben));
        Groups.session(groupId, ben.personId(), 2);
        Groups.session(groupId, ben.personId(), 3);
        for (long organizer : List.of(ben.personId(), Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and role = ?2",
                course.id(), CourseRole.Kind.TEAM).firstResult().person.id))) {
            long meetup = Meetups.meetup(course.id(), organizer, 4);
            assertEquals(303, ana.browser().post("/meetups/" + meetup + "/rsvp").statusCode());
        }
        joinedPartner(ana, course, "Chloe");
        joinedPartner(ana, course, "Dario");
        assertEquals(303, ana.browser().post("/courses/" + course.id() + "/partners", Form.of("relationKind", "FRIEND")).statusCode());
        Db.run(() -> {
            Person person = Person.findById(ana.personId());
            notifications.notify(person, NotificationKind.PROPOSAL_NEW, "/courses/" + course.id(), "One");
            notifications.notify(person, NotificationKind.PROPOSAL_NEW, "/courses/" + course.id(), "Two");
        });
        assertEquals(303, course.team().post("/courses/" + course.id() + "/manage/announcements", "audience", "ALL", "body", "Hello").statusCode());
        String badge = "<span class=\"badge\">" + notifications.unreadCount(ana.personId()) + "</span>";

        // the person with the unread badge, the course with the enrolment and roles, partners, groups, pending proposals
        String coursePage = statements(ana.browser(), "/courses/" + course.id(), 5);
        assertThat(coursePage, containsString("Chloe"));
        assertThat(coursePage, containsString("Dario"));
        assertThat(coursePage, containsString("href=\"/groups/"));
        assertThat(coursePage, containsString(badge));
        assertThat("the latest announcement, in the zone of the profile already read", coursePage,
                matchesPattern("(?s).*· latest on [^<]+ \\(Europe/Paris\\)</p>.*"));
        // the person, the staff invitations, the enrolments with their courses, the staff roles with theirs; what comes
        // up: the sessions with the person's zone in each course, the meetups answered, the meetups organized
        String courses = statements(ana.browser(), "/courses", 7);
        assertThat(courses, containsString(badge));
        assertEquals(2, courses.split("href=\"/groups/" + groupId + "#session-", -1).length - 1, "both sessions come up");
        assertEquals(2, courses.split("href=\"/meetups/", -1).length - 1, "both meetups come up");
        // the person, the enrolment with its course
        statements(ana.browser(), "/courses/" + course.id() + "/profile/about", 2);
    }

    @Test
    void thePreviewPageDoesNotGrowWithItsProposals() {
        previewStatements(4); // the first in a fresh application also reads what is then kept (run alone, this test failed)
        long twoPairs = previewStatements(4);
        long fourPairs = previewStatements(8);
        assertEquals(twoPairs, fourPairs, "statements for a preview of 2 tandems, then of 4");
    }

    @Test
    void publishingDoesNotReadMoreForMoreProposals() {
        publishQueries(4); // the first in a fresh application also reads what is then kept (run alone, this test failed)
        long twoPairs = publishQueries(4);
        long fourPairs = publishQueries(8);
        assertEquals(twoPairs, fourPairs, "queries to publish 2 tandems, then 4 (each proposal still writes its notices)");
    }

    /** A tandem run over the given number of learners; the statements its preview page prepared. */
    private long previewStatements(int learners) {
        TestCourse course = tandemCourse(learners);
        long runId = Groups.run(course, "TANDEM");
        Statistics statistics = sessionFactory.getStatistics();
        long before = statistics.getPrepareStatementCount();
        Response page = course.team().get("/courses/" + course.id() + "/manage/matching/runs/" + runId);
        long prepared = statistics.getPrepareStatementCount() - before;
        assertEquals(200, page.statusCode());
        assertEquals(learners, page.asString().split("Paris, France", -1).length - 1, "every member's city is shown");
        return prepared;
    }

    /** A tandem run over the given number of learners; the queries (reads, not the notices written) its publication ran. */
    private long publishQueries(int learners) {
        TestCourse course = tandemCourse(learners);
        long runId = Groups.run(course, "TANDEM");
        Statistics statistics = sessionFactory.getStatistics();
        long before = statistics.getQueryExecutionCount();
        Response published = course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + runId + "/publish");
        long queries = statistics.getQueryExecutionCount() - before;
        assertEquals(303, published.statusCode());
        assertEquals(learners / 2L, (long) Db.tx(() -> Proposal.count("run.id = ?1 and status = ?2", runId, Proposal.Status.PENDING)));
        return queries;
    }

    private static TestCourse tandemCourse(int learners) {
        TestCourse course = Groups.course("TANDEM", 3);
        for (int i = 0; i < learners; i++) {
            Groups.learner(course, "Learner" + i, "TANDEM");
        }
        return course;
    }

    /** Renders the page as the browser's person and checks how many statements it prepared. */
    private String statements(Browser browser, String path, long expected) {
        Statistics statistics = sessionFactory.getStatistics();
        long before = statistics.getPrepareStatementCount();
        Response page = browser.get(path);
        long prepared = statistics.getPrepareStatementCount() - before;
        assertEquals(200, page.statusCode(), path);
        assertEquals(expected, prepared, "statements for " + path);
        return page.asString();
    }

    /** Someone signs up through the learner's partner link and joins the course with them. */
    private static void joinedPartner(Learner inviter, TestCourse course, String firstName) {
        assertEquals(303, inviter.browser().post("/courses/" + course.id() + "/partners", Form.of("relationKind", "COLLEAGUE")).statusCode());
        String code = Db.tx(() -> PartnerInvite.<PartnerInvite>find("inviter.id = ?1 and status = ?2 order by id desc", inviter.personId(),
                PartnerInvite.Status.OPEN).firstResult().code);
        Browser invitee = new Browser();
        assertEquals(303, invitee.signUp(Browser.uniqueEmail(firstName.toLowerCase()), firstName + " Partner", Browser.DEFAULT_PASSWORD)
                .statusCode());
        assertEquals(303, invitee.post("/partner/" + code, new Form()).statusCode());
    }
}
