package org.entraide.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validation messages per form field, as message keys of the i18n bundle.
 * Templates show each one next to its field and link it with {@code aria-describedby}.
 */
public final class FormErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    public FormErrors add(String field, String messageKey) {
        byField.putIfAbsent(field, messageKey);
        return this;
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** Message key for the field, or null. */
    public String get(String field) {
        return byField.get(field);
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
