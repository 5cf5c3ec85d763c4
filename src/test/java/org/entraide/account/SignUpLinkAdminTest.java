package org.entraide.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.LinkedSignUps;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The configured administrator's address makes a platform admin only through the link mailed to it. */
@QuarkusTest
@TestProfile(SignUpLinkAdminTest.AdminAddress.class)
class SignUpLinkAdminTest {

    static final String ADMIN = "site-admin@example.org";

    public static class AdminAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("entraide.admin-email", "Site-Admin@Example.org");
        }
    }

    @Test
    void theAdministratorsAddressIsTakenThroughItsMailedLinkOnly() {
        Browser typist = new Browser();
        assertEquals("/signup/sent", Browser.localLocation(typist.signUp(ADMIN.toUpperCase(), "Not The Admin", "a long enough password")));
        assertFalse(typist.signedIn());
        assertFalse(Db.tx(() -> Person.findByEmail(ADMIN).isPresent()), "no account for whoever typed the address");
        String someoneElse = new Browser().signUpNew("not-admin");
        assertFalse(Db.tx(() -> Person.findByEmail(someoneElse).orElseThrow().platformAdmin), "other addresses sign up at once, as before");

        List<String> links = LinkedSignUps.mailedLinks(ADMIN);
        assertEquals(1, links.size());
        Browser admin = new Browser();
        assertEquals(303, admin.post(links.get(0), new Form()).statusCode());

        assertTrue(admin.signedIn());
        Person person = Db.tx(() -> Person.findByEmail(ADMIN).orElseThrow());
        assertTrue(person.platformAdmin);
        assertEquals("Not The Admin", person.displayName, "the name the form gave");
    }
}
