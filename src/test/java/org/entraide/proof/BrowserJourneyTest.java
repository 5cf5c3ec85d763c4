package org.entraide.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.entraide.account.MailOffLink;
import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.course.CourseRole;
import org.entraide.matching.engine.UnmatchedReason;
import org.entraide.notify.MailOutbox;
import org.entraide.profile.CourseResult;
import org.entraide.profile.Enrolment;
import org.entraide.profile.EnrolmentService;
import org.entraide.profile.Format;
import org.entraide.profile.PartnersHelped;
import org.entraide.testing.AddressLinks;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Html;
import org.entraide.testing.LinkedSignUps;
import org.entraide.testing.PasswordLinks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.SelectOption;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nu.validator.client.EmbeddedValidator;

/**
 * What people do, in a real Chromium: sign up, switch language, join, fill and edit the profile (city search,
 * availability by mouse drag), create and set up a course, bring a partner, run matching (run, preview, publish, accept,
 * group page, notifications); without JavaScript; on a phone.
 * Every page reached is screenshot (target/screenshots/), checked by axe-core (WCAG 2.1 A/AA) and by the Nu Html Checker.
 */
@QuarkusTest
class BrowserJourneyTest {

    @Inject
    MailOffLink mailOffLinks;

    @Inject
    EnrolmentService enrolments;

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final AtomicInteger SHOT = new AtomicInteger();

    static Playwright playwright;
    static com.microsoft.playwright.Browser chromium;

    @TestHTTPResource("/")
    URL base;

    final List<String> problems = new ArrayList<>();
    final List<BrowserContext> contexts = new ArrayList<>();
    final java.util.Map<Page, Response> lastDocument = new java.util.HashMap<>();
    final java.util.Map<Page, Boolean> noScript = new java.util.HashMap<>();

    @BeforeAll
    static void launch() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                () -> "Chromium not found at " + CHROMIUM + ": browser journeys skipped (apt-get install chromium; .ci/run does it)");
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void clear() {
        problems.clear();
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    // ------------------------------------------------------------------ journeys

    @Test
    void newcomerSignsUpSwitchesLanguageJoinsFillsAndEditsTheProfile() {
        newcomerJourney("desktop", new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900));
    }

    @Test
    void newcomerJourneyOnAPhone() {
        newcomerJourney("phone", new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true)
                .setHasTouch(true).setDeviceScaleFactor(2));
    }

    private void newcomerJourney(String label, com.microsoft.playwright.Browser.NewContextOptions options) {
        String invite = courseWithInvite("Journey course " + label);
        Page page = open(options);

        page.navigate(url("/"));
        check(page, label + "-home");
        page.locator("nav a[href='/signup']").click();
        check(page, label + "-signup");
        String ninasEmail = Browser.uniqueEmail("journey-" + label);
        signUp(page, "Nina Newcomer", ninasEmail);
        assertPath(page, "/courses");
        check(page, label + "-courses");

        page.locator("form[action='/language'] button").click();
        assertEquals("fr", page.locator("html").getAttribute("lang"));
        check(page, label + "-courses-fr");
        page.locator("form[action='/language'] button").click();
        assertEquals("en", page.locator("html").getAttribute("lang"));

        page.navigate(invite);
        check(page, label + "-join");
        page.locator("main form button[type=submit]").click();
        assertPath(page, ".*/profile/where");
        String course = page.url().replaceAll(".*(/courses/\\d+)/.*", "$1");
        check(page, label + "-where");

        // city: typed into the search box, suggestions come from /places, pick one
        page.locator("#f-q").fill("Lyon");
        Locator lyon = page.locator("#place-results input[type=radio] + label", new Page.LocatorOptions().setHasText("Lyon")).first();
        lyon.waitFor();
        lyon.click();
        page.locator("#f-travelRadiusKm").fill("30");
        save(page);
        assertPath(page, ".*/profile/when");
        check(page, label + "-when");

        // availability: press on Monday 18:00 and drag across to Friday 18:00, then down to Friday 20:00
        if (label.equals("phone")) {
            // on a touch screen people tap cells (a tap toggles one hour), each at least 24 px square (WCAG 2.5.8),
            // and the seven days share the width equally
            List<Double> widths = new java.util.ArrayList<>();
            for (int day = 0; day < 7; day++) {
                var box = cell(page, day, 12).locator("xpath=..").boundingBox();
                assertTrue(box.width >= 24 && box.height >= 24, "a target of " + box.width + " x " + box.height + " px");
                widths.add(box.width);
            }
            assertTrue(java.util.Collections.max(widths) - java.util.Collections.min(widths) <= 1, "days of unequal width: " + widths);
            for (int hour = 18; hour <= 20; hour++) {
                Locator target = cell(page, 2, hour).locator("xpath=..");
                target.scrollIntoViewIfNeeded();
                target.tap();
            }
            int tapped = page.locator("input[name=hours]:checked").count();
            assertEquals(3, tapped, "three taps choose three hours");
        } else {
            dragAcross(page, cell(page, 0, 18), cell(page, 4, 18), cell(page, 4, 20));
            int checked = page.locator("input[name=hours]:checked").count();
            assertTrue(checked >= 7, "mouse drag painted " + checked + " hours");
        }
        save(page);
        assertPath(page, ".*/profile/how");
        check(page, label + "-how");
        chooseWhereNothingChosen(page, "languages", "formats", "modalities");
        save(page);
        assertPath(page, ".*/profile/why");
        check(page, label + "-why");
        chooseWhereNothingChosen(page, "motives", "certificateIntent", "followMode", "objects");
        save(page);
        assertPath(page, ".*/profile/about");
        check(page, label + "-about");
        chooseWhereNothingChosen(page, "situation", "moocExperience");
        page.locator("#f-introduction").fill("I study in the evening after work.");
        save(page);
        assertPath(page, ".*/profile/privacy");
        check(page, label + "-privacy");
        page.locator("input[name=understood]").check();
        save(page);
        assertPath(page, course);
        check(page, label + "-course-page");
        List<String> cards = page.locator("main h2").allTextContents();
        assertTrue(cards.contains(Html.en("course.meetups")) && cards.indexOf(Html.en("course.my-profile")) == 0,
                "her profile and matches come first, then meetups: " + cards);
        // the last matching run found nobody free when she is: her course page says so and links to her week
        long courseId = Long.parseLong(course.replaceAll("\\D+", ""));
        Db.run(() -> {
            Enrolment enrolment = Enrolment.find(courseId, Person.findByEmail(ninasEmail).orElseThrow().id).orElseThrow();
            enrolment.unplacedReason = UnmatchedReason.NO_COMMON_TIME;
            enrolment.unplacedFormat = Format.TANDEM;
            enrolment.unplacedAt = java.time.Instant.now();
        });
        page.navigate(url(course));
        assertTrue(page.locator("#why-waiting").textContent().contains("found nobody free at the same times as you"),
                page.locator("main").textContent());
        check(page, label + "-course-page-why-waiting");

        // edit later: change the introduction
        page.navigate(url(course + "/profile/about"));
        page.locator("#f-introduction").fill("Edited: I study on weekends too.");
        save(page);
        check(page, label + "-after-edit");
        page.navigate(url(course + "/profile/about"));
        assertEquals("Edited: I study on weekends too.", page.locator("#f-introduction").inputValue());

        // a second course starts from the first one's answers, at its first step, to check them
        page.navigate(courseWithInvite("Second journey course " + label));
        page.locator("main form button[type=submit]").click();
        assertPath(page, ".*/profile/where");
        assertTrue(page.locator(".flash").textContent().contains("We started your profile"), page.locator("main").textContent());
        assertTrue(page.locator("input[name=placeId]:checked + label").textContent().contains("Lyon"), "the city is carried over");
        check(page, label + "-second-course-prefilled");

        // last, the newcomer deletes their account: refused until the box is ticked, then back home, signed out
        page.navigate(url("/account"));
        check(page, label + "-account");
        page.locator("#messages-DAILY").check();
        page.locator("form[action='/account'] button[type=submit]").click();
        page.waitForLoadState(LoadState.LOAD);
        assertTrue(page.locator("#messages-DAILY").isChecked(), "the daily digest of messages is chosen");
        page.locator("form[action='/account/sessions/end'] button[type=submit]").click();
        page.waitForLoadState(LoadState.LOAD);
        assertEquals(1, page.locator(".flash:has-text('" + Html.en("flash.signed-out-elsewhere") + "')").count(), "signed out elsewhere");
        assertEquals(1, page.locator("#f-deletePassword").count(), "and still signed in here");
        check(page, label + "-account-sessions-ended");
        page.locator("form[action='/account/calendar'] button[type=submit]").click();
        page.waitForLoadState(LoadState.LOAD);
        assertTrue(page.locator("#calendar-url").inputValue().matches("https?://.+/calendar/\\d+-[A-Za-z0-9_-]+\\.ics"),
                "the calendar address to subscribe to");
        check(page, label + "-account-calendar");
        Locator deleteButton = page.locator("form[action='/account/delete'] button[type=submit]");
        page.locator("#f-deletePassword").fill(Browser.DEFAULT_PASSWORD);
        deleteButton.click();
        page.waitForLoadState(LoadState.LOAD);
        assertEquals(1, page.locator("#f-confirm-error").count(), "the unticked box is pointed out");
        check(page, label + "-account-delete-refused");
        page.locator("#f-deletePassword").fill(Browser.DEFAULT_PASSWORD);
        page.locator("#f-confirm").check();
        deleteButton.click();
        assertPath(page, "/");
        assertEquals(1, page.locator("nav a[href='/signup']").count(), "signed out");
        check(page, label + "-account-deleted");
        assertNoProblems();
    }

    @Test
    void courseTeamCreatesACourseSetsRulesAndCopiesTheInviteLink() {
        Page page = open(new com.microsoft.playwright.Browser.NewContextOptions());
        page.navigate(url("/signup"));
        String email = Browser.uniqueEmail("journey-team");
        signUp(page, "Tess Team", email);
        page.navigate(url("/courses/new"));
        check(page, "team-new-course");
        page.locator("#f-title").fill("Statistics for everyone");
        page.locator("#f-description").fill("A friendly MOOC.");
        page.locator("#f-platform").fill("FUN MOOC");
        page.locator("#f-url").fill("https://example.org/stats");
        page.locator("#f-weeks").fill("6");
        page.locator("main button[type=submit]").last().click();
        assertPath(page, "/courses/\\d+/manage");
        check(page, "team-manage");

        // rules: bigger minimum common time, groups of at most 5
        page.locator("#f-groupMax").fill("5");
        page.locator("#f-minOverlapHours").fill("3");
        page.locator("#f-groupMax").evaluate("e => e.form.requestSubmit()");
        page.waitForLoadState(LoadState.LOAD);
        assertPath(page, "/courses/\\d+/manage");
        check(page, "team-manage-saved");
        assertEquals("5", page.locator("#f-groupMax").inputValue());
        String manage = page.url().replaceAll("\\?.*", "");
        if (page.locator("a[href$='/manage/rules']").count() > 0) {
            page.locator("a[href$='/manage/rules']").first().click();
            check(page, "team-rules");
            page.locator("main button[type=submit]").last().click();
            page.waitForLoadState(LoadState.LOAD);
            check(page, "team-rules-saved");
            page.navigate(manage);
        }

        // copy the invite link with its button and give it to someone else
        String link = page.locator("#invite-link").textContent().trim();
        assertTrue(link.matches("https?://.*/join/[A-Za-z0-9_-]{20,}"), link);
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
        page.locator("#invite-link + button.copy").click();
        page.locator("#invite-link ~ .copy-status:has-text('Copied')").waitFor();
        assertEquals(link, page.evaluate("() => navigator.clipboard.readText()"), "the button copies the link as shown");
        check(page, "team-invite-link-copied");
        Page visitor = open(new com.microsoft.playwright.Browser.NewContextOptions());
        visitor.navigate(url(link.replaceAll("^https?://[^/]+", "")));
        assertTrue(visitor.locator("main").textContent().contains("Statistics for everyone"));
        check(visitor, "team-invite-as-visitor");

        // a colleague is invited to the team by e-mail: listed by that address until she accepts on her invitation page
        Page colleague = open(new com.microsoft.playwright.Browser.NewContextOptions());
        colleague.navigate(url("/signup"));
        String colleagueEmail = Browser.uniqueEmail("journey-colleague");
        signUp(colleague, "Cleo Colleague", colleagueEmail);
        // first she confirms her address, with the link mailed at sign-up, signed in: only then can a team reach her by it
        colleague.navigate(url("/account"));
        assertEquals(1, colleague.locator("form[action='/account/confirm']").count(), "the account page offers a new link");
        check(colleague, "account-address-unconfirmed");
        List<String> confirmLinks = AddressLinks.mailed(colleagueEmail);
        assertEquals(1, confirmLinks.size());
        colleague.navigate(url(confirmLinks.get(0)));
        check(colleague, "account-address-confirm");
        colleague.locator("main form button[type=submit]").click();
        assertPath(colleague, "/account");
        assertEquals(0, colleague.locator("form[action='/account/confirm']").count(), "confirmed");
        check(colleague, "account-address-confirmed");
        page.locator("#f-email").fill(colleagueEmail);
        page.locator("#staff ~ form button[type=submit]").click();
        page.waitForLoadState(LoadState.LOAD);
        assertTrue(page.locator("main").textContent().contains(colleagueEmail));
        assertFalse(page.locator("main").textContent().contains("Cleo"), "no name before she accepts");
        check(page, "team-staff-invited");
        colleague.navigate(url("/courses"));
        assertEquals(1, colleague.locator("#staff-invites a[href$='/staff-invite']").count(), "My courses lists the invitation");
        check(colleague, "team-staff-invite-listed");
        colleague.navigate(url("/notifications"));
        colleague.locator("main li.notification.unread button").first().click(); // marks it read and opens it
        assertPath(colleague, "/courses/\\d+/staff-invite");
        check(colleague, "team-staff-invitation");
        colleague.locator("button[name=answer][value=yes]").click();
        assertPath(colleague, "/courses/\\d+");
        check(colleague, "team-staff-accepted");
        page.navigate(manage);
        assertTrue(page.locator("#staff ~ div table").textContent().contains("Cleo Colleague"));

        // importing learners waits for a platform administrator: the page says so and offers no upload
        page.locator("main nav a[href$='/manage/import']").click();
        assertPath(page, "/courses/\\d+/manage/import");
        assertEquals(1, page.locator("#import-off").count());
        assertEquals(0, page.locator("input[type=file]").count());
        check(page, "team-import-off");

        // once an administrator allows the course to write to new addresses, an address without an account is
        // invited by a link mailed to it, which a visitor reads before signing in or signing up
        long courseId = Long.parseLong(manage.replaceAll(".*/courses/(\\d+)/manage", "$1"));
        Db.run(() -> Course.<Course>findById(courseId).importAllowed = true);
        page.navigate(manage);
        String noAccount = Browser.uniqueEmail("journey-no-account");
        page.locator("#f-email").fill(noAccount);
        page.locator("#staff ~ form button[type=submit]").click();
        page.waitForLoadState(LoadState.LOAD);
        assertTrue(page.locator("#staff ~ div table").textContent().contains(noAccount));
        String mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient", noAccount).singleResult().body);
        java.util.regex.Matcher invitation = Pattern.compile("/staff-invite/[A-Za-z0-9_-]+").matcher(mail);
        assertTrue(invitation.find(), mail);
        Page invitee = open(new com.microsoft.playwright.Browser.NewContextOptions());
        invitee.navigate(url(invitation.group()));
        assertEquals(1, invitee.locator("main a[href^='/signup?next=']").count(), "a visitor signs up or in to answer");
        check(invitee, "team-staff-invite-link");

        // a learner the team imported signs up with her address: her account is made on her imported person (with
        // her course) only through the link mailed to that address, so nobody takes it by typing the address
        String importedEmail = Browser.uniqueEmail("journey-imported");
        long importedId = LinkedSignUps.importedPerson(importedEmail);
        enrolments.enrol(Db.tx(() -> Course.findById(courseId)), Db.tx(() -> Person.findById(importedId)));
        Page imported = open(new com.microsoft.playwright.Browser.NewContextOptions());
        imported.navigate(url("/signup"));
        signUp(imported, "Ima Imported", importedEmail);
        assertPath(imported, "/signup/sent");
        check(imported, "team-imported-signup-sent");
        imported.navigate(url(LinkedSignUps.mailedLinks(importedEmail).get(0)));
        check(imported, "team-imported-signup-link");
        imported.locator("main button[type=submit]").last().click();
        assertPath(imported, "/courses");
        assertTrue(imported.locator("main").textContent().contains("Statistics for everyone"), "her course is there");
        check(imported, "team-imported-signed-up");

        // the next session of the course starts from this one's settings and has its own invite link
        page.locator("main nav a[href$='/manage/copy']").click();
        assertPath(page, "/courses/\\d+/manage/copy");
        check(page, "team-copy");
        assertEquals("5", page.locator("#f-groupMax").inputValue());
        page.locator("#f-title").fill("Statistics for everyone, spring session");
        page.locator("#f-startDate").fill("2031-03-02");
        page.locator("main button[type=submit]").last().click();
        assertPath(page, "/courses/\\d+/manage");
        check(page, "team-copy-created");
        assertEquals("Statistics for everyone, spring session", page.locator("#f-title").inputValue());
        assertEquals("3", page.locator("#f-minOverlapHours").inputValue());
        assertNotEquals(link, page.locator("#invite-link").textContent().trim());

        // a token for the course platform's plug-in, shown once, then revoked
        page.navigate(url("/account"));
        page.locator("main a[href='/account/tokens']").click();
        check(page, "team-api-tokens");
        page.locator("#f-name").fill("Open edX plug-in");
        page.locator("main form[action='/account/tokens'] button[type=submit]").click();
        page.waitForLoadState(LoadState.LOAD);
        assertTrue(page.locator("#made-secret").inputValue().startsWith("entraide_"));
        page.locator("#made-secret + button.copy").click();
        page.locator("#made-secret ~ .copy-status:has-text('Copied')").waitFor();
        assertEquals(page.locator("#made-secret").inputValue(), page.evaluate("() => navigator.clipboard.readText()"));
        check(page, "team-api-token-made");
        page.locator("main form[action$='/revoke'] button[type=submit]").click();
        page.waitForLoadState(LoadState.LOAD);
        assertEquals(0, page.locator("main form[action$='/revoke']").count());
        check(page, "team-api-token-revoked");

        // the address at the foot of every mail: one button stops them all
        String mailOff = Db.tx(() -> mailOffLinks.url(Person.findByEmail(email).orElseThrow())).replaceAll("^https?://[^/]+", "");
        page.navigate(url(mailOff));
        check(page, "team-mail-off");
        page.locator("main form button[type=submit]").click();
        page.waitForLoadState(LoadState.LOAD);
        assertEquals(0, page.locator("main form button[type=submit]").count(), "nothing left to stop");
        check(page, "team-mail-off-done");

        // the visitor is Tess on another computer, without her password: a link by e-mail lets her choose a new one
        visitor.navigate(url("/login"));
        visitor.locator("a[href='/password/forgot']").click();
        check(visitor, "team-forgot-password");
        visitor.locator("#f-email").fill(email);
        visitor.locator("main button[type=submit]").last().click();
        visitor.waitForLoadState(LoadState.LOAD);
        assertPath(visitor, "/password/forgot");
        check(visitor, "team-forgot-password-sent");
        PasswordLinks.sendRequested();
        visitor.navigate(url(PasswordLinks.latest(email).orElseThrow()));
        check(visitor, "team-new-password");
        visitor.locator("#f-password").fill("Tess's new password");
        visitor.locator("#f-passwordConfirmation").fill("Tess's new password");
        visitor.locator("main button[type=submit]").last().click();
        assertPath(visitor, "/");
        assertEquals(0, visitor.locator("nav a[href='/signup']").count(), "signed in with the new password");
        check(visitor, "team-new-password-saved");
        assertNoProblems();
    }

    @Test
    void bringAPartnerInviteAcceptedByASecondPerson() {
        String invite = courseWithInvite("Partner course");
        Page anna = open(new com.microsoft.playwright.Browser.NewContextOptions());
        anna.navigate(url("/signup"));
        signUp(anna, "Anna Inviter", Browser.uniqueEmail("journey-anna"));
        anna.navigate(invite);
        anna.locator("main form button[type=submit]").click();
        String course = anna.url().replaceAll(".*(/courses/\\d+)/.*", "$1");
        anna.navigate(url(course + "/partners"));
        check(anna, "partner-invite-form");
        anna.locator("input[name=relationKind]").first().check();
        anna.locator("main button[type=submit]").last().click();
        check(anna, "partner-link-created");
        String link = anna.locator("main").textContent().replaceAll("(?s).*?(https?://\\S+/partner/[A-Za-z0-9_-]+).*", "$1");
        assertTrue(link.contains("/partner/"), link);

        Page ben = open(new com.microsoft.playwright.Browser.NewContextOptions());
        ben.navigate(url(link.replaceAll("^https?://[^/]+", "")));
        check(ben, "partner-accept-anonymous");
        ben.locator("main a[href^='/signup']").click();
        signUp(ben, "Ben Partner", Browser.uniqueEmail("journey-ben"));
        assertPath(ben, "/partner/.*");
        check(ben, "partner-accept-signed-in");
        ben.locator("main form button[type=submit]").click();
        assertPath(ben, course + "/profile.*");
        ben.navigate(url(course));
        check(ben, "partner-course-ben");
        ben.locator("button[name=choice][value=TANDEM]").click();
        anna.navigate(url(course));
        check(anna, "partner-course-anna");
        anna.locator("button[name=choice][value=TANDEM]").click();
        check(anna, "partner-agreed");
        assertTrue(anna.locator("button[name=choice]").count() == 0, "no question left once both agreed");
        assertNoProblems();
    }

    @Test
    void courseTeamRunsMatchingLearnersAcceptAndMeetTheirGroup() throws Exception {
        // the course team creates a course (tandems and study groups by default) in its browser
        Page team = open(new com.microsoft.playwright.Browser.NewContextOptions());
        team.navigate(url("/signup"));
        signUp(team, "Mia Matchmaker", Browser.uniqueEmail("journey-matching-team"));
        team.navigate(url("/courses/new"));
        team.locator("#f-title").fill("Matching journey course");
        team.locator("main button[type=submit]").last().click();
        assertPath(team, "/courses/\\d+/manage");
        long courseId = Long.parseLong(team.url().replaceAll(".*/courses/(\\d+)/manage.*", "$1"));
        // rolling matching would propose on its own schedule: this journey is the team's manual run
        Db.run(() -> Course.<Course>findById(courseId).rollingEnabled = false);
        String invite = "/join/" + Db.tx(() -> Course.<Course>findById(courseId).inviteCode);

        // two learners join by the invite link; their profiles are completed in the database (the profile form has its own journeys)
        Page ada = open(new com.microsoft.playwright.Browser.NewContextOptions());
        String adaEmail = Browser.uniqueEmail("journey-ada");
        Page bea = open(new com.microsoft.playwright.Browser.NewContextOptions());
        String beaEmail = Browser.uniqueEmail("journey-bea");
        for (Page learner : List.of(ada, bea)) {
            String email = learner == ada ? adaEmail : beaEmail;
            learner.navigate(url("/signup"));
            signUp(learner, learner == ada ? "Ada Lovelace" : "Bea Bassi", email);
            learner.navigate(url(invite));
            learner.locator("main form button[type=submit]").click();
            assertPath(learner, ".*/profile/where");
            completeProfile(courseId, email);
        }

        // Run now → the run page (refreshing itself while the engine works) → preview → Publish
        team.navigate(url("/courses/" + courseId + "/manage"));
        team.locator("a[href='/courses/" + courseId + "/manage/matching']").first().click();
        assertPath(team, "/courses/\\d+/manage/matching");
        check(team, "matching-page");
        assertTrue(team.locator("main").textContent().contains("2 learners waiting"), team.locator("main").textContent());
        // while the running page is checked, its background poll is held back (so it cannot reload under axe)
        java.util.concurrent.atomic.AtomicBoolean holdPolling = new java.util.concurrent.atomic.AtomicBoolean(true);
        team.route(address -> address.contains("/manage/matching/runs/"), route -> {
            if (holdPolling.get() && "fetch".equals(route.request().resourceType())) {
                route.abort();
            } else {
                route.resume();
            }
        });
        team.locator("main form:has(input[name=format][value=TANDEM]) button[type=submit]").click();
        assertPath(team, "/courses/\\d+/manage/matching/runs/\\d+");
        check(team, "matching-run-started");
        holdPolling.set(false);
        Locator publish = team.locator("form[action$='/publish'] button[type=submit]");
        publish.waitFor(new Locator.WaitForOptions().setTimeout(60_000)); // the page reloads itself once the preview is ready
        check(team, "matching-preview");
        String preview = team.locator("main").textContent();
        assertTrue(preview.contains("Ada") && preview.contains("Bea"), preview);
        publish.click();
        team.waitForLoadState(LoadState.LOAD);
        check(team, "matching-published");
        assertEquals(0, team.locator("form[action$='/publish']").count(), "published: nothing left to publish");

        // each learner opens "My matches" from the course page and accepts
        for (Page learner : List.of(ada, bea)) {
            String who = learner == ada ? "ada" : "bea";
            learner.navigate(url("/courses/" + courseId));
            check(learner, "matching-course-" + who);
            learner.locator("main a[href='/courses/" + courseId + "/matches']").click();
            assertPath(learner, "/courses/\\d+/matches");
            // the hour-by-hour grid of when both are free opens without JavaScript (a details element)
            learner.locator("main details.overlap-details summary").first().click();
            assertTrue(learner.locator("main table.overlap td.shade-3").first().isVisible(), "hours both are free are shaded");
            check(learner, "matching-matches-" + who);
            assertTrue(learner.locator("main").textContent().contains(learner == ada ? "Bea" : "Ada"), "the other learner is proposed");
            learner.locator("main form[action$='/accept'] button[type=submit]").click();
            learner.waitForLoadState(LoadState.LOAD);
            check(learner, "matching-accepted-" + who);
        }
        // the second acceptance forms the tandem: its group page shows both contacts
        assertPath(bea, "/groups/\\d+");
        String group = bea.locator("main").textContent();
        assertTrue(group.contains(adaEmail) && group.contains(beaEmail), "contacts on the group page: " + group);
        assertTrue(bea.locator("main a[href='mailto:" + adaEmail + "']").count() == 1, "Ada's e-mail is a mailto link");
        ada.navigate(url("/courses/" + courseId + "/matches"));
        ada.locator("main a[href^='/groups/']").click();
        assertPath(ada, "/groups/\\d+");
        check(ada, "matching-group-ada");
        assertTrue(ada.locator("main table.overlap td.shade-3").count() > 0, "the group page shades the hours both are free");
        // the same page on a phone: nothing is wider than the screen (the grid would scroll inside its own box)
        ada.setViewportSize(390, 844);
        check(ada, "phone-group-ada");
        assertTrue((Boolean) ada.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling on a phone");
        ada.setViewportSize(1280, 720);

        // Ada takes the facilitator role: the section now lists what a facilitator does and offers to pass it to Bea
        ada.locator("#facilitator form[action$='/facilitator'] button[type=submit]").click();
        ada.waitForLoadState(LoadState.LOAD);
        assertTrue(ada.locator("#facilitator").textContent().contains("You facilitate the group"), ada.locator("#facilitator").textContent());
        assertEquals(1, ada.locator("#facilitator select[name=member] option").count(), "the role can go to Bea");
        check(ada, "matching-facilitator");
        assertTrue(ada.locator("main").textContent().contains(beaEmail), "Ada sees Bea's contact");

        // Ada plans a study session: the form starts on their next common time; Bea adds it to her calendar
        assertFalse(ada.locator("#f-date").inputValue().isEmpty(), "a date is suggested");
        ada.locator("#f-topic").fill("Week 1 exercises");
        ada.locator("#sessions form[action$='/sessions'] button[type=submit]").click();
        ada.waitForLoadState(LoadState.LOAD);
        assertTrue(ada.locator("#sessions").textContent().contains("Week 1 exercises"), ada.locator("#sessions").textContent());
        check(ada, "matching-session-planned");
        // she changes its topic on the session's own page, before Bea sees it
        ada.locator("#sessions a[href$='/edit']").first().click();
        ada.waitForLoadState(LoadState.LOAD);
        check(ada, "matching-session-change");
        ada.locator("#f-topic").fill("Week 1 exercises and quiz");
        ada.locator("main form button[type=submit]").click();
        ada.waitForLoadState(LoadState.LOAD);
        assertTrue(ada.locator("#sessions").textContent().contains("Week 1 exercises and quiz"), ada.locator("#sessions").textContent());
        bea.navigate(url(URI.create(ada.url()).getPath()));
        Download calendar = bea.waitForDownload(() -> bea.locator("#sessions a[href$='/calendar.ics']").first().click());
        String ics = Files.readString(calendar.path());
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\n") && ics.contains("SUMMARY:") && ics.contains("Week 1 exercises"), ics);
        bea.locator("#sessions form[action$='/answer'] button[value=yes]").first().click();
        bea.waitForLoadState(LoadState.LOAD);
        assertTrue(bea.locator("#sessions").textContent().contains("Coming: Bea"), bea.locator("#sessions").textContent());
        check(bea, "matching-session-answered");
        // Ada plans a weekly review for four weeks at once, then calls off the last three from the second one
        ada.navigate(url(URI.create(ada.url()).getPath()));
        ada.locator("#f-topic").fill("Weekly review");
        ada.locator("#f-weeks").selectOption("4");
        ada.locator("#sessions form[action$='/sessions'] button[type=submit]").click();
        ada.waitForLoadState(LoadState.LOAD);
        Locator reviews = ada.locator("#sessions li.card", new Page.LocatorOptions().setHasText("Weekly review"));
        assertEquals(4, reviews.count(), ada.locator("#sessions").textContent());
        check(ada, "matching-sessions-weekly");
        reviews.nth(1).locator("button[value=later]").click();
        ada.waitForLoadState(LoadState.LOAD);
        assertEquals(3, ada.locator("#sessions li.card", new Page.LocatorOptions().setHasText("Weekly review")).filter(
                new Locator.FilterOptions().setHasText("Cancelled")).count(), ada.locator("#sessions").textContent());
        // her courses page shows what comes up: the sessions still on, the soonest first
        String groupPath = URI.create(ada.url()).getPath();
        ada.navigate(url("/courses"));
        assertTrue(ada.locator("#coming-up").textContent().contains("Week 1 exercises and quiz"), ada.locator("main").textContent());
        check(ada, "matching-coming-up");
        ada.navigate(url(groupPath));

        // Bea asks a question in the group's messages; Ada replies in the thread
        bea.locator("#f-body").fill("Shall we start with the <quiz>?");
        bea.locator("#f-question").check();
        bea.locator("#messages form[action$='/posts']").first().locator("button[type=submit]").click();
        bea.waitForLoadState(LoadState.LOAD);
        assertTrue(bea.locator("#messages").textContent().contains("Shall we start with the <quiz>?"), bea.locator("#messages").textContent());
        ada.navigate(url(URI.create(ada.url()).getPath()));
        ada.locator("#messages details summary").first().click();
        ada.locator("#messages details textarea").first().fill("Yes, Tuesday.");
        ada.locator("#messages details button[type=submit]").first().click();
        ada.waitForLoadState(LoadState.LOAD);
        assertTrue(ada.locator("#messages .reply").first().textContent().contains("Yes, Tuesday."), ada.locator("#messages").textContent());
        check(ada, "matching-messages");
        // that answers it: Bea marks Ada's reply as the answer
        bea.navigate(url(URI.create(ada.url()).getPath()));
        bea.locator("#messages form[action$='/answer'] button[type=submit]").first().click();
        bea.waitForLoadState(LoadState.LOAD);
        assertEquals(1, bea.locator("#messages .reply.the-answer").count(), bea.locator("#messages").textContent());
        assertTrue(bea.locator("#messages").textContent().contains("Answered"), bea.locator("#messages").textContent());
        check(bea, "matching-question-answered");

        // Ada adds a task for Bea, then checks in for the week; Bea ticks the task off
        ada.locator("#f-title").fill("Summarise chapter 1");
        ada.locator("#f-assignee").selectOption(new SelectOption().setLabel("Bea"));
        ada.locator("#tasks form[action$='/tasks'] button[type=submit]").click();
        ada.waitForLoadState(LoadState.LOAD);
        assertTrue(ada.locator("#tasks").textContent().contains("Summarise chapter 1"), ada.locator("#tasks").textContent());
        ada.locator("#tasks a[href$='/edit']").first().click();
        ada.waitForLoadState(LoadState.LOAD);
        check(ada, "matching-task-change");
        ada.locator("#f-title").fill("Summarise chapter 1 in the notes");
        ada.locator("main form button[type=submit]").click();
        ada.waitForLoadState(LoadState.LOAD);
        assertTrue(ada.locator("#tasks").textContent().contains("Summarise chapter 1 in the notes"), ada.locator("#tasks").textContent());
        ada.locator("#progress-ON_TRACK").check();
        ada.locator("#f-done").fill("Watched the week 1 videos.");
        ada.locator("#checkins form[action$='/checkins'] button[type=submit]").click();
        ada.waitForLoadState(LoadState.LOAD);
        assertTrue(ada.locator("#checkins").textContent().contains("Watched the week 1 videos."), ada.locator("#checkins").textContent());
        check(ada, "matching-tasks-checkin");
        bea.navigate(url(URI.create(ada.url()).getPath()));
        // Bea answers under the task, then ticks it off
        bea.locator("#tasks details.task-comments summary").first().click();
        bea.locator("#tasks textarea[name=comment]").first().fill("On it: my summary goes in the notes.");
        bea.locator("#tasks form[action$='/comments'] button[type=submit]").first().click();
        bea.waitForLoadState(LoadState.LOAD);
        assertTrue(bea.locator("#tasks ul.comments").first().textContent().contains("On it: my summary goes in the notes."),
                bea.locator("#tasks").textContent());
        check(bea, "matching-task-comment");
        bea.locator("#tasks form[action$='/toggle'] button[type=submit]").first().click();
        bea.waitForLoadState(LoadState.LOAD);
        assertTrue(bea.locator("#tasks details:not(.task-comments)").textContent().contains("Summarise chapter 1"),
                bea.locator("#tasks").textContent());
        bea.locator("#f-note").fill("Agreed: Tuesdays 19:00.\nQuiz answers in the course forum.");
        bea.locator("#notes form[action$='/note'] button[type=submit]").click();
        bea.waitForLoadState(LoadState.LOAD);
        assertTrue(bea.locator("#f-note").inputValue().contains("Agreed: Tuesdays 19:00."), bea.locator("#notes").textContent());
        // a second save by mistake: the first text is among the earlier versions, and Bea brings it back
        bea.locator("#f-note").fill("Oops");
        bea.locator("#notes form[action$='/note'] button[type=submit]").click();
        bea.waitForLoadState(LoadState.LOAD);
        bea.locator("#notes details.note-history summary").click();
        check(bea, "matching-notes-history");
        bea.locator("#notes details.note-history form[action$='/restore'] button[type=submit]").first().click();
        bea.waitForLoadState(LoadState.LOAD);
        assertTrue(bea.locator("#f-note").inputValue().contains("Agreed: Tuesdays 19:00."), bea.locator("#notes").textContent());
        check(bea, "matching-notes");

        String adasGroupPage = URI.create(ada.url()).getPath();
        // the course ends in two days: Ada and Bea say how it went, as five learners who never had partners did before
        Db.run(() -> Course.<Course>findById(courseId).endDate = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2));
        List<Long> alone = Groups.storedLearners(new Groups.TestCourse(courseId, null), "TANDEM", 5);
        Db.run(() -> alone.forEach(id -> {
            Enrolment enrolment = Enrolment.find(courseId, id).orElseThrow();
            enrolment.courseResult = CourseResult.STOPPED;
            enrolment.partnersHelped = PartnersHelped.NO_PARTNERS;
            enrolment.wrapUpAnsweredAt = java.time.Instant.now();
        }));
        for (Page learner : List.of(ada, bea)) {
            learner.navigate(url("/courses/" + courseId));
            if (learner == ada) {
                check(ada, "matching-wrap-up");
            }
            learner.locator("#courseResult-FINISHED").check();
            learner.locator("#partnersHelped-A_LOT").check();
            learner.locator("#wrap-up button[type=submit]").click();
            learner.waitForLoadState(LoadState.LOAD);
            assertTrue(learner.locator(".flash").textContent().contains(Html.en("flash.wrap-up-saved")), learner.locator("main").textContent());
        }
        check(bea, "matching-wrap-up-answered");

        // Bea reports Ada to the course team from the group page
        bea.navigate(url(adasGroupPage));
        bea.locator("#f-report-reason").fill("Ada never answers <our> messages");
        bea.locator("main form[action$='/report'] button[type=submit]").click();
        bea.waitForLoadState(LoadState.LOAD);
        assertTrue(bea.locator(".flash").textContent().contains(Html.en("flash.report-sent")), bea.locator("main").textContent());

        // the course team follows the outcome from the groups page, where the report waits to be handled
        team.navigate(url("/courses/" + courseId + "/manage/groups"));
        assertTrue(team.locator("#reports ~ div table").textContent().contains("Ada never answers <our> messages"),
                team.locator("main").textContent());
        check(team, "matching-groups-health");
        team.locator("main form[action$='/handled'] button[type=submit]").click();
        assertPath(team, "/courses/\\d+/manage/groups");
        assertTrue(team.locator(".flash").textContent().contains(Html.en("flash.report-handled")), team.locator("main").textContent());
        assertEquals(0, team.locator("main form[action$='/handled']").count(), "nothing left to handle");
        check(team, "matching-report-handled");
        team.locator("main nav a[href$='/manage/dashboard']").click();
        assertPath(team, "/courses/\\d+/manage/dashboard");
        assertTrue(team.locator("#groups").textContent().contains("Together now: 1"), team.locator("#groups").textContent());
        String wrapUps = team.locator("main").textContent();
        assertTrue(wrapUps.contains("7 of the 7 learners with a complete profile answered"), wrapUps);
        assertTrue(team.locator("main tr:has-text('Never in a tandem or group') td").first().textContent().equals("5"), wrapUps);
        check(team, "matching-outcomes");
        // the team's pages on a phone: wide tables scroll inside their own box, the page never sideways
        team.setViewportSize(390, 844);
        for (String page : List.of("manage", "manage/matching", "manage/groups", "manage/dashboard", "manage/learners")) {
            team.navigate(url("/courses/" + courseId + "/" + page));
            check(team, "phone-team-" + page.replace('/', '-'));
            assertTrue((Boolean) team.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), () -> page + " scrolls sideways on a phone: "
                    + team.evaluate("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth && !e.parentElement.closest('.table-wrap, .grid-wrap'))"
                            + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join(', ')"));
        }
        team.setViewportSize(1280, 720);
        // ... and opens (then cancels) taking a member out of the tandem
        team.navigate(url("/courses/" + courseId + "/manage/groups"));
        team.locator("main details summary").first().click();
        team.locator("main details a[href*='/remove?member=']").first().click();
        assertPath(team, "/courses/\\d+/manage/groups/\\d+/remove");
        check(team, "matching-remove-member");
        team.locator("main form a[href$='/manage/groups']").click();
        assertPath(team, "/courses/\\d+/manage/groups");
        // ... and writes to the tandem, which Ada reads at the top of her group page
        team.locator("main a[href$='/message']").first().click();
        assertPath(team, "/courses/\\d+/manage/groups/\\d+/message");
        check(team, "matching-team-message");
        team.locator("#f-body").fill("Nice start! Ask us on the forum if you need anything.");
        team.locator("main form button[type=submit]").click();
        assertPath(team, "/courses/\\d+/manage/groups/\\d+/message");
        assertTrue(team.locator("main").textContent().contains("Nice start!"), team.locator("main").textContent());
        check(team, "matching-team-message-sent");
        ada.navigate(url(adasGroupPage));
        assertTrue(ada.locator("#team").textContent().contains("Nice start!"), ada.locator("main").textContent());
        // ... finds Ada in the list of learners by her name: she is in a tandem
        team.navigate(url("/courses/" + courseId + "/manage"));
        team.locator("main nav a[href$='/manage/learners']").click();
        assertPath(team, "/courses/\\d+/manage/learners");
        team.locator("#f-q").fill("ada");
        team.locator("#learner-search button[type=submit]").click();
        team.waitForLoadState(LoadState.LOAD);
        assertTrue(team.locator("#learners tbody").textContent().contains("Tandem"), team.locator("main").textContent());
        check(team, "matching-learners");
        // ... and announces to the learners in a tandem or group, which Ada reads from her course page
        team.navigate(url("/courses/" + courseId + "/manage"));
        team.locator("main nav a[href$='/manage/announcements']").click();
        assertPath(team, "/courses/\\d+/manage/announcements");
        check(team, "matching-announcements");
        team.locator("#audience-MATCHED").check();
        team.locator("#f-body").fill("The last quiz opens on Friday.\nGood luck!");
        team.locator("main form button[type=submit]").click();
        assertPath(team, "/courses/\\d+/manage/announcements");
        assertTrue(team.locator(".flash").textContent().contains(Html.en("flash.announcement-sent")), team.locator("main").textContent());
        check(team, "matching-announcement-sent");
        ada.navigate(url("/courses/" + courseId));
        ada.locator("#announcements a").click();
        assertPath(ada, "/courses/\\d+/announcements");
        assertTrue(ada.locator("main").textContent().contains("The last quiz opens on Friday."), ada.locator("main").textContent());
        check(ada, "matching-announcements-received");
        // the team runs the course again and tells its learners: Ada reads of the new session with its invite link
        team.navigate(url("/courses/" + courseId + "/manage/copy"));
        team.locator("#f-title").fill("Matching journey, second session");
        team.locator("#f-tellLearners").check();
        team.locator("main button[type=submit]").last().click();
        assertPath(team, "/courses/\\d+/manage");
        ada.navigate(url("/courses/" + courseId + "/announcements"));
        assertTrue(ada.locator("main a[href^='/join/']").textContent().contains("Matching journey, second session"), ada.locator("main").textContent());
        check(ada, "matching-new-session-announced");

        // Ada opens her notifications from the header and reads one
        ada.locator("header a[href='/notifications']").click();
        assertPath(ada, "/notifications");
        check(ada, "matching-notifications");
        Locator unread = ada.locator("main form[action$='/read'] button[type=submit]");
        assertTrue(unread.count() > 0 || ada.locator("main .notification").count() > 0, "a notification about the proposal or the group");
        if (unread.count() > 0) {
            int before = unread.count();
            ada.locator("main form[action^='/notifications/'][action$='/read']:not([action='/notifications/read']) button").first().click();
            ada.waitForLoadState(LoadState.LOAD);
            check(ada, "matching-notification-read");
            ada.navigate(url("/notifications"));
            assertTrue(ada.locator("main li.notification.unread").count() < before, "one notification fewer unread");
        }
        assertNoProblems();
    }

    @Test
    void organizerSchedulesAMeetupWhereLearnersLiveAndALearnerAnswers() throws Exception {
        // the course team creates a course offering local meetups
        Page team = open(new com.microsoft.playwright.Browser.NewContextOptions());
        team.navigate(url("/signup"));
        signUp(team, "Oona Organizer", Browser.uniqueEmail("journey-meetup-team"));
        team.navigate(url("/courses/new"));
        team.locator("#f-title").fill("Meetup journey course");
        team.locator("#format-LOCAL_MEETUP").check();
        team.locator("main button[type=submit]").last().click();
        assertPath(team, "/courses/\\d+/manage");
        long courseId = Long.parseLong(team.url().replaceAll(".*/courses/(\\d+)/manage.*", "$1"));
        Db.run(() -> Course.<Course>findById(courseId).meetupMinSize = 3);

        // Lena joins in her browser; two more Paris learners who want meetups join through the forms (outside the browser)
        Page lena = open(new com.microsoft.playwright.Browser.NewContextOptions());
        String lenaEmail = Browser.uniqueEmail("journey-lena");
        lena.navigate(url("/signup"));
        signUp(lena, "Lena Meyer", lenaEmail);
        lena.navigate(url("/join/" + Db.tx(() -> Course.<Course>findById(courseId).inviteCode)));
        lena.locator("main form button[type=submit]").click();
        assertPath(lena, ".*/profile/where");
        completeProfile(courseId, lenaEmail);
        Groups.TestCourse course = new Groups.TestCourse(courseId, null);
        List<Groups.Learner> others = Groups.learners(course, "LOCAL_MEETUP", "Max", "Noa");
        long lenaId = Db.tx(() -> Person.findByEmail(lenaEmail).orElseThrow().id);
        Db.run(() -> {
            for (long personId : List.of(lenaId, others.get(0).personId(), others.get(1).personId())) {
                Enrolment e = Enrolment.find(courseId, personId).orElseThrow();
                e.formats = "LOCAL_MEETUP";
                e.modalities = "IN_PERSON";
                // Lena said she could help organise a meetup
                e.canOrganiseMeetup = personId == lenaId;
            }
        });

        // the team sees where learners want to meet and schedules a meetup there
        team.navigate(url("/courses/" + courseId + "/manage"));
        team.locator("main nav a[href$='/manage/meetups']").click();
        assertPath(team, "/courses/\\d+/manage/meetups");
        check(team, "meetup-organize");
        assertTrue(team.locator("#demand").textContent().contains("Paris, France"), team.locator("#demand").textContent());
        // ... asks Lena, who offered, to organize too; she accepts from her invitation page
        team.locator("#demand form[action$='/manage/meetups/volunteers'] button[type=submit]").click();
        team.waitForLoadState(LoadState.LOAD);
        assertTrue(team.locator(".flash").textContent().contains(Html.en("flash.volunteers-asked")), team.locator("main").textContent());
        lena.navigate(url("/courses/" + courseId + "/organize"));
        check(lena, "meetup-organizer-invite");
        lena.locator("main button[value=yes]").click();
        assertPath(lena, "/courses/\\d+/manage/meetups");
        check(lena, "meetup-organizer-accepted");
        team.locator("#demand a[href*='/manage/meetups/new?placeId=']").first().click();
        assertPath(team, "/courses/\\d+/manage/meetups/new");
        check(team, "meetup-new");
        team.locator("#f-venue").fill("Bibliothèque Richelieu");
        team.locator("#f-address").fill("5 rue Vivienne");
        team.locator("#f-description").fill("Week 2 together, then coffee.");
        team.locator("#f-weeks").selectOption("2"); // a learning circle: the same place two weeks in a row
        team.locator("main form[action$='/manage/meetups'] button[type=submit]").click();
        assertPath(team, "/meetups/\\d+");
        assertTrue(team.locator("#series").textContent().contains("Every week: 2 dates"), team.locator("main").textContent());
        check(team, "meetup-scheduled");
        String meetupPath = URI.create(team.url()).getPath();

        // Lena finds it from the course page, answers, and adds it to her calendar
        lena.navigate(url("/courses/" + courseId));
        lena.locator("#meetups a[href='/courses/" + courseId + "/meetups']").click();
        assertPath(lena, "/courses/\\d+/meetups");
        check(lena, "meetup-list");
        lena.locator("#near a[href='" + meetupPath + "']").click();
        assertPath(lena, "/meetups/\\d+");
        check(lena, "meetup-page");
        // the meetup meets two weeks in a row: Lena answers both dates at once
        lena.locator("#series form[action$='/rsvp/series'] button[type=submit]").click();
        lena.waitForLoadState(LoadState.LOAD);
        assertTrue(lena.locator(".flash").textContent().contains(Html.en("flash.meetup-series-answered")));
        assertTrue(lena.locator("#rsvp").textContent().contains("You are going"), lena.locator("#rsvp").textContent());
        check(lena, "meetup-going");
        Download calendar = lena.waitForDownload(() -> lena.locator("#rsvp a[href$='/calendar.ics']").click());
        String ics = Files.readString(calendar.path());
        assertTrue(ics.contains("LOCATION:Bibliothèque Richelieu\\, 5 rue Vivienne"), ics);

        // the team sees who is coming
        team.navigate(url(meetupPath));
        assertTrue(team.locator("#people").textContent().contains("Lena Meyer"), team.locator("#people").textContent());
        check(team, "meetup-people");
        // ... and gives the meetup more seats
        team.locator("main a[href$='/edit']").click();
        assertPath(team, "/meetups/\\d+/edit");
        check(team, "meetup-edit");
        team.locator("#f-capacity").fill("20");
        team.locator("main form[action$='/edit'] button[type=submit]").click();
        assertPath(team, "/meetups/\\d+");
        assertTrue(team.locator("main").textContent().contains("1 of 20 seats taken"), team.locator("main").textContent());
        // ... and writes to those who answered, which Lena reads on the meetup's page
        team.locator("#f-message").fill("We meet in the <reading room>, second floor.");
        team.locator("#messages form button[type=submit]").click();
        team.waitForLoadState(LoadState.LOAD);
        check(team, "meetup-message");
        lena.navigate(url(meetupPath));
        assertTrue(lena.locator("#messages").textContent().contains("We meet in the <reading room>, second floor."),
                lena.locator("main").textContent());
        check(lena, "meetup-message-read");

        // Lena stops organizing: the box must be ticked first; she stays a learner of the course
        lena.navigate(url("/courses/" + courseId + "/manage/meetups"));
        lena.locator("#stop-organizing button[type=submit]").click();
        lena.waitForLoadState(LoadState.LOAD);
        assertTrue(lena.locator("#f-confirm-error").textContent().contains(Html.en("error.confirm-stop-organizing")));
        check(lena, "meetup-stop-organizing-unconfirmed");
        lena.locator("#f-confirm").check();
        lena.locator("#stop-organizing button[type=submit]").click();
        assertPath(lena, "/courses");
        assertTrue(lena.locator(".flash").textContent().contains(Html.en("flash.organizer-stopped")));
        check(lena, "meetup-stopped-organizing");
        assertFalse(Db.tx(() -> CourseRole.has(courseId, lenaId, CourseRole.Kind.ORGANIZER)));
        assertNoProblems();
    }

    /** What the profile form would have saved: Paris, English, weekday evenings, tandems. */
    private static void completeProfile(long courseId, String email) {
        Person person = Db.tx(() -> Person.findByEmail(email).orElseThrow());
        Db.run(() -> Groups.completeProfile(Enrolment.find(courseId, person.id).orElseThrow(), person.firstName(), "TANDEM",
                Groups.evenings()));
    }

    @Test
    void profileFormWorksWithoutJavaScript() {
        String invite = courseWithInvite("No-JS course");
        Page page = open(new com.microsoft.playwright.Browser.NewContextOptions().setJavaScriptEnabled(false));
        page.navigate(url("/signup"));
        signUp(page, "Noah NoScript", Browser.uniqueEmail("journey-nojs"));
        page.navigate(invite);
        page.locator("main form button[type=submit]").click();
        assertPath(page, ".*/profile/where");
        String course = page.url().replaceAll(".*(/courses/\\d+)/.*", "$1");
        page.locator("#f-q").fill("Londres");
        page.locator("#city-search button[type=submit]").click();
        check(page, "nojs-where-results");
        page.locator("#place-results input[type=radio]").first().check();
        page.locator("#f-timeZone").selectOption("Europe/London");
        save(page);
        assertPath(page, ".*/profile/when");
        check(page, "nojs-when");
        for (int hour = 19; hour <= 21; hour++) {
            cell(page, 1, hour).check(); // plain checkboxes without JavaScript
        }
        save(page);
        chooseWhereNothingChosen(page, "languages", "formats", "modalities");
        save(page);
        chooseWhereNothingChosen(page, "motives", "certificateIntent", "followMode", "objects");
        save(page);
        chooseWhereNothingChosen(page, "situation", "moocExperience");
        save(page);
        check(page, "nojs-privacy");
        page.locator("input[name=understood]").check();
        save(page);
        assertPath(page, course);
        check(page, "nojs-course");
        assertNoProblems();
    }

    @Test
    void aBrowserInIndiaHasItsZoneChosenForIt() {
        // Chromium names India's zone "Asia/Calcutta", a former name: the list offers it as "Asia/Kolkata"
        Page page = open(new com.microsoft.playwright.Browser.NewContextOptions().setTimezoneId("Asia/Kolkata"));
        page.navigate(url("/signup"));
        String email = Browser.uniqueEmail("journey-zone");
        signUp(page, "Kiran Kumar", email);
        page.navigate(url("/account"));
        String reported = (String) page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone");
        assertEquals("Asia/Kolkata", page.locator("#f-timeZone").inputValue(), "the browser reports " + reported);
        page.locator("#f-timeZone").locator("xpath=ancestor::form").locator("button[type=submit]").click();
        page.waitForLoadState(LoadState.LOAD);
        assertEquals("Asia/Kolkata", Db.tx(() -> Person.findByEmail(email).orElseThrow().timeZone));
        assertNoProblems();
    }

    // ------------------------------------------------------------------ helpers

    private Page open(com.microsoft.playwright.Browser.NewContextOptions options) {
        if (options.timezoneId == null) {
            options.setTimezoneId("Europe/Paris");
        }
        BrowserContext context = chromium.newContext(options.setBaseURL(base.toString()).setLocale("en-GB"));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        noScript.put(page, Boolean.FALSE.equals(options.javaScriptEnabled));
        page.onResponse(response -> {
            if (response.request().isNavigationRequest() && response.frame() == page.mainFrame()) {
                lastDocument.put(page, response);
            }
        });
        page.onPageError(error -> problems.add("JavaScript error on " + page.url() + ": " + error));
        return page;
    }

    /** A course made by someone else through the HTTP helpers; returns its invite link's path. */
    private static String courseWithInvite(String title) {
        Browser team = new Browser();
        team.signUpNew("journey-owner");
        io.restassured.response.Response created = team.post("/courses", AuthorizationMatrixTest.courseFields(title)
                .add("formats", "LOCAL_MEETUP"));
        String manage = Browser.locationPath(created);
        String html = team.get(manage).asString();
        java.util.regex.Matcher m = Pattern.compile("/join/([A-Za-z0-9_-]+)").matcher(html);
        assertTrue(m.find(), "invite link on the manage page");
        return "/join/" + m.group(1);
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static void signUp(Page page, String name, String email) {
        page.locator("#f-displayName").fill(name);
        page.locator("#f-email").fill(email);
        page.locator("#f-password").fill(Browser.DEFAULT_PASSWORD);
        page.locator("#f-passwordConfirmation").fill(Browser.DEFAULT_PASSWORD);
        page.locator("main button[type=submit]").last().click();
        page.waitForLoadState(LoadState.LOAD);
    }

    private static void save(Page page) {
        page.locator("main button[type=submit]").last().click();
        page.waitForLoadState(LoadState.LOAD);
    }

    private static Locator cell(Page page, int day, int hour) {
        return page.locator("input[name=hours][data-day='" + day + "'][data-hour='" + hour + "']");
    }

    /** Presses the mouse on the first cell's label and drags through the others (as a person paints the grid). */
    private static void dragAcross(Page page, Locator... cells) {
        com.microsoft.playwright.options.BoundingBox first = cells[0].locator("xpath=..").boundingBox();
        page.mouse().move(first.x + first.width / 2, first.y + first.height / 2);
        page.mouse().down();
        for (int i = 1; i < cells.length; i++) {
            com.microsoft.playwright.options.BoundingBox box = cells[i].locator("xpath=..").boundingBox();
            page.mouse().move(box.x + box.width / 2, box.y + box.height / 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(12));
        }
        page.mouse().up();
    }

    /** For each group of checkboxes or radio buttons where nothing is chosen yet, choose the first (by clicking it). */
    private static void chooseWhereNothingChosen(Page page, String... names) {
        for (String name : names) {
            Locator group = page.locator("main input[name='" + name + "']");
            if (group.count() > 0 && page.locator("main input[name='" + name + "']:checked").count() == 0) {
                group.first().check();
            }
        }
    }

    private static void assertPath(Page page, String regex) {
        page.waitForLoadState(LoadState.LOAD);
        String path = page.url().replaceAll("^https?://[^/]+", "").replaceAll("[?#].*", "");
        assertTrue(path.matches(regex), "expected a page matching " + regex + " but the browser is on " + page.url() + "\n"
                + page.locator("main").textContent().trim().replaceAll("\\s+", " "));
    }

    /** Screenshot, accessibility (axe-core) and HTML validity (Nu Html Checker) of the page on screen. */
    private void check(Page page, String name) {
        page.waitForLoadState(LoadState.LOAD);
        String where = name + " (" + page.url() + ")";
        try {
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve(String.format("%02d-%s.png", SHOT.incrementAndGet(), name))));
        } catch (java.io.IOException e) {
            problems.add(where + ": screenshot failed " + e);
        }
        // axe runs inside the page: a context without JavaScript cannot run it (the same pages are checked with JavaScript on).
        boolean scripts = !Boolean.TRUE.equals(noScript.get(page));
        List<Rule> violations = scripts ? new AxeBuilder(page).withTags(WCAG).analyze().getViolations() : List.of();
        for (Rule violation : violations) {
            StringBuilder nodes = new StringBuilder();
            violation.getNodes().stream().limit(3).forEach(n -> nodes.append("\n      ").append(n.getHtml()));
            problems.add(where + ": axe " + violation.getId() + " — " + violation.getHelp() + nodes);
        }
        Response document = lastDocument.get(page);
        String html;
        try {
            html = document == null ? page.content() : document.text();
        } catch (com.microsoft.playwright.PlaywrightException e) {
            html = page.content(); // the page went on (a reload) before its body was read: check what is on screen
        }
        problems.addAll(validate(html).stream().map(e -> where + ": html " + e).toList());
    }

    static List<String> validate(String html) {
        try {
            EmbeddedValidator validator = new EmbeddedValidator();
            validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
            String json = validator.validate(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
            List<String> errors = new ArrayList<>();
            for (JsonNode message : new ObjectMapper().readTree(json).path("messages")) {
                String type = message.path("type").asText();
                if (type.equals("error") || type.equals("non-document-error")) {
                    errors.add("line " + message.path("lastLine").asText() + ": " + message.path("message").asText() + " — "
                            + message.path("extract").asText().replaceAll("\\s+", " "));
                }
            }
            return errors;
        } catch (Exception e) {
            return List.of("validator failed: " + e);
        }
    }

    private void assertNoProblems() {
        assertTrue(problems.isEmpty(), problems.size() + " problems on the pages visited:\n" + String.join("\n", problems));
    }
}
