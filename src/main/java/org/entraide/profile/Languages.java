package org.entraide.profile;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Languages a learner can declare and a course can be taught in (ISO 639-1), named in the reader's language. */
public final class Languages {

    public static final List<String> CODES = List.of("en", "fr", "es", "de", "pt", "it", "nl", "ar", "zh", "hi",
            "ja", "ru", "tr", "pl", "sw", "wo", "ko", "vi", "bn", "id");

    private Languages() {
    }

    public static boolean isKnown(String code) {
        return CODES.contains(code);
    }

    public static String name(String code, Locale reader) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(reader);
        return name.isEmpty() ? code : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Splits a stored "en,fr" value. */
    public static Set<String> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return new LinkedHashSet<>();
        }
        return Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public static String join(Set<String> codes) {
        return String.join(",", codes);
    }
}
