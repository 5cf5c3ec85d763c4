package org.entraide.testing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** What a rendered page should contain: bundle messages as Qute escapes them. */
public final class Html {

    private static final Properties EN = load("i18n/entraide.properties");
    private static final Properties FR = load("i18n/entraide_fr.properties");

    private Html() {
    }

    public static Properties bundle(String lang) {
        return "fr".equals(lang) ? FR : EN;
    }

    /** The English message as it appears in HTML (no arguments; doubled apostrophes undone). */
    public static String en(String key) {
        return message(EN, key);
    }

    public static String fr(String key) {
        return message(FR, key);
    }

    private static String message(Properties bundle, String key) {
        String value = bundle.getProperty(key);
        if (value == null) {
            throw new AssertionError("no message " + key);
        }
        return escape(value.replace("''", "'"));
    }

    /** Qute's default HTML escaping. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    public static Properties load(String resource) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(Html.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
