package org.entraide.account;

import static org.entraide.testing.Browser.DEFAULT_PASSWORD;
import static org.entraide.testing.Browser.locationPath;
import static org.entraide.testing.Browser.uniqueEmail;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class AccountTest {

    /** One account shared by the read-only login tests of this class. */
    private static String existingEmail;

    @BeforeEach
    void createAccountOnce() {
        if (existingEmail == null) {
            existingEmail = new Browser().signUpNew("account-existing");
        }
    }

    @Test
    void signUpStartsASessionAndStoresOnlyABcryptHash() {
        Browser browser = new Browser();
        String email = uniqueEmail("Signup");
        Response response = browser.signUp(email, "Ada Lovelace", "a long enough password");

        assertEquals(303, response.statusCode());
        assertEquals("/courses", locationPath(response));
        String sessionCookie = setCookie(response, Browser.SESSION_COOKIE);
        assertThat(sessionCookie, containsStringIgnoringCase("HttpOnly"));
        assertThat(sessionCookie, containsString("SameSite=Lax"));
        assertThat(sessionCookie, containsString("Path=/"));

        Person person = Db.tx(() -> Person.findByEmail(email).orElseThrow());
        assertEquals(email.toLowerCase(), person.email, "e-mail stored normalised");
        assertEquals("Ada Lovelace", person.displayName);
        assertThat(person.passwordHash, startsWith("$2"));
        assertFalse(person.passwordHash.contains("a long enough password"));
        assertTrue(BcryptUtil.matches("a long enough password", person.passwordHash));
        assertFalse(person.platformAdmin, "only the first account or entraide.admin-email is admin");

        Response courses = browser.follow(response);
        assertEquals(200, courses.statusCode());
        assertThat(courses.asString(), containsString(Html.en("flash.welcome-confirm")));
        assertThat(courses.asString(), containsString("Ada Lovelace"));
    }

    static Stream<Arguments> invalidSignUps() {
        String tooLongName = "N".repeat(AccountService.NAME_MAX + 1);
        String seventyThreeBytes = "é".repeat(36) + "x";
        return Stream.of(
                Arguments.of("empty e-mail", "", "Valid Name", "password-123", "password-123", "email", "error.required"),
                Arguments.of("invalid e-mail", "not-an-email", "Valid Name", "password-123", "password-123", "email", "error.email"),
                Arguments.of("e-mail with spaces", "a b@example.org", "Valid Name", "password-123", "password-123", "email", "error.email"),
                Arguments.of("empty name", "@fresh", "   ", "password-123", "password-123", "displayName", "error.required"),
                Arguments.of("over-long name", "@fresh", tooLongName, "password-123", "password-123", "displayName", "error.too-long"),
                Arguments.of("control character in name", "@fresh", "Bob\u0007 Bell", "password-123", "password-123", "displayName",
                        "error.control-characters"),
                Arguments.of("empty password", "@fresh", "Valid Name", "", "", "password", "error.password-short"),
                Arguments.of("password under 10", "@fresh", "Valid Name", "123456789", "123456789", "password", "error.password-short"),
                Arguments.of("password over 72 bytes", "@fresh", "Valid Name", seventyThreeBytes, seventyThreeBytes, "password",
                        "error.password-long"),
                Arguments.of("confirmation mismatch", "@fresh", "Valid Name", "password-123", "password-124", "passwordConfirmation",
                        "error.password-mismatch"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSignUps")
    void invalidSignUpIsRefusedNextToTheFieldAndStoresNothing(String label, String email, String name, String password,
            String confirmation, String field, String messageKey) {
        String submitted = email.equals("@fresh") ? uniqueEmail("invalid") : email;
        Browser browser = new Browser();
        Response response = browser.post("/signup", Form.of("email", submitted, "displayName", name, "password", password,
                "passwordConfirmation", confirmation, "language", "fr", "next", "/courses/new"));

        assertEquals(400, response.statusCode());
        String html = response.asString();
        assertFieldError(html, field, messageKey);
        assertFalse(browser.signedIn(), "no session for a refused sign-up");
        if (!name.isBlank() && !name.contains("\u0007")) {
            assertThat("typed name kept", html, containsString("value=\"" + Html.escape(name) + "\""));
        }
        if (!submitted.isEmpty()) {
            assertThat("typed e-mail kept", html, containsString("value=\"" + Html.escape(submitted) + "\""));
        }
        assertThat("language kept", html, containsString("<option value=\"fr\" selected>"));
        assertThat("next kept", html, containsString("name=\"next\" value=\"/courses/new\""));
        if (!password.isEmpty()) {
            assertThat("password never echoed", html, not(containsString(Html.escape(password))));
        }
        if (!submitted.isEmpty() && submitted.contains("@example.org")) {
            assertFalse(Db.tx(() -> Person.findByEmail(submitted).isPresent()), "nothing stored");
        }
    }

    @Test
    void emailAlreadyUsedIsRefusedWhateverItsCase() {
        Browser browser = new Browser();
        Response response = browser.post("/signup", Form.of("email", "  " + existingEmail.toUpperCase() + " ", "displayName", "Impostor",
                "password", "password-123", "passwordConfirmation", "password-123"));

        assertEquals(400, response.statusCode());
        assertFieldError(response.asString(), "email", "error.email-taken");
        assertEquals(1L, Db.tx(() -> Person.count("email", existingEmail.toLowerCase())));
        assertEquals("Test account-existing", Db.tx(() -> Person.findByEmail(existingEmail).orElseThrow().displayName));
    }

    @Test
    void passwordEqualToEmailIsRefused() {
        String email = uniqueEmail("same");
        Response response = new Browser().post("/signup", Form.of("email", email, "displayName", "Same", "password", email,
                "passwordConfirmation", email));
        assertEquals(400, response.statusCode());
        assertFieldError(response.asString(), "password", "error.password-is-email");
        assertFalse(Db.tx(() -> Person.findByEmail(email).isPresent()));
    }

    @Test
    void loginSucceedsWithTheRightPassword() {
        Browser browser = new Browser();
        Response response = browser.logIn(existingEmail.toUpperCase(), DEFAULT_PASSWORD);
        assertEquals(303, response.statusCode());
        assertEquals("/courses", locationPath(response));
        assertThat(setCookie(response, Browser.SESSION_COOKIE), allOf(containsStringIgnoringCase("HttpOnly"), containsString("SameSite=Lax")));
        assertEquals(200, browser.get("/courses").statusCode());
    }

    @Test
    void loginFailureIsGenericAndDoesNotRevealWhetherTheAccountExists() {
        Response wrongPassword = new Browser().logIn(existingEmail, "not the password");
        Response unknownAccount = new Browser().logIn(uniqueEmail("nobody"), "not the password");

        for (Response response : List.of(wrongPassword, unknownAccount)) {
            assertEquals(401, response.statusCode());
            assertThat(response.asString(), containsString(Html.en("error.login-failed")));
            assertThat(response.asString(), not(containsString(Html.en("error.email-taken"))));
            assertEquals(null, response.getCookie(Browser.SESSION_COOKIE));
        }
        assertEquals(alert(wrongPassword.asString()), alert(unknownAccount.asString()));
    }

    @Test
    void emptyLoginIsRefused() {
        Response response = new Browser().post("/login", Form.of("email", "", "password", ""));
        assertEquals(401, response.statusCode());
        assertThat(response.asString(), containsString(Html.en("error.login-failed")));
    }

    @Test
    void fiveFailuresLockTheAccountEvenWithTheRightPasswordButNotOthers() {
        String email = new Browser().signUpNew("throttled");
        Browser attacker = new Browser();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, attacker.logIn(email, "wrong password " + i).statusCode(), "failure " + (i + 1));
        }
        Response locked = attacker.logIn(email, DEFAULT_PASSWORD);
        assertEquals(429, locked.statusCode());
        assertThat(locked.asString(), containsString(Html.en("error.login-locked")));
        assertFalse(attacker.signedIn());

        Response ownerElsewhere = new Browser().logIn(email, DEFAULT_PASSWORD);
        assertEquals(429, ownerElsewhere.statusCode(), "the lock is per account, not per browser");

        Response other = new Browser().logIn(existingEmail, DEFAULT_PASSWORD);
        assertEquals(303, other.statusCode(), "another account is unaffected");
    }

    @Test
    void passwordsTriedOnTheAccountPageCountTowardsTheSameLock() {
        Browser thief = new Browser(); // holds the session, not the password
        String email = thief.signUpNew("stolen-session");
        for (int i = 0; i < 3; i++) {
            assertEquals(400, thief.post("/account/password", Form.of("currentPassword", "guess " + i, "password", "brand new password",
                    "passwordConfirmation", "brand new password")).statusCode());
        }
        for (int i = 3; i < 5; i++) {
            assertEquals(400, thief.post("/account/delete", Form.of("deletePassword", "guess " + i, "confirm", "yes")).statusCode());
        }

        Response right = thief.post("/account/delete", Form.of("deletePassword", DEFAULT_PASSWORD, "confirm", "yes"));
        assertEquals(400, right.statusCode(), "even the right password is refused while locked");
        assertFieldError(right.asString(), "deletePassword", "error.login-locked");
        assertTrue(Db.tx(() -> Person.findByEmail(email).isPresent()));
        assertEquals(429, new Browser().logIn(email, DEFAULT_PASSWORD).statusCode(), "signing in is locked too");
    }

    @Test
    void successfulLoginResetsTheFailureCount() {
        String email = new Browser().signUpNew("reset-count");
        Browser browser = new Browser();
        for (int i = 0; i < 4; i++) {
            assertEquals(401, browser.logIn(email, "wrong password").statusCode());
        }
        assertEquals(303, browser.logIn(email, DEFAULT_PASSWORD).statusCode());
        for (int i = 0; i < 4; i++) {
            assertEquals(401, browser.logIn(email, "wrong password").statusCode());
        }
        assertEquals(303, browser.logIn(email, DEFAULT_PASSWORD).statusCode(), "4 + 4 failures around a success do not lock");
    }

    @Test
    void logoutClearsTheSession() {
        Browser browser = new Browser();
        browser.logIn(existingEmail, DEFAULT_PASSWORD);
        assertEquals(200, browser.get("/courses").statusCode());

        Response logout = browser.logOut();
        assertEquals(303, logout.statusCode());
        assertEquals("/", locationPath(logout));
        assertThat(setCookie(logout, Browser.SESSION_COOKIE), containsString("Max-Age=0"));
        assertFalse(browser.signedIn());

        Response courses = browser.get("/courses");
        assertEquals(302, courses.statusCode());
        assertEquals("/login?next=%2Fcourses", Browser.localLocation(courses));
        assertThat(browser.follow(logout).asString(), containsString(Html.en("flash.logged-out")));
    }

    @Test
    void anonymousVisitorIsSentToLoginWithTheWayBack() {
        Response response = new Browser().get("/courses");
        assertEquals(302, response.statusCode());
        assertEquals("/login?next=%2Fcourses", Browser.localLocation(response));

        Response account = new Browser().get("/account");
        assertEquals(302, account.statusCode());
        assertEquals("/login?next=%2Faccount", Browser.localLocation(account));
    }

    @Test
    void loginPageKeepsNextAndSignUpLinkCarriesIt() {
        Response page = new Browser().get("/login?next=%2Fcourses%2Fnew");
        assertEquals(200, page.statusCode());
        assertThat(page.asString(), containsString("name=\"next\" value=\"/courses/new\""));
        assertThat(page.asString(), containsString("href=\"/signup?next=%2Fcourses%2Fnew\""));
    }

    @Test
    void loginFollowsALocalNext() {
        Response response = new Browser().post("/login", Form.of("email", existingEmail, "password", DEFAULT_PASSWORD,
                "next", "/courses/new"));
        assertEquals(303, response.statusCode());
        assertEquals("/courses/new", Browser.localLocation(response));
    }

    @ParameterizedTest
    @MethodSource("foreignTargets")
    void loginNeverRedirectsOffSite(String next) {
        Response response = new Browser().post("/login", Form.of("email", existingEmail, "password", DEFAULT_PASSWORD, "next", next));
        assertEquals(303, response.statusCode());
        assertLocal(response);
        assertEquals("/courses", locationPath(response));

        Response page = new Browser().get("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.asString(), containsString("name=\"next\" value=\"/\""));
    }

    @ParameterizedTest
    @MethodSource("foreignTargets")
    void signUpNeverRedirectsOffSite(String next) {
        String email = uniqueEmail("offsite");
        Response response = new Browser().post("/signup", Form.of("email", email, "displayName", "Off Site", "password", DEFAULT_PASSWORD,
                "passwordConfirmation", DEFAULT_PASSWORD, "next", next));
        assertEquals(303, response.statusCode());
        assertLocal(response);
        assertEquals("/courses", locationPath(response));
    }

    static Stream<String> foreignTargets() {
        return Stream.of("//evil.example", "https://evil.example", "http://evil.example/courses", "/\\evil.example",
                "javascript:alert(1)", "evil.example", "/\r\nSet-Cookie: x=y", "/a path with spaces", "/%zz");
    }

    @Test
    void changePasswordNeedsTheCurrentOne() {
        String email = new Browser().signUpNew("change-pw");
        Browser browser = new Browser();
        browser.logIn(email, DEFAULT_PASSWORD);
        String hashBefore = Db.tx(() -> Person.findByEmail(email).orElseThrow().passwordHash);
        assertFalse(browser.get("/account").asString().contains(Html.en("account.identity.link")), "no sign-in service to send to");

        Response wrong = browser.post("/account/password", Form.of("currentPassword", "not my password", "password", "brand new password",
                "passwordConfirmation", "brand new password"));
        assertEquals(400, wrong.statusCode());
        assertFieldError(wrong.asString(), "currentPassword", "error.password-wrong");
        assertEquals(hashBefore, Db.tx(() -> Person.findByEmail(email).orElseThrow().passwordHash));

        Response tooShort = browser.post("/account/password", Form.of("currentPassword", DEFAULT_PASSWORD, "password", "short",
                "passwordConfirmation", "short"));
        assertEquals(400, tooShort.statusCode());
        assertFieldError(tooShort.asString(), "password", "error.password-short");

        Response mismatch = browser.post("/account/password", Form.of("currentPassword", DEFAULT_PASSWORD, "password", "brand new password",
                "passwordConfirmation", "brand new passwort"));
        assertEquals(400, mismatch.statusCode());
        assertFieldError(mismatch.asString(), "passwordConfirmation", "error.password-mismatch");
        assertEquals(hashBefore, Db.tx(() -> Person.findByEmail(email).orElseThrow().passwordHash));

        Response ok = browser.post("/account/password", Form.of("currentPassword", DEFAULT_PASSWORD, "password", "brand new password",
                "passwordConfirmation", "brand new password"));
        assertEquals(303, ok.statusCode());
        assertEquals("/account", locationPath(ok));
        assertThat(browser.follow(ok).asString(), containsString(Html.en("flash.password-changed")));

        assertEquals(401, new Browser().logIn(email, DEFAULT_PASSWORD).statusCode(), "old password no longer works");
        assertEquals(303, new Browser().logIn(email, "brand new password").statusCode(), "new password works");
    }

    @Test
    void changeNameAndLanguage() {
        String email = new Browser().signUpNew("profile");
        Browser browser = new Browser();
        browser.logIn(email, DEFAULT_PASSWORD);

        Response saved = browser.post("/account", Form.of("displayName", "  Grace Hopper ", "language", "fr"));
        assertEquals(303, saved.statusCode());
        assertEquals("/account", locationPath(saved));
        Person person = Db.tx(() -> Person.findByEmail(email).orElseThrow());
        assertEquals("Grace Hopper", person.displayName);
        assertEquals("fr", person.preferredLanguage);

        String page = browser.follow(saved).asString();
        assertThat(page, containsString("<html lang=\"fr\">"));
        assertThat(page, containsString(Html.fr("flash.saved")));
        assertThat(page, containsString("value=\"Grace Hopper\""));

        Response backToBrowser = browser.post("/account", Form.of("displayName", "Grace Hopper", "language", ""));
        assertEquals(303, backToBrowser.statusCode());
        assertEquals(null, Db.tx(() -> Person.findByEmail(email).orElseThrow().preferredLanguage));
    }

    @Test
    void invalidAccountChangesAreRefused() {
        String email = new Browser().signUpNew("profile-invalid");
        Browser browser = new Browser();
        browser.logIn(email, DEFAULT_PASSWORD);

        Response badLanguage = browser.post("/account", Form.of("displayName", "Changed", "language", "xx"));
        assertEquals(400, badLanguage.statusCode());
        assertFieldError(badLanguage.asString(), "language", "error.invalid-choice");

        Response emptyName = browser.post("/account", Form.of("displayName", " ", "language", "en"));
        assertEquals(400, emptyName.statusCode());
        assertFieldError(emptyName.asString(), "displayName", "error.required");

        Response controlName = browser.post("/account", Form.of("displayName", "Evil\u0000Name", "language", "en"));
        assertEquals(400, controlName.statusCode());
        assertFieldError(controlName.asString(), "displayName", "error.control-characters");

        Person person = Db.tx(() -> Person.findByEmail(email).orElseThrow());
        assertEquals("Test profile-invalid", person.displayName);
        assertEquals(null, person.preferredLanguage);
    }

    @Test
    void tamperedOrForeignSessionCookieIsAnonymous() {
        Browser browser = new Browser();
        browser.logIn(existingEmail, DEFAULT_PASSWORD);
        String value = browser.cookie(Browser.SESSION_COOKIE);
        String[] parts = value.split(":");
        long personId = Long.parseLong(parts[0]);

        assertEquals(4, parts.length, "person:generation:expiry:signature");
        Browser forger = new Browser().setCookie(Browser.SESSION_COOKIE, (personId + 1) + ":" + parts[1] + ":" + parts[2] + ":" + parts[3]);
        assertEquals(302, forger.get("/courses").statusCode(), "another person id with the same signature");

        Browser extender = new Browser().setCookie(Browser.SESSION_COOKIE,
                parts[0] + ":" + parts[1] + ":" + (Long.parseLong(parts[2]) + 1000) + ":" + parts[3]);
        assertEquals(302, extender.get("/courses").statusCode(), "a longer expiry with the same signature");

        Browser reviver = new Browser().setCookie(Browser.SESSION_COOKIE,
                parts[0] + ":" + (Integer.parseInt(parts[1]) + 1) + ":" + parts[2] + ":" + parts[3]);
        assertEquals(302, reviver.get("/courses").statusCode(), "another session generation with the same signature");

        Browser oldFormat = new Browser().setCookie(Browser.SESSION_COOKIE, parts[0] + ":" + parts[2] + ":" + parts[3]);
        assertEquals(302, oldFormat.get("/courses").statusCode(), "three parts, as before generations");

        Browser garbage = new Browser().setCookie(Browser.SESSION_COOKIE, "not-a-session");
        assertEquals(302, garbage.get("/courses").statusCode());

        assertEquals(200, new Browser().setCookie(Browser.SESSION_COOKIE, value).get("/courses").statusCode(), "the real one works");
    }

    static void assertFieldError(String html, String field, String messageKey) {
        assertThat(html, containsString("<p class=\"error\" id=\"f-" + field + "-error\">" + Html.en(messageKey) + "</p>"));
        if (!field.equals("language")) {
            String input = inputTag(html, field);
            assertThat(input, containsString("aria-invalid=\"true\""));
            assertThat(input, containsString("f-" + field + "-error"));
        }
    }

    private static String inputTag(String html, String field) {
        int start = html.indexOf("<input id=\"f-" + field + "\"");
        assertNotEquals(-1, start, "input f-" + field);
        return html.substring(start, html.indexOf('>', start) + 1);
    }

    private static String alert(String html) {
        int start = html.indexOf("role=\"alert\">");
        return start < 0 ? "" : html.substring(start, html.indexOf("</div>", start));
    }

    private static String setCookie(Response response, String name) {
        Optional<String> header = response.getHeaders().getValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst();
        return header.orElseThrow(() -> new AssertionError("no Set-Cookie for " + name));
    }

    private static void assertLocal(Response response) {
        URI location = URI.create(response.header("Location"));
        assertThat(location.getHost(), equalTo("localhost"));
        assertThat(location.getRawPath(), startsWith("/"));
        assertFalse(location.getRawPath().startsWith("//"));
    }
}
