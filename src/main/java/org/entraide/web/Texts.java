package org.entraide.web;

import java.time.DateTimeException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks shared by every form: length limits and control characters in free text. */
public final class Texts {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");
    private static final Pattern LINK_CODE = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private Texts() {
    }

    /**
     * The value without surrounding white space, with line breaks as "\n", or null when nothing is left. Browsers
     * send a textarea's line breaks as "\r\n" but count each as one character for maxlength: measured raw, a text
     * the browser accepted could be too long here.
     */
    public static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.replace("\r\n", "\n").replace('\r', '\n').strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Codes of invite links as Entraide issues them (URL-safe base64); anything else is not looked up at all. */
    public static boolean isLinkCode(String value) {
        return value != null && LINK_CODE.matcher(value).matches();
    }

    public static boolean hasControlCharacters(String value) {
        return value != null && CONTROL.matcher(value).find();
    }

    public static boolean isEmail(String value) {
        return value != null && value.length() <= 254 && !hasControlCharacters(value) && EMAIL.matcher(value).matches();
    }

    /**
     * Validates an optional or required single-line or multi-line text field and records the error.
     * @return the trimmed value with "\n" line breaks (see {@link #trimToNull}), or null when empty
     */
    public static String check(FormErrors errors, String field, String value, boolean required, int maxLength) {
        String trimmed = trimToNull(value);
        if (trimmed == null) {
            if (required) {
                errors.add(field, "error.required");
            }
            return null;
        }
        if (trimmed.length() > maxLength) {
            errors.add(field, "error.too-long");
        } else if (hasControlCharacters(trimmed)) {
            errors.add(field, "error.control-characters");
        }
        return trimmed;
    }

    /**
     * Validates a whole number within bounds and records the error.
     * @return the number, or null when empty or invalid
     */
    public static Integer wholeNumber(FormErrors errors, String field, String value, int min, int max, boolean required) {
        String trimmed = trimToNull(value);
        if (trimmed == null) {
            if (required) {
                errors.add(field, "error.required");
            }
            return null;
        }
        try {
            int number = Integer.parseInt(trimmed);
            if (number < min || number > max) {
                errors.add(field, "error.range");
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            errors.add(field, "error.number");
            return null;
        }
    }

    /**
     * Validates a required field read by {@code parser} (a date, a time, a choice) and records the error: {@code errorKey}
     * when the parser refuses the text with a {@link DateTimeException} or an {@link IllegalArgumentException}.
     * @return the value, or null when empty or refused
     */
    public static <T> T parsed(FormErrors errors, String field, String value, Function<String, T> parser, String errorKey) {
        String trimmed = trimToNull(value);
        if (trimmed == null) {
            errors.add(field, "error.required");
            return null;
        }
        try {
            return parser.apply(trimmed);
        } catch (DateTimeException | IllegalArgumentException e) {
            errors.add(field, errorKey);
            return null;
        }
    }

    /** A parser for {@link #parsed}: a whole number that must be one of those offered (a length in a select). */
    public static Function<String, Integer> oneOf(List<Integer> offered) {
        return text -> {
            int number = Integer.parseInt(text);
            if (!offered.contains(number)) {
                throw new IllegalArgumentException("not offered: " + number);
            }
            return number;
        };
    }
}
