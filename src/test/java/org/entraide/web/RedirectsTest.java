package org.entraide.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedirectsTest {

    @Test
    void theFlashGoesIntoTheQueryBeforeAnyFragment() {
        assertEquals("/courses/1?flash=saved", Redirects.withFlash("/courses/1", "saved"));
        assertEquals("/courses/1/manage?flash=member-added#staff", Redirects.withFlash("/courses/1/manage#staff", "member-added"));
        assertEquals("/courses/1/manage?tab=2&flash=member-added#staff", Redirects.withFlash("/courses/1/manage?tab=2#staff", "member-added"));
        assertEquals("/search?q=a&flash=saved", Redirects.withFlash("/search?q=a", "saved"));
    }

    @Test
    void afterAFormTheWayBackIsThePageTheFormWasOn() {
        assertEquals("/courses/1?tab=2", Redirects.pageOf("GET", "/courses/1?tab=2", "http://localhost/elsewhere"));
        assertEquals("/groups/5", Redirects.pageOf("POST", "/groups/5/report", "http://localhost:8080/groups/5"));
        assertEquals("/search?q=a", Redirects.pageOf("POST", "/account/password", "https://entraide.example/search?q=a"));
        assertEquals("/", Redirects.pageOf("POST", "/account/password", null));
        assertEquals("/", Redirects.pageOf("POST", "/account/password", "not a uri at all"));
        assertEquals("/", Redirects.pageOf("POST", "/account/password", "https://evil.example//evil.example/x"));
    }
}
