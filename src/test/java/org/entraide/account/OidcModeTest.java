package org.entraide.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;

/** Production sign-in: Keycloak identities land on the same Person as local accounts would. */
@QuarkusTest
@TestProfile(OidcModeTest.OidcMode.class)
class OidcModeTest {

    public static class OidcMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("entraide.auth.mode", "oidc", "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:1/realms/none", "quarkus.oidc.client-id", "entraide",
                    "quarkus.oidc.credentials.secret", "test-secret");
        }
    }

    @Test
    @TestSecurity(user = "kc-subject-1")
    @OidcSecurity(claims = {
            @Claim(key = "sub", value = "kc-subject-1"),
            @Claim(key = "email", value = "Oidc.Person@Example.org"),
            @Claim(key = "name", value = "Oidc Person"),
            @Claim(key = "locale", value = "fr") })
    void keycloakIdentityBecomesAPersonOnFirstVisit() {
        given().redirects().follow(false).when().get("/courses").then().statusCode(200)
                .body(containsString("Oidc Person"), containsString("lang=\"fr\""));

        Person person = QuarkusTransaction.requiringNew().call(() -> Person.findByOidcSubject("kc-subject-1").orElseThrow());
        assertEquals("oidc.person@example.org", person.email);
        assertEquals("fr", person.preferredLanguage);
        assertNull(person.passwordHash);

        // a second visit finds the same person instead of creating another one
        given().when().get("/courses").then().statusCode(200);
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> Person.count("email", "oidc.person@example.org")));
    }

    @Test
    void localAccountPagesAreOffInOidcMode() {
        given().redirects().follow(false).when().get("/signup").then().statusCode(303);
        given().redirects().follow(false).when().get("/login").then().statusCode(303);
    }
}
