package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.entraide.account.Person;
import org.entraide.testing.Browser;
import org.entraide.testing.Calendars;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.entraide.testing.Meetups;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * "My calendar": one secret address that calendar apps poll without signing in, with the sessions of the person's
 * groups and the meetups they go to or organize; a new address or turning it off voids the old one.
 */
@QuarkusTest
class CalendarFeedTest {

    @Test
    void theFeedHoldsTheSessionsOfMyGroupsAndTheMeetupsIGoTo() throws Exception {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ines = Groups.learner(course, "Ines", "TANDEM");
        Learner jon = Groups.learner(course, "Jon", "TANDEM");
        long groupId = Groups.formGroup(course, "TANDEM", List.of(ines, jon));
        long otherGroup = Groups.tandemIn(course, "Kim", "Leo");
        long coming = Groups.session(groupId, jon.personId(), 3);
        long lastWeek = Groups.session(groupId, jon.personId(), -7);
        long longAgo = Groups.session(groupId, jon.personId(), -40);
        long cancelled = Groups.session(groupId, ines.personId(), 5);
        assertEquals(303, ines.browser().post("/groups/" + groupId + "/sessions/" + cancelled + "/cancel", new Form()).statusCode());
        long notMine = Groups.session(otherGroup, jon.personId(), 2);
        long going = Meetups.meetup(course.id(), jon.personId(), 6);
        long notAnswered = Meetups.meetup(course.id(), jon.personId(), 8);
        assertEquals(303, ines.browser().post("/meetups/" + going + "/rsvp", new Form()).statusCode());

        String account = ines.browser().get("/account").asString();
        assertThat(account, containsString(">" + Html.en("account.calendar.on") + "</button>"));
        assertThat(account, not(containsString("calendar-url")));
        assertEquals(404, new Browser().get("/calendar/" + ines.personId() + "-anything.ics").statusCode(), "off by default");

        String address = turnOn(ines);

        Response feed = new Browser().get(address);
        assertEquals(200, feed.statusCode(), "calendar apps do not sign in");
        assertThat(feed.contentType(), startsWith("text/calendar"));
        Map<String, VEvent> events = events(feed.asString());
        assertEquals(List.of(uid("session", lastWeek), uid("session", coming), uid("session", cancelled), uid("meetup", going)),
                List.copyOf(events.keySet()), "in time order; nothing from other groups, long ago or meetups not answered");
        assertEquals("CONFIRMED", Calendars.value(events.get(uid("session", coming)), "STATUS"));
        assertEquals("CANCELLED", Calendars.value(events.get(uid("session", cancelled)), "STATUS"), "so that calendar apps remove it");
        assertThat(Calendars.value(events.get(uid("session", coming)), "SUMMARY"), startsWith("Study session · "));
        assertThat(Calendars.value(events.get(uid("meetup", going)), "SUMMARY"), startsWith("Meetup · "));
        assertThat(feed.asString(), containsString("X-WR-CALNAME:Entraide"));
        assertEquals(Calendars.value(onlyEventOf(ines.browser().get("/groups/" + groupId + "/sessions/" + coming + "/calendar.ics")), "UID"),
                uid("session", coming), "the same event as the session's own file, so that importing both does not double it");

        Map<String, VEvent> organizer = events(new Browser().get(turnOn(jon)).asString());
        assertTrue(organizer.containsKey(uid("meetup", notAnswered)), "an organizer's own meetups are in their feed");
        assertTrue(organizer.containsKey(uid("session", coming)));
        assertTrue(!organizer.containsKey(uid("session", longAgo)), "older than a month");

        assertEquals(303, ines.browser().post("/groups/" + groupId + "/leave", new Form()).statusCode());
        Map<String, VEvent> afterLeaving = events(new Browser().get(address).asString());
        assertEquals(List.of(uid("meetup", going)), List.copyOf(afterLeaving.keySet()), "a group one left is no longer in the feed");
    }

    @Test
    void aNewAddressOrTurningItOffVoidsTheOldOne() {
        Browser learner = new Browser();
        String email = learner.signUpNew("calendar-renew");
        String first = turnOn(learner);
        assertEquals(200, new Browser().get(first).statusCode());

        Response renewed = learner.post("/account/calendar", new Form());
        String second = Calendars.feedPath(learner.follow(renewed).asString());
        assertNotEquals(first, second);
        assertEquals(404, new Browser().get(first).statusCode(), "the old address stops working");
        assertEquals(200, new Browser().get(second).statusCode());

        Response off = learner.post("/account/calendar/off", new Form());
        assertThat(off.header("Location"), containsString("/account?flash=calendar-off#calendar"));
        String page = learner.follow(off).asString();
        assertThat(page, containsString(Html.en("flash.calendar-off")));
        assertThat(page, not(containsString("calendar-url")));
        assertEquals(404, new Browser().get(second).statusCode());

        String third = turnOn(learner);
        assertNotEquals(first, third);
        assertNotEquals(second, third);
        assertEquals(404, new Browser().get(second).statusCode(), "turning it on again does not revive an old address");
        assertTrue(Db.tx(() -> Person.findByEmail(email).orElseThrow().calendarFeedOn));
        assertThat(learner.get("/account/export.json").asString(), containsString("\"calendarFeedOn\":true"));
    }

    @Test
    void forgedAddressesFindNothing() {
        Browser victim = new Browser();
        String victimEmail = victim.signUpNew("calendar-victim");
        turnOn(victim);
        long victimId = Db.tx(() -> Person.findByEmail(victimEmail).orElseThrow().id);
        Browser attacker = new Browser();
        attacker.signUpNew("calendar-attacker");
        String own = turnOn(attacker);
        String signature = own.substring(own.indexOf('-') + 1, own.length() - ".ics".length());

        for (String forged : List.of(victimId + "-" + signature, victimId + "-", "-" + signature, "x-" + signature,
                "99999999999999999999-" + signature, victimId + "-" + "A".repeat(300), "%00-x", victimId + "-' OR '1'='1")) {
            Response response = new Browser().get("/calendar/" + forged.replace(" ", "%20").replace("'", "%27") + ".ics");
            assertEquals(404, response.statusCode(), forged);
            assertThat(response.asString(), not(containsString("BEGIN:VCALENDAR")));
        }
        assertEquals(405, attacker.post(own, new Form()).statusCode(), "the feed is read-only");
    }

    @Test
    void theFeedIsInThePersonsLanguage() throws Exception {
        Groups.Tandem tandem = Groups.tandem("Ana", "Bo");
        Learner ana = tandem.first();
        long session = Groups.session(tandem.groupId(), tandem.second().personId(), 2);
        ana.browser().post("/account", Form.of("displayName", "Ana Example", "language", "fr"));

        String page = ana.browser().follow(ana.browser().post("/account/calendar", new Form())).asString();
        assertThat(page, containsString(Html.fr("flash.calendar-link-made")));
        assertThat(page, containsString(Html.fr("account.calendar.private")));

        Map<String, VEvent> events = events(new Browser().acceptLanguage("en").get(Calendars.feedPath(page)).asString());
        assertThat(Calendars.value(events.get(uid("session", session)), "SUMMARY"), startsWith("Séance de travail · "));
    }

    /** Makes the learner's calendar address from the account page; the address path. */
    private static String turnOn(Learner learner) {
        return turnOn(learner.browser());
    }

    private static String turnOn(Browser browser) {
        Response made = browser.post("/account/calendar", new Form());
        assertThat(made.header("Location"), containsString("/account?flash=calendar-link-made#calendar"));
        return Calendars.feedPath(browser.follow(made).asString());
    }

    private static String uid(String kind, long id) {
        return "entraide-" + kind + "-" + id + "@localhost";
    }

    private static VEvent onlyEventOf(Response file) throws Exception {
        return Calendars.onlyEvent(file.asString());
    }

    /** The feed's events by UID, in the file's order; the file must parse. */
    private static Map<String, VEvent> events(String ics) throws Exception {
        List<VEvent> events = new CalendarBuilder().build(new StringReader(ics)).getComponents(Component.VEVENT);
        return events.stream().collect(Collectors.toMap(e -> Calendars.value(e, "UID"), e -> e, (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
