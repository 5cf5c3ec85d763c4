package org.entraide.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void lineBreaksBecomeNewlines() {
        assertEquals("a\nb\nc\n\nd", Texts.trimToNull("  a\r\nb\rc\r\n\r\nd \r\n"));
        assertNull(Texts.trimToNull("\r\n\r"));
    }

    @Test
    void aTextWithCrlfLineBreaksIsMeasuredAsTheBrowserCountsIt() {
        String text = "ab\ncd";
        FormErrors errors = new FormErrors();
        assertEquals(text, Texts.check(errors, "f", "ab\r\ncd", true, text.length()));
        assertFalse(errors.any());

        FormErrors tooLong = new FormErrors();
        Texts.check(tooLong, "f", "ab\r\ncde", true, text.length());
        assertTrue(tooLong.has("f"));
        assertEquals("error.too-long", tooLong.get("f"));
    }
}
