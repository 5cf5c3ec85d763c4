package org.entraide.account;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.inject.Inject;

import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Password work (bcrypt) is limited, so that a flood of sign-ins cannot hold every worker thread from the pages. */
@QuarkusTest
class PasswordWorkLimitTest {

    @Inject
    PasswordWorkLimit proxied;

    @Test
    void whenThePasswordWorkIsTakenSignInsAreAskedToComeBackAndPagesStillAnswer() {
        String email = new Browser().signUpNew("busy");
        Browser reader = new Browser();
        reader.logIn(email, Browser.DEFAULT_PASSWORD);
        Browser someone = new Browser();
        someone.get("/login");
        String newcomer = Browser.uniqueEmail("busy-newcomer");

        PasswordWorkLimit limit = ClientProxy.unwrap(proxied); // its semaphores, not the proxy's empty fields
        int working = limit.working.drainPermits();
        int admitted = limit.admitted.drainPermits();
        boolean admittedBack = false;
        try {
            Response refused = someone.logIn(email, "not the password");
            assertEquals(503, refused.statusCode(), "every place taken: told at once");
            assertEquals("5", refused.header("Retry-After"));
            assertThat(refused.asString(), containsString(Html.en("error.503.text")));
            assertEquals(503, new Browser().signUp(newcomer, "Busy Newcomer", Browser.DEFAULT_PASSWORD).statusCode());
            assertEquals(200, reader.get("/courses").statusCode(), "pages need no password work");

            limit.admitted.release(admitted);
            admittedBack = true;
            assertEquals(503, someone.logIn(email, "not the password").statusCode(), "admitted, but no turn within the wait");
        } finally {
            if (!admittedBack) {
                limit.admitted.release(admitted);
            }
            limit.working.release(working);
        }
        assertFalse(Db.tx(() -> Person.findByEmail(newcomer).isPresent()), "nothing stored");
        assertEquals(0L, Db.tx(() -> LoginThrottle.count("throttleKey", email)), "refused attempts are not counted as wrong passwords");
        assertEquals(303, someone.logIn(email, Browser.DEFAULT_PASSWORD).statusCode(), "with a turn free, signing in works again");
    }
}
