package org.entraide.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation messages per form field, as message keys of the i18n bundle.
 * Templates show each one next to its field and link it with {@code aria-describedby}.
 */
public final class FormErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();
    private final Map<String, List<String>> argsByField = new HashMap<>();

    public FormErrors add(String field, String messageKey) {
        byField.putIfAbsent(field, messageKey);
        return this;
    }

    /** A message that names what it is about, such as the titles of the courses that stand in the way. */
    public FormErrors add(String field, String messageKey, List<String> args) {
        if (!byField.containsKey(field)) {
            byField.put(field, messageKey);
            argsByField.put(field, List.copyOf(args));
        }
        return this;
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** Message key for the field, or null. */
    public String get(String field) {
        return byField.get(field);
    }

    /** The arguments of the field's message; empty for most messages. */
    public List<String> args(String field) {
        return argsByField.getOrDefault(field, List.of());
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public Map<String, String> all() {
        return Map.copyOf(byField);
    }

    /** Throws when any field is invalid, so that nothing is saved. */
    public void throwIfAny() {
        if (!byField.isEmpty()) {
            throw new InvalidInputException(this);
        }
    }

    public static FormErrors none() {
        return new FormErrors();
    }
}
