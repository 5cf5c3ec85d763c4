package org.entraide.availability;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The read-only availability grid of group and proposal pages: for each hour of the viewer's local week, how many
 * of the people are free then. Rows run from the earliest to the latest hour anyone is free, so a group of evening
 * learners is not shown a screen of empty mornings.
 *
 * @param people how many weeks were counted (the "of N" of every cell)
 */
public record OverlapGrid(int people, List<Day> days, List<Row> rows) {

    public record Day(String shortName, String fullName) {
    }

    /** One hour of the day across the seven days; {@code label} is "19:00". */
    public record Row(String label, List<Cell> cells) {
    }

    /**
     * {@code shade} names the CSS class: {@code shade-0} nobody, {@code shade-3} everyone, {@code shade-2} at least
     * half, {@code shade-1} fewer. The number is written in the cell too, so colour is never the only clue.
     */
    public record Cell(int free, String shade) {
    }

    /** Counts the given local weeks, all already in the viewer's zone. */
    public static OverlapGrid of(List<WeekMask> localWeeks, Locale locale) {
        int[] free = new int[WeekMask.HOURS];
        for (WeekMask week : localWeeks) {
            for (int hour : week.hours()) {
                free[hour]++;
            }
        }
        int people = localWeeks.size();
        int first = 24;
        int last = -1;
        for (int hourOfWeek = 0; hourOfWeek < WeekMask.HOURS; hourOfWeek++) {
            if (free[hourOfWeek] > 0) {
                first = Math.min(first, hourOfWeek % 24);
                last = Math.max(last, hourOfWeek % 24);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int hour = first; hour <= last; hour++) {
            List<Cell> cells = new ArrayList<>(7);
            for (int day = 0; day < 7; day++) {
                int count = free[WeekMask.index(day, hour)];
                cells.add(new Cell(count, "shade-" + shade(count, people)));
            }
            rows.add(new Row((hour < 10 ? "0" : "") + hour + ":00", cells));
        }
        List<Day> days = Arrays.stream(DayOfWeek.values())
                .map(d -> new Day(d.getDisplayName(TextStyle.SHORT, locale), d.getDisplayName(TextStyle.FULL, locale)))
                .toList();
        return new OverlapGrid(people, days, rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    private static int shade(int free, int people) {
        if (free == 0) {
            return 0;
        }
        if (free == people) {
            return 3;
        }
        return free * 2 >= people ? 2 : 1;
    }
}
