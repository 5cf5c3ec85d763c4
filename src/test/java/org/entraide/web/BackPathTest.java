package org.entraide.web;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.entraide.testing.Browser;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** After a form was sent, "switch language" and "sign in again" come back to the page the form was on, not a 405. */
@QuarkusTest
class BackPathTest {

    @Test
    void theLanguageSwitchOnARefusedFormReturnsToThePageTheFormWasOn() {
        Browser browser = new Browser();
        browser.signUpNew("back");
        browser.get("/account");
        browser.referer("http://localhost/account");

        browser.post("/account/password", "currentPassword", "not my password", "password", "another long password",
                "passwordConfirmation", "another long password").then().statusCode(400)
                .body(containsString("name=\"back\" value=\"/account\""));
        // on a page reached by GET it is that page itself
        browser.get("/courses").then().body(containsString("name=\"back\" value=\"/courses\""));
    }

    @Test
    void aFormSentAfterTheSessionEndedSignsInAgainTowardsThePageItWasOn() {
        Browser browser = new Browser();
        browser.get("/");
        browser.referer("http://localhost/groups/5");

        Response challenged = browser.post("/groups/5/report", "reported", "1", "reason", "spam");

        assertEquals("/login?next=%2Fgroups%2F5", Browser.localLocation(challenged));
    }
}
