package org.entraide.availability;

import java.util.ArrayList;
import java.util.List;

/**
 * The 168 hours of one week as a bitset: bit {@code day * 24 + hour}, day 0 = Monday.
 * Used both for a learner's local grid and for the same grid converted to UTC for a given week.
 * Three longs instead of a {@link java.util.BitSet} so that the matching engine can intersect
 * millions of masks without allocating.
 */
public record WeekMask(long w0, long w1, long w2) {

    public static final int HOURS = 168;
    public static final WeekMask EMPTY = new WeekMask(0, 0, 0);
    public static final WeekMask FULL = new WeekMask(-1L, -1L, (1L << (HOURS - 128)) - 1);

    public static WeekMask of(int... hours) {
        long[] words = new long[3];
        for (int hour : hours) {
            checkHour(hour);
            words[hour >>> 6] |= 1L << (hour & 63);
        }
        return new WeekMask(words[0], words[1], words[2]);
    }

    public static int index(int dayOfWeekFromMonday0, int hour) {
        return dayOfWeekFromMonday0 * 24 + hour;
    }

    public boolean get(int hour) {
        checkHour(hour);
        long word = hour < 64 ? w0 : hour < 128 ? w1 : w2;
        return (word & (1L << (hour & 63))) != 0;
    }

    public WeekMask with(int hour) {
        checkHour(hour);
        long bit = 1L << (hour & 63);
        return hour < 64 ? new WeekMask(w0 | bit, w1, w2)
                : hour < 128 ? new WeekMask(w0, w1 | bit, w2) : new WeekMask(w0, w1, w2 | bit);
    }

    public WeekMask and(WeekMask other) {
        return new WeekMask(w0 & other.w0, w1 & other.w1, w2 & other.w2);
    }

    public WeekMask or(WeekMask other) {
        return new WeekMask(w0 | other.w0, w1 | other.w1, w2 | other.w2);
    }

    /** Number of hours set. */
    public int count() {
        return Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2);
    }

    /** Hours set in both, without building the intersection. */
    public int overlap(WeekMask other) {
        return Long.bitCount(w0 & other.w0) + Long.bitCount(w1 & other.w1) + Long.bitCount(w2 & other.w2);
    }

    public boolean isEmpty() {
        return (w0 | w1 | w2) == 0;
    }

    public List<Integer> hours() {
        List<Integer> result = new ArrayList<>(count());
        for (int hour = 0; hour < HOURS; hour++) {
            if (get(hour)) {
                result.add(hour);
            }
        }
        return result;
    }

    /** Compact text form: 42 hexadecimal digits, hour 0 first (stored in the database). */
    public String toHex() {
        StringBuilder hex = new StringBuilder(42);
        for (int nibble = 0; nibble < 42; nibble++) {
            int value = 0;
            for (int bit = 0; bit < 4; bit++) {
                if (get(nibble * 4 + bit)) {
                    value |= 1 << bit;
                }
            }
            hex.append(Character.forDigit(value, 16));
        }
        return hex.toString();
    }

    public static WeekMask fromHex(String hex) {
        if (hex == null || hex.length() != 42) {
            throw new IllegalArgumentException("A week mask has 42 hexadecimal digits");
        }
        long[] words = new long[3];
        for (int nibble = 0; nibble < 42; nibble++) {
            int value = Character.digit(hex.charAt(nibble), 16);
            if (value < 0) {
                throw new IllegalArgumentException("Not a hexadecimal digit: " + hex.charAt(nibble));
            }
            for (int bit = 0; bit < 4; bit++) {
                if ((value & (1 << bit)) != 0) {
                    int hour = nibble * 4 + bit;
                    words[hour >>> 6] |= 1L << (hour & 63);
                }
            }
        }
        return new WeekMask(words[0], words[1], words[2]);
    }

    private static void checkHour(int hour) {
        if (hour < 0 || hour >= HOURS) {
            throw new IllegalArgumentException("Hour of week out of range: " + hour);
        }
    }
}
