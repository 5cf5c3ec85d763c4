package org.entraide.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.entraide.web.SecretLinks;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;

/**
 * Production sign-in: Keycloak identities land on the same Person as local accounts would, but an e-mail address
 * links to an existing person, or makes someone admin, only when Keycloak says it is verified.
 */
@QuarkusTest
@TestProfile(OidcModeTest.OidcMode.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcModeTest {

    static final String ADMIN_EMAIL = "platform-admin@example.org";
    static final String IMPORTED_EMAIL = "imported.learner@example.org";
    static final String VERIFIED_IMPORTED_EMAIL = "verified.learner@example.org";

    public static class OidcMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("entraide.auth.mode", "oidc", "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:1/realms/none", "quarkus.oidc.client-id", "entraide",
                    "quarkus.oidc.credentials.secret", "test-secret", "entraide.admin-email", ADMIN_EMAIL);
        }
    }

    @Test
    @TestSecurity(user = "kc-subject-1")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-subject-1"),
            @Claim(key = "email", value = "Oidc.Person@Example.org"),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN),
            @Claim(key = "name", value = "Oidc Person"),
            @Claim(key = "locale", value = "fr") })
    void keycloakIdentityBecomesAPersonOnFirstVisit() {
        given().redirects().follow(false).when().get("/courses").then().statusCode(200)
                .body(containsString("Oidc Person"), containsString("lang=\"fr\""));

        Person person = Db.tx(() -> Person.findByOidcSubject("kc-subject-1").orElseThrow());
        assertEquals("oidc.person@example.org", person.email);
        assertEquals("fr", person.preferredLanguage);
        assertNull(person.passwordHash);
        assertFalse(person.platformAdmin);
        assertNotNull(person.emailConfirmedAt, "Keycloak verified the address");

        // a second visit finds the same person instead of creating another one
        given().when().get("/courses").then().statusCode(200);
        assertEquals(1L, (long) Db.tx(() -> Person.count("email", "oidc.person@example.org")));
    }

    @Test
    @TestSecurity(user = "kc-attacker")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-attacker"),
            @Claim(key = "email", value = "Imported.Learner@example.org"),
            @Claim(key = "email_verified", value = "false", type = ClaimType.BOOLEAN),
            @Claim(key = "name", value = "Someone Else") })
    void unverifiedEmailOfAnExistingPersonIsRefusedAndNotLinked() {
        long victimId = importedPerson(IMPORTED_EMAIL);

        Browser browser = new Browser().acceptLanguage("en");
        Response page = browser.get("/courses");
        assertEquals(403, page.statusCode());
        String html = page.asString();
        assertTrue(html.contains("Please verify your e-mail address first"), html);
        assertTrue(html.contains("then sign out and sign in again"), html);
        assertTrue(html.contains("action=\"/logout\""), "the page offers to sign out: " + html);
        assertFalse(html.contains("Imported Learner"), "nothing of the person with this address is shown");

        // other pages, and the JSON API, refuse the same way; a page that does not exist is a 404 for a visitor
        Response home = browser.get("/");
        assertEquals(403, home.statusCode());
        assertTrue(home.asString().contains("Please verify your e-mail address first"), home.asString());
        assertEquals(403, browser.get("/account").statusCode());
        Response missing = browser.get("/no-such-page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.asString().contains("href=\"/login\""), "shown as to a visitor: " + missing.asString());
        given().when().get("/api/courses/1/groups").then().statusCode(403)
                .body(containsString("\"error\":\"forbidden\""));

        // the language switch still works on that page, and signing out goes to Keycloak's sign-out
        Response switched = browser.post("/language", Form.of("lang", "fr", "back", "/courses"));
        assertEquals(303, switched.statusCode());
        Response french = browser.get("/courses");
        assertEquals(403, french.statusCode());
        assertTrue(french.asString().contains("Le service de connexion n&#39;a pas encore vérifié"), french.asString());
        Response logout = browser.post("/logout", Form.of());
        assertEquals(303, logout.statusCode());
        assertTrue(logout.header("Location").endsWith("/oidc/logout"), logout.header("Location"));

        Person victim = Db.tx(() -> Person.<Person>findById(victimId));
        assertNull(victim.oidcSubject, "the existing person is not linked to the unverified identity");
        assertTrue(Db.tx(() -> Person.findByOidcSubject("kc-attacker")).isEmpty());
        assertEquals(1L, (long) Db.tx(() -> Person.count("email", IMPORTED_EMAIL)));
    }

    @Test
    @TestSecurity(user = "kc-no-verified-claim")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-no-verified-claim"),
            @Claim(key = "email", value = "imported.learner@example.org") })
    void missingEmailVerifiedClaimCountsAsUnverified() {
        long victimId = importedPerson(IMPORTED_EMAIL);

        assertRefusedAndLinkedToNobody("kc-no-verified-claim");
        assertNull(Db.tx(() -> Person.<Person>findById(victimId)).oidcSubject);
    }

    @Test
    @TestSecurity(user = "kc-owner")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-owner"),
            @Claim(key = "email", value = "Verified.Learner@example.org"),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN),
            @Claim(key = "name", value = "Another Name") })
    void verifiedEmailOfAnExistingPersonIsLinked() {
        long ownerId = importedPerson(VERIFIED_IMPORTED_EMAIL);

        given().redirects().follow(false).when().get("/courses").then().statusCode(200)
                .body(containsString("Imported Learner"), not(containsString("Another Name")));

        Person owner = Db.tx(() -> Person.<Person>findById(ownerId));
        assertEquals("kc-owner", owner.oidcSubject);
        assertNotNull(owner.emailConfirmedAt, "the imported address is now confirmed by Keycloak");
        assertEquals(ownerId, Db.tx(() -> Person.findByOidcSubject("kc-owner").orElseThrow()).id);
        assertEquals(1L, (long) Db.tx(() -> Person.count("email", VERIFIED_IMPORTED_EMAIL)));
    }

    @Test
    @TestSecurity(user = "kc-mover")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-mover"),
            @Claim(key = "email", value = "New.Address@example.org"),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN) })
    void aVerifiedNewAddressAtKeycloakReplacesTheOldOne() {
        long moverId = linkedPerson("kc-mover", "old.address@example.org");

        given().redirects().follow(false).when().get("/courses").then().statusCode(200);

        assertEquals("new.address@example.org", Db.tx(() -> Person.<Person>findById(moverId)).email, "mail goes to the new address");
        assertEquals(0L, (long) Db.tx(() -> Person.count("email", "old.address@example.org")));
    }

    @Test
    @TestSecurity(user = "kc-mover-unverified")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-mover-unverified"),
            @Claim(key = "email", value = "unchecked.address@example.org"),
            @Claim(key = "email_verified", value = "false", type = ClaimType.BOOLEAN) })
    void anUnverifiedNewAddressIsNotTakenButThePersonStillSignsIn() {
        long moverId = linkedPerson("kc-mover-unverified", "kept.address@example.org");

        given().redirects().follow(false).when().get("/courses").then().statusCode(200);

        Person mover = Db.tx(() -> Person.<Person>findById(moverId));
        assertEquals("kept.address@example.org", mover.email);
        assertNull(mover.emailConfirmedAt, "an unverified claim confirms nothing");
    }

    @Test
    @TestSecurity(user = "kc-mover-taken")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-mover-taken"),
            @Claim(key = "email", value = IMPORTED_EMAIL),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN) })
    void aNewAddressAnotherPersonHoldsHereIsNotTaken() {
        long otherId = importedPerson(IMPORTED_EMAIL);
        long moverId = linkedPerson("kc-mover-taken", "own.address@example.org");

        given().redirects().follow(false).when().get("/courses").then().statusCode(200);

        assertEquals("own.address@example.org", Db.tx(() -> Person.<Person>findById(moverId)).email);
        Person other = Db.tx(() -> Person.<Person>findById(otherId));
        assertEquals(IMPORTED_EMAIL, other.email);
        assertNull(other.oidcSubject, "the imported person stays unlinked");
    }

    /** A platform's program has no Keycloak session: its API token works as with local accounts. */
    @Test
    void apiTokensWorkWithKeycloakAndTheApiNeverRedirectsToIt() {
        long personId = linkedPerson("kc-platform-owner", "platform.owner@example.org");
        String secret = "entraide_" + SecretLinks.newToken();
        Db.run(() -> {
            ApiToken token = new ApiToken();
            token.person = Person.findById(personId);
            token.name = "Open edX plug-in";
            token.tokenHash = SecretLinks.hash(secret);
            token.createdAt = Instant.now();
            token.persist();
        });

        // signed in by the token, as someone outside the course's team: 404, as for any course not theirs
        given().redirects().follow(false).header("Authorization", "Bearer " + secret).get("/api/courses/999999/groups").then()
                .statusCode(404).contentType("application/json").body("error", equalTo("not-found"));
        // without it: 401, not Keycloak's sign-in page
        given().redirects().follow(false).get("/api/courses/999999/groups").then().statusCode(401).header("Location", nullValue())
                .contentType("application/json").body("error", equalTo("unauthorized"));
    }

    /** The attack on the admin: registering the admin e-mail at Keycloak before the real admin's first sign-in. */
    @Test
    @Order(1)
    @TestSecurity(user = "kc-fake-admin")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-fake-admin"),
            @Claim(key = "email", value = ADMIN_EMAIL),
            @Claim(key = "email_verified", value = "false", type = ClaimType.BOOLEAN) })
    void unverifiedAdminEmailNobodyHasYetIsRefusedWithoutMakingAPersonOrAnAdmin() {
        assertEquals(0L, (long) Db.tx(() -> Person.count("email", ADMIN_EMAIL)), "the real admin has not signed in yet");

        assertRefusedAndLinkedToNobody("kc-fake-admin");
        // nobody may hold an address before its owner arrives: course teams also import learners and add staff by e-mail
        assertEquals(0L, (long) Db.tx(() -> Person.count("email", ADMIN_EMAIL)));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "kc-real-admin")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-real-admin"),
            @Claim(key = "email", value = ADMIN_EMAIL),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN) })
    void verifiedAdminEmailIsAdmin() {
        given().redirects().follow(false).when().get("/courses").then().statusCode(200);

        Person admin = Db.tx(() -> Person.findByOidcSubject("kc-real-admin").orElseThrow());
        assertEquals(ADMIN_EMAIL, admin.email);
        assertTrue(admin.platformAdmin);
    }

    @Test
    @TestSecurity(user = "kc-no-email")
    @OidcSecurity(claims = { @Claim(key = "sub", value = "kc-no-email") })
    void identityWithoutEmailGetsAnAddressNobodyOwnsAndIsNotAdmin() {
        given().redirects().follow(false).when().get("/courses").then().statusCode(200);

        Person person = Db.tx(() -> Person.findByOidcSubject("kc-no-email").orElseThrow());
        assertEquals("kc-no-email@oidc.invalid", person.email);
        assertFalse(person.platformAdmin);
    }

    @Test
    @TestSecurity(user = "kc-leaver")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-leaver"),
            @Claim(key = "email", value = "leaver@example.org"),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN),
            @Claim(key = "name", value = "Leaving Person") })
    void aKeycloakPersonDeletesTheirAccountWithTheTickedBoxAndIsSignedOutThere() {
        Browser browser = new Browser().acceptLanguage("en");
        String page = browser.get("/account").asString();
        assertTrue(page.contains(Html.en("account.delete.identity-provider")), "says the Keycloak account stays");
        assertFalse(page.contains("f-deletePassword"), "no password to give again");
        assertFalse(page.contains("/account/sessions/end"), "Keycloak ends its own sessions");
        assertTrue(page.contains("<a href=\"http://127.0.0.1:1/realms/none/account\">" + Html.en("account.identity.link") + "</a>"),
                "the password and the address are changed at Keycloak's account console: " + page);
        assertEquals(404, browser.post("/account/sessions/end", new Form()).statusCode());

        assertEquals(400, browser.post("/account/delete", new Form()).statusCode(), "the box must be ticked");
        Response deleted = browser.post("/account/delete", Form.of("confirm", "yes"));

        assertEquals(303, deleted.statusCode());
        assertEquals("/oidc/logout", Browser.locationPath(deleted), "signed out at Keycloak too, or the next page would sign in again");
        assertTrue(Db.tx(() -> Person.findByOidcSubject("kc-leaver").isEmpty()));
    }

    @Test
    void localAccountPagesAreOffInOidcMode() {
        // Keycloak's sign-in starts on an authenticated page, which then goes on to where the visitor was headed;
        // signing up on its own one, whose code flow asks Keycloak for its registration form (KeycloakJourneyTest)
        given().redirects().follow(false).when().get("/signup").then().statusCode(303)
                .header("Location", endsWith("/signup/continue?next=%2Fcourses"));
        given().redirects().follow(false).when().get("/login?next=/join/some-code").then().statusCode(303)
                .header("Location", endsWith("/login/continue?next=%2Fjoin%2Fsome-code"));
        given().redirects().follow(false).when().get("/signup?next=https://elsewhere.example/").then().statusCode(303)
                .header("Location", endsWith("/signup/continue?next=%2Fcourses"));
        given().redirects().follow(false).when().get("/password/forgot").then().statusCode(303);
        given().redirects().follow(false).when().get("/password/reset/anything").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "kc-continuing")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-continuing"),
            @Claim(key = "email", value = "continuing@example.org"),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN),
            @Claim(key = "name", value = "Continuing Person")
    })
    void afterKeycloakTheSignInGoesOnToWhereTheVisitorWasHeaded() {
        given().redirects().follow(false).when().get("/login/continue?next=/join/some-code").then().statusCode(303)
                .header("Location", endsWith("/join/some-code"));
        given().redirects().follow(false).when().get("/login/continue?next=//elsewhere.example/").then().statusCode(303)
                .header("Location", endsWith("/courses"));
        given().redirects().follow(false).when().get("/signup/continue?next=/join/some-code").then().statusCode(303)
                .header("Location", endsWith("/join/some-code"));
        given().redirects().follow(false).when().get("/signup/continue?next=//elsewhere.example/").then().statusCode(303)
                .header("Location", endsWith("/courses"));
    }

    /** The identity of the test gets the page asking to verify its address, and is linked to no person. */
    private static void assertRefusedAndLinkedToNobody(String subject) {
        given().redirects().follow(false).when().get("/courses").then().statusCode(403)
                .body(containsString("Please verify your e-mail address first"));
        assertTrue(Db.tx(() -> Person.findByOidcSubject(subject)).isEmpty(), subject + " is linked to no person");
    }

    /** A learner a course team imported: no password, no Keycloak identity yet (created once, shared by tests). */
    /** Someone who signed in through Keycloak before, with the address they had then. */
    private static long linkedPerson(String subject, String email) {
        long id = importedPerson(email);
        Db.run(() -> Person.<Person>findById(id).oidcSubject = subject);
        return id;
    }

    private static long importedPerson(String email) {
        return Db.tx(() -> Person.findByEmail(email).map(p -> p.id).orElseGet(() -> {
            Person person = new Person();
            person.email = email;
            person.displayName = "Imported Learner";
            person.createdAt = Instant.now();
            person.persist();
            return person.id;
        }));
    }
}
