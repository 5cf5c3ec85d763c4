package org.entraide.profile;

import org.entraide.availability.WeekMask;

import io.quarkus.qute.TemplateExtension;

/** Helpers for the availability grid templates. */
@TemplateExtension
class ProfileTemplateExtensions {

    /** The bit of the week mask for this day column and hour row. */
    static int slot(ProfileResource.Day day, Integer hour) {
        return WeekMask.index(day.index(), hour);
    }

    /** "7" → "07". */
    static String pad(Integer hour) {
        return hour < 10 ? "0" + hour : hour.toString();
    }

    /** The end of the hour: "07" → "08", 23 → "24". */
    static String padNext(Integer hour) {
        return pad(hour + 1);
    }
}
