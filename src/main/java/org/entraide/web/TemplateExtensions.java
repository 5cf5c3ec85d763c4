package org.entraide.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.entraide.profile.Languages;

import io.quarkus.qute.TemplateExtension;

/** Small helpers available in every template. */
@TemplateExtension
public class TemplateExtensions {

    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** "fr" → "French" / "Français" in the reader's language. */
    static String languageName(String code, Locale reader) {
        return Languages.name(code, reader);
    }

    /** 0.734 → "73 %" style figure for scores in [0, 1]. */
    static String percent(Double value) {
        return value == null ? "" : Math.round(value * 100) + " %";
    }

    static String percent(double value) {
        return Math.round(value * 100) + " %";
    }
}
