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
}
