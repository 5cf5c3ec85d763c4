package org.entraide.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Form fields in submission order; a field may repeat (checkboxes). Immutable-style helpers return {@code this}. */
public final class Form {

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    public static Form of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Form form = new Form();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    /** Adds one more value for the field (a second checkbox, for example). */
    public Form add(String name, String value) {
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Replaces every value of the field. */
    public Form set(String name, String... values) {
        fields.put(name, new ArrayList<>(List.of(values)));
        return this;
    }

    /** Leaves the field out of the submission, as a browser does for an unchecked checkbox. */
    public Form without(String name) {
        fields.remove(name);
        return this;
    }

    public Form copy() {
        Form copy = new Form();
        fields.forEach((name, values) -> copy.fields.put(name, new ArrayList<>(values)));
        return copy;
    }

    public Map<String, List<String>> fields() {
        return fields;
    }
}
