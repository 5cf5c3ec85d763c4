package org.entraide.availability;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Reading a week mask as contiguous time slots: runs, intersections and a short human summary. */
public final class Slots {

    /**
     * A run of consecutive hours of the week. {@code endHourExclusive} exceeds 168 when the run wraps from
     * Sunday night into Monday morning (e.g. {@code Slot(166, 170)} is Sunday 22:00 to Monday 02:00).
     */
    public record Slot(int startHour, int endHourExclusive) {
        public int length() {
            return endHourExclusive - startHour;
        }
    }

    /** A schedule that {@link #parse} cannot read: the reason, and the part of the text it stopped at. */
    public static final class Unreadable extends IllegalArgumentException {
        public enum Reason {
            NO_HOURS, HOURS_WITHOUT_DAY, NOT_AN_HOUR_RANGE, EMPTY_HOUR_RANGE, NOT_A_DAY_RANGE, UNKNOWN_DAY, NOT_A_WHOLE_HOUR,
            HOUR_OUT_OF_RANGE
        }

        public final Reason reason;
        public final String fragment;

        Unreadable(Reason reason, String fragment) {
            super(reason + ": \"" + fragment + "\"");
            this.reason = reason;
            this.fragment = fragment;
        }
    }

    private Slots() {
    }

    /** Contiguous runs in week order; a run crossing Sunday→Monday is one slot starting on Sunday. */
    public static List<Slot> runs(WeekMask mask) {
        List<Slot> runs = new ArrayList<>();
        if (mask.isEmpty()) {
            return runs;
        }
        if (mask.count() == WeekMask.HOURS) {
            runs.add(new Slot(0, WeekMask.HOURS));
            return runs;
        }
        int hour = 0;
        while (hour < WeekMask.HOURS) {
            if (!mask.get(hour)) {
                hour++;
                continue;
            }
            int start = hour;
            while (hour < WeekMask.HOURS && mask.get(hour)) {
                hour++;
            }
            runs.add(new Slot(start, hour));
        }
        Slot first = runs.get(0);
        Slot last = runs.get(runs.size() - 1);
        if (runs.size() > 1 && first.startHour() == 0 && last.endHourExclusive() == WeekMask.HOURS) {
            runs.remove(runs.size() - 1);
            runs.remove(0);
            runs.add(new Slot(last.startHour(), WeekMask.HOURS + first.endHourExclusive()));
        }
        return runs;
    }

    /** Hours common to every mask; the empty collection has no common hour. */
    public static WeekMask common(Collection<WeekMask> masks) {
        if (masks.isEmpty()) {
            return WeekMask.EMPTY;
        }
        WeekMask result = WeekMask.FULL;
        for (WeekMask mask : masks) {
            result = result.and(mask);
        }
        return result;
    }

    /**
     * One part of a {@link #summary}: "Mon–Fri 19:00–22:00", how many hours of the week it stands for (20), and what
     * it is made of (days from Monday = 0, the hours of each of those days), for texts that write it their own way.
     */
    public record Part(String text, int hours, int firstDay, int lastDay, List<DayHours> runs) {
    }

    /** A run of hours within one day: 20 to 24 is 20:00–24:00. */
    public record DayHours(int startHour, int endHour) {
    }

    /**
     * One line such as "Mon–Fri 19:00–22:00, Sat 10:00–12:00": consecutive days with identical hours are
     * grouped, runs end at 24:00 rather than crossing midnight, "" for an empty mask.
     */
    public static String summary(WeekMask local, Locale locale) {
        return String.join(", ", summaryParts(local, locale).stream().map(Part::text).toList());
    }

    /** The parts of {@link #summary}, in week order, for texts that show only the first few. */
    public static List<Part> summaryParts(WeekMask local, Locale locale) {
        List<List<DayHours>> dayRuns = new ArrayList<>(7);
        for (int day = 0; day < 7; day++) {
            dayRuns.add(runsOfDay(local, day));
        }
        List<Part> parts = new ArrayList<>();
        int day = 0;
        while (day < 7) {
            List<DayHours> runs = dayRuns.get(day);
            int lastDay = day;
            while (lastDay + 1 < 7 && runs.equals(dayRuns.get(lastDay + 1))) {
                lastDay++;
            }
            if (!runs.isEmpty()) {
                StringBuilder text = new StringBuilder(dayName(day, locale));
                if (lastDay > day) {
                    text.append('–').append(dayName(lastDay, locale));
                }
                text.append(' ');
                int hoursPerDay = 0;
                for (int i = 0; i < runs.size(); i++) {
                    if (i > 0) {
                        text.append(", ");
                    }
                    text.append(String.format(Locale.ROOT, "%02d:00–%02d:00", runs.get(i).startHour(), runs.get(i).endHour()));
                    hoursPerDay += runs.get(i).endHour() - runs.get(i).startHour();
                }
                parts.add(new Part(text.toString(), hoursPerDay * (lastDay - day + 1), day, lastDay, runs));
            }
            day = lastDay + 1;
        }
        return parts;
    }

    /**
     * Reads a human weekly schedule back into a local week mask. Accepts the {@link #summary} form in English
     * or French ("Mon–Fri 19:00–22:00, Sat 10:00–12:00", "lun.–ven. 19:00–22:00") and shorter forms such as
     * "Mon 18-22;Sat 10-12" or "mon-fri 9-12, 14-17": entries separated by ";" or ",", each starting with a
     * day or a day range (wrapping allowed: "Sat-Mon"), or continuing the previous days with another range.
     * Hours are whole ("18", "18h", "18:00"); an end of 24 is midnight, an end before the start runs past
     * midnight into the next day.
     *
     * @throws Unreadable saying what could not be read, and where
     */
    public static WeekMask parse(String text) {
        long[] words = new long[3];
        if (text == null || text.isBlank()) {
            return WeekMask.EMPTY;
        }
        List<Integer> currentDays = null;
        for (String rawEntry : text.split("[;,]")) {
            String entry = rawEntry.trim().replace('–', '-').replace('—', '-');
            if (entry.isEmpty()) {
                continue;
            }
            String range = entry;
            int firstDigit = firstDigit(entry);
            if (firstDigit != 0) {
                String days = firstDigit < 0 ? entry : entry.substring(0, firstDigit);
                currentDays = parseDays(days.trim(), rawEntry.trim());
                range = firstDigit < 0 ? "" : entry.substring(firstDigit).trim();
                if (range.isEmpty()) {
                    throw new Unreadable(Unreadable.Reason.NO_HOURS, days.trim());
                }
            }
            if (currentDays == null) {
                throw new Unreadable(Unreadable.Reason.HOURS_WITHOUT_DAY, rawEntry.trim());
            }
            String[] bounds = range.split("\\s*-\\s*");
            if (bounds.length != 2) {
                throw new Unreadable(Unreadable.Reason.NOT_AN_HOUR_RANGE, range);
            }
            int from = parseHour(bounds[0]);
            int to = parseHour(bounds[1]);
            if (from == 24 || from == to) {
                throw new Unreadable(Unreadable.Reason.EMPTY_HOUR_RANGE, range);
            }
            int length = to > from ? to - from : to + 24 - from;
            for (int day : currentDays) {
                for (int offset = 0; offset < length; offset++) {
                    int bit = (day * 24 + from + offset) % WeekMask.HOURS;
                    words[bit >>> 6] |= 1L << (bit & 63);
                }
            }
        }
        return new WeekMask(words[0], words[1], words[2]);
    }

    private static int firstDigit(String entry) {
        for (int i = 0; i < entry.length(); i++) {
            if (Character.isDigit(entry.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<Integer> parseDays(String days, String entry) {
        String[] ends = days.split("\\s*-\\s*");
        if (ends.length < 1 || ends.length > 2 || ends[0].isBlank()) {
            throw new Unreadable(Unreadable.Reason.NOT_A_DAY_RANGE, entry);
        }
        int first = parseDay(ends[0]);
        int last = ends.length == 2 ? parseDay(ends[1]) : first;
        List<Integer> result = new ArrayList<>();
        for (int day = first; ; day = (day + 1) % 7) {
            result.add(day);
            if (day == last) {
                return result;
            }
        }
    }

    private static final String[][] DAY_NAMES = {
            {"mon", "monday", "lun", "lundi"}, {"tue", "tues", "tuesday", "mar", "mardi"},
            {"wed", "wednesday", "mer", "mercredi"}, {"thu", "thur", "thurs", "thursday", "jeu", "jeudi"},
            {"fri", "friday", "ven", "vendredi"}, {"sat", "saturday", "sam", "samedi"},
            {"sun", "sunday", "dim", "dimanche"},
    };

    private static int parseDay(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace(".", "");
        for (int day = 0; day < 7; day++) {
            for (String candidate : DAY_NAMES[day]) {
                if (candidate.equals(key)) {
                    return day;
                }
            }
        }
        throw new Unreadable(Unreadable.Reason.UNKNOWN_DAY, name.trim());
    }

    private static int parseHour(String text) {
        String hour = text.trim().toLowerCase(Locale.ROOT);
        if (hour.endsWith(":00") || hour.endsWith("h00")) {
            hour = hour.substring(0, hour.length() - 3);
        } else if (hour.endsWith("h")) {
            hour = hour.substring(0, hour.length() - 1);
        }
        if (!hour.matches("\\d{1,2}")) {
            throw new Unreadable(Unreadable.Reason.NOT_A_WHOLE_HOUR, text.trim());
        }
        int value = Integer.parseInt(hour);
        if (value > 24) {
            throw new Unreadable(Unreadable.Reason.HOUR_OUT_OF_RANGE, text.trim());
        }
        return value;
    }

    /** The day's runs of hours, each within the day (so "20:00–24:00", not past midnight). */
    private static List<DayHours> runsOfDay(WeekMask mask, int day) {
        List<DayHours> runs = new ArrayList<>();
        int hour = 0;
        while (hour < 24) {
            if (!mask.get(day * 24 + hour)) {
                hour++;
                continue;
            }
            int start = hour;
            while (hour < 24 && mask.get(day * 24 + hour)) {
                hour++;
            }
            runs.add(new DayHours(start, hour));
        }
        return List.copyOf(runs);
    }

    private static String dayName(int dayFromMonday0, Locale locale) {
        return DayOfWeek.of(dayFromMonday0 + 1).getDisplayName(TextStyle.SHORT, locale);
    }
}
