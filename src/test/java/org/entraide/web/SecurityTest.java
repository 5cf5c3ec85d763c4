package org.entraide.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

@QuarkusTest
class SecurityTest {

    private static Browser member;

    @BeforeEach
    void memberOnce() {
        if (member == null) {
            member = new Browser();
            member.signUpNew("security");
        }
    }

    @Test
    void signUpWithoutOrWithAWrongCsrfTokenIsRefused() {
        String email = Browser.uniqueEmail("csrf");
        Form signUp = Form.of("email", email, "displayName", "No Token", "password", Browser.DEFAULT_PASSWORD,
                "passwordConfirmation", Browser.DEFAULT_PASSWORD);

        assertEquals(400, new Browser().postRaw("/signup", signUp).statusCode(), "no token, no cookie");

        Browser withCookie = new Browser();
        withCookie.get("/signup");
        assertNotNull(withCookie.cookie("csrf-token"));
        assertEquals(400, withCookie.postRaw("/signup", signUp).statusCode(), "cookie but no form token");
        assertEquals(400, withCookie.postRaw("/signup", signUp.copy().set(withCookie.csrfName(), "forged-token")).statusCode());

        Browser other = new Browser();
        other.get("/signup");
        assertEquals(400, withCookie.postRaw("/signup", signUp.copy().set("csrf-token", other.csrfToken())).statusCode(),
                "another browser's token");
        assertEquals(400, new Browser().postRaw("/signup", signUp.copy().set("csrf-token", other.csrfToken())).statusCode(),
                "a token without its cookie");

        assertFalse(Db.tx(() -> Person.findByEmail(email).isPresent()), "nothing stored");
        assertEquals(303, withCookie.post("/signup", signUp).statusCode(), "with the right token it works");
    }

    @Test
    void loginWithoutCsrfTokenIsRefused() {
        String email = new Browser().signUpNew("csrf-login");
        Browser browser = new Browser();
        Response response = browser.postRaw("/login", Form.of("email", email, "password", Browser.DEFAULT_PASSWORD));
        assertEquals(400, response.statusCode());
        assertFalse(browser.signedIn());
    }

    @Test
    void courseCreationAndLogoutWithoutCsrfTokenAreRefused() {
        String title = Courses.uniqueTitle("NoToken");
        Response response = member.postRaw("/courses", Courses.validForm(title));
        assertEquals(400, response.statusCode());
        assertEquals(0L, Db.tx(() -> Course.count("title", title)));

        Response json = RestAssured.given().redirects().follow(false).cookies(member.cookies()).contentType("application/json")
                .body("{\"title\":\"" + title + "\"}").post("/courses");
        assertThat(json.statusCode(), lessThan(500));
        assertTrue(json.statusCode() >= 400);
        assertEquals(0L, Db.tx(() -> Course.count("title", title)));

        assertEquals(400, member.postRaw("/logout", new Form()).statusCode());
        assertTrue(member.signedIn());
        assertEquals(200, member.get("/courses").statusCode(), "still signed in");
    }

    @Test
    void pagesCarrySecurityHeaders() {
        for (Response response : List.of(new Browser().get("/"), new Browser().get("/login"), member.get("/courses"),
                new Browser().get("/no-such-page"))) {
            String csp = response.header("Content-Security-Policy");
            assertNotNull(csp);
            String scriptSrc = directive(csp, "script-src");
            assertThat(scriptSrc, not(containsString("'unsafe-inline'")));
            assertThat(scriptSrc, not(containsString("'unsafe-eval'")));
            assertThat(csp, containsString("object-src 'none'"));
            assertTrue("DENY".equals(response.header("X-Frame-Options")) || csp.contains("frame-ancestors 'none'"));
            assertEquals("nosniff", response.header("X-Content-Type-Options"));
            assertNotNull(response.header("Referrer-Policy"));
            assertFalse(response.header("Referrer-Policy").contains("unsafe-url"));
            assertEquals("no-store", response.header("Cache-Control"), "pages are kept by no browser or proxy");
        }
        assertEquals("no-store", member.get("/account/export.json").header("Cache-Control"));
        assertThat("static files stay cacheable", String.valueOf(new Browser().get("/static/entraide.css").header("Cache-Control")),
                not(containsString("no-store")));
    }

    @Test
    void everyPageSaysInItsHeaderThatItIsUtf8() {
        Browser visitor = new Browser();
        // pages returned as they are, and pages sent back with a status: an error page, a form with its errors, a refused sign-in
        for (Response response : List.of(visitor.get("/"), member.get("/courses"), visitor.get("/no-such-page"),
                visitor.post("/signup", "email", "not an address"), visitor.post("/login", "email", "nobody@example.org", "password", "wrong"))) {
            assertEquals("text/html;charset=utf-8", response.contentType().replace(" ", "").toLowerCase(Locale.ROOT),
                    response.statusCode() + " " + response.contentType());
        }
    }

    @Test
    void pagesHaveNoInlineScripts() {
        String html = member.get("/courses/new").asString();
        assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "every script is a file, as the CSP demands");
        assertFalse(html.matches("(?s).*\\son[a-z]+=\".*"), "no inline event handlers");
    }

    @Test
    void userInputIsEscaped() {
        String payload = "<script>alert('x')</script>";
        Browser author = new Browser();
        String email = Browser.uniqueEmail("xss");
        assertEquals(303, author.signUp(email, "Eve " + payload, Browser.DEFAULT_PASSWORD).statusCode());
        long courseId = Courses.create(author, "Course " + payload);
        Form form = Courses.validForm("Course " + payload).set("description", "Desc \"><img src=x onerror=alert(1)> " + payload)
                .set("platform", payload);
        assertEquals(303, author.post("/courses/" + courseId + "/manage", form).statusCode());

        for (String path : List.of("/courses", "/courses/" + courseId, "/courses/" + courseId + "/manage", "/account")) {
            String html = author.get(path).asString();
            assertFalse(html.contains("<script>alert"), path);
            assertFalse(html.contains("<img src=x"), path);
            assertThat(path, html, containsString("&lt;script&gt;"));
        }
        String join = new Browser().get("/join/" + Courses.inviteCode(courseId)).asString();
        assertFalse(join.contains("<script>alert"));
        assertThat(join, containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));

        Response invalid = author.post("/courses", Courses.validForm(payload).set("groupMin", "x"));
        assertEquals(400, invalid.statusCode());
        assertFalse(invalid.asString().contains("<script>alert"), "re-rendered form values are escaped too");
    }

    @Test
    void wrongMethodIs405InTheLayout() {
        for (Browser browser : List.of(new Browser(), member)) {
            Response response = browser.get("/logout");
            assertEquals(405, response.statusCode());
            assertThat(response.asString(), containsString("<html lang="));
            assertNoStackTrace(response);
        }
        Response postOnGetOnly = member.post("/courses/new", new Form());
        assertEquals(405, postOnGetOnly.statusCode());
    }

    @Test
    void unknownPageIs404InTheLayout() {
        for (Browser browser : List.of(new Browser(), member)) {
            Response response = browser.get("/no/such/page");
            assertEquals(404, response.statusCode());
            String html = response.asString();
            assertThat(html, containsString(Html.en("error.404.title")));
            assertThat(html, containsString("<link rel=\"stylesheet\" href=\"/static/entraide.css\">"));
            assertNoStackTrace(response);
        }
    }

    @Test
    void oddRequestsNeverFailWithAServerError() {
        List<Response> responses = new ArrayList<>();
        responses.add(member.get("/courses/abc"));
        responses.add(member.get("/courses/99999999999999999999999"));
        responses.add(member.get("/courses/-1/manage"));
        responses.add(member.get("/join/%00"));
        responses.add(member.get("/join/" + "z".repeat(300)));
        responses.add(member.get("/partner/%E2%80%AE"));
        responses.add(member.get("/login?next=%0d%0aSet-Cookie:%20x=y"));
        responses.add(member.post("/courses/abc/manage", new Form()));
        responses.add(member.post("/courses/1/partners/abc/choice", Form.of("choice", "TANDEM")));
        responses.add(member.post("/courses", Courses.validForm("x").set("weeks", "1e3").set("groupMin", "0x10")));
        responses.add(member.post("/courses", new Form()));
        responses.add(member.post("/account", Form.of("displayName", "x".repeat(100_000))));
        responses.add(new Browser().post("/login", Form.of("email", "x".repeat(10_000) + "@example.org", "password", "p")));
        responses.add(new Browser().post("/signup", Form.of("email", "\u0000@example.org", "displayName", "\u0000")));
        responses.add(RestAssured.given().redirects().follow(false).cookies(member.cookies()).contentType("text/plain").body("hello")
                .post("/courses"));
        responses.add(RestAssured.given().redirects().follow(false).header("Accept-Language", "q=;,,;;").get("/"));
        responses.add(RestAssured.given().redirects().follow(false).cookie(Browser.SESSION_COOKIE, "1:9999999999999999999999:x").get("/courses"));
        for (Response response : responses) {
            assertThat(response.statusCode(), lessThan(500));
            assertNoStackTrace(response);
        }
    }

    private static void assertNoStackTrace(Response response) {
        String body = response.asString();
        assertFalse(body.contains("at org."), body);
        assertFalse(body.contains("at io.quarkus"), body);
        assertFalse(body.contains("Exception"), body);
    }

    private static String directive(String csp, String name) {
        for (String part : csp.split(";")) {
            if (part.strip().startsWith(name + " ")) {
                return part.strip();
            }
        }
        return directive(csp, "default-src");
    }
}
