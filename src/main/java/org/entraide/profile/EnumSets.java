package org.entraide.profile;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of enum values as "A,B" text, and reads it back (unknown names are an error, not silently dropped). */
public final class EnumSets {

    private EnumSets() {
    }

    public static <E extends Enum<E>> String join(Set<E> values) {
        return values == null ? "" : values.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    public static <E extends Enum<E>> Set<E> parse(Class<E> type, String stored) {
        EnumSet<E> result = EnumSet.noneOf(type);
        if (stored != null && !stored.isBlank()) {
            Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(name -> result.add(Enum.valueOf(type, name)));
        }
        return result;
    }

    /**
     * Parses submitted form values; returns null when one of them is not a value of the enum.
     */
    public static <E extends Enum<E>> Set<E> fromForm(Class<E> type, java.util.List<String> submitted) {
        EnumSet<E> result = EnumSet.noneOf(type);
        if (submitted == null) {
            return result;
        }
        for (String value : submitted) {
            try {
                result.add(Enum.valueOf(type, value));
            } catch (IllegalArgumentException | NullPointerException e) {
                return null;
            }
        }
        return result;
    }

    /** Parses one submitted value; null when absent or unknown. */
    public static <E extends Enum<E>> E one(Class<E> type, String submitted) {
        if (submitted == null || submitted.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, submitted);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
