package org.entraide.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.entraide.web.SecretLinks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Personal API tokens: a course platform's program reads the JSON API as a person of the course team. */
@QuarkusTest
class ApiTokenTest {

    private static final Pattern SHOWN_SECRET = Pattern.compile("id=\"made-secret\" type=\"text\" value=\"(entraide_[A-Za-z0-9_-]+)\"");

    @Test
    void aTokenReadsTheApiAsItsMakerUntilRevokedAndOpensNoPage() {
        TestCourse course = Groups.course("TANDEM", 3);
        String groups = "/api/courses/" + course.id() + "/groups";
        assertTrue(course.team().get("/account").asString().contains("href=\"/account/tokens\""), "the account page links to the tokens");
        assertTrue(course.team().get("/account/tokens").asString().contains(Html.en("api-tokens.none")));

        String secret = make(course.team(), "Open edX plug-in");
        ApiToken stored = Db.tx(() -> ApiToken.byHash(SecretLinks.hash(secret)).orElseThrow());
        assertEquals("Open edX plug-in", stored.name);
        assertNull(stored.lastUsedAt);
        assertEquals(0L, (long) Db.tx(() -> ApiToken.count("tokenHash", secret)), "only the hash is stored");

        withToken(secret).get(groups).then().statusCode(200).contentType("application/json").body("size()", equalTo(0));
        assertNotNull(Db.tx(() -> ApiToken.<ApiToken>findById(stored.id).lastUsedAt), "the owner sees when it was last used");
        // scheme names are case-insensitive
        given().redirects().follow(false).header("Authorization", "bearer " + secret).get(groups).then().statusCode(200);

        // a token counts for nothing outside the API: a page sends to the sign-in, a form is refused
        Response page = given().redirects().follow(false).header("Authorization", "Bearer " + secret).get("/account/tokens");
        assertEquals(302, page.statusCode());
        assertTrue(page.header("Location").startsWith("/login"), page.header("Location"));

        // a learner's token is refused what a learner is refused
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        withToken(make(ana.browser(), "My script")).get(groups).then().statusCode(403).contentType("application/json")
                .body("error", equalTo("forbidden"));
        // "Download my data" lists it, without the secret
        String data = ana.browser().get("/account/export.json").asString();
        assertTrue(data.contains("\"apiTokens\":[{\"name\":\"My script\""), data);
        assertFalse(data.contains("entraide_"), "no secret in the data");

        // the list shows it without its secret; revoked, it is refused
        String list = course.team().get("/account/tokens").asString();
        assertTrue(list.contains("Open edX plug-in"), list);
        assertFalse(list.contains(secret), "the secret is shown once only");
        assertFalse(list.contains(Html.en("api-tokens.never-used")), "it was used");
        Response revoked = course.team().post("/account/tokens/" + stored.id + "/revoke", new Form());
        assertEquals(303, revoked.statusCode());
        assertTrue(course.team().follow(revoked).asString().contains(Html.en("flash.api-token-revoked")));
        withToken(secret).get(groups).then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"entraide\""))
                .contentType("application/json").body("error", equalTo("unauthorized"));
        assertEquals(0L, (long) Db.tx(() -> ApiToken.count("id", stored.id)));
    }

    @Test
    void wrongTokensAre401AndNeverReachTheDatabaseOfAnotherKind() {
        TestCourse course = Groups.course("TANDEM", 3);
        String groups = "/api/courses/" + course.id() + "/groups";
        for (String wrong : new String[] {"entraide_" + SecretLinks.newToken(), SecretLinks.newToken(), "", "' or 1=1 --",
                "entraide_" + "x".repeat(5_000)}) {
            withToken(wrong).get(groups).then().statusCode(401).contentType("application/json").body("error", equalTo("unauthorized"));
        }
        given().redirects().follow(false).header("Authorization", "Basic dXNlcjpwYXNz").get(groups).then().statusCode(401);
    }

    @Test
    void aNameIsNeededAndAPersonHasAtMostTen() {
        Browser browser = new Browser();
        String email = browser.signUpNew("tokens");
        long personId = Db.tx(() -> Person.findByEmail(email).orElseThrow().id);

        Response blank = browser.post("/account/tokens", Form.of("name", "   "));
        assertEquals(400, blank.statusCode());
        assertTrue(blank.asString().contains("<p class=\"error\" id=\"f-name-error\">" + Html.en("error.required")), blank.asString());
        Response tooLong = browser.post("/account/tokens", Form.of("name", "n".repeat(81)));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.asString().contains("value=\"" + "n".repeat(81) + "\""), "what was typed is kept");
        assertFalse(tooLong.asString().contains("id=\"made-secret\""));
        assertEquals(0L, (long) Db.tx(() -> ApiToken.count("person.id", personId)), "nothing stored");

        for (int i = 1; i <= ApiTokens.PER_PERSON_MAX; i++) {
            make(browser, "Program " + i);
        }
        assertTrue(browser.get("/account/tokens").asString().contains(Html.en("api-tokens.at-limit").replace("{0}", "10")),
                "the form gives way to the limit");
        Response eleventh = browser.post("/account/tokens", Form.of("name", "One too many"));
        assertEquals(400, eleventh.statusCode());
        assertTrue(eleventh.asString().contains(Html.en("error.api-token-limit")), eleventh.asString());
        assertEquals(10L, (long) Db.tx(() -> ApiToken.count("person.id", personId)));
    }

    @Test
    void tokensGoWithTheAccount() {
        Browser browser = new Browser();
        browser.signUpNew("token-leaver");
        String secret = make(browser, "Script");
        Response deleted = browser.post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"));
        assertEquals(303, deleted.statusCode());
        assertTrue(Db.tx(() -> ApiToken.byHash(SecretLinks.hash(secret))).isEmpty());
        withToken(secret).get("/api/courses/1/groups").then().statusCode(401);
    }

    /** Makes a token on the page and returns the secret the page shows once. */
    static String make(Browser browser, String name) {
        Response made = browser.post("/account/tokens", Form.of("name", name));
        assertEquals(200, made.statusCode(), made.asString());
        Matcher shown = SHOWN_SECRET.matcher(made.asString());
        assertTrue(shown.find(), made.asString());
        return shown.group(1);
    }

    static RequestSpecification withToken(String secret) {
        return given().redirects().follow(false).header("Authorization", "Bearer " + secret).accept("application/json");
    }
}
