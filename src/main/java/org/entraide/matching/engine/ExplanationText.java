package org.entraide.matching.engine;

import java.text.MessageFormat;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import org.entraide.availability.Slots;
import org.entraide.availability.WeekMask;
import org.entraide.availability.WeeklyAvailability;

/** Turns an {@link Explanation} into the sentence a person would write, in the viewer's language and time zone. */
public final class ExplanationText {

    private static final String BUNDLE = "org.entraide.matching.engine.explanations";
    private static final int MAX_SLOTS = 3;
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT);

    private ExplanationText() {
    }

    /** Who reads the sentence: a member of the match ("You are both free…") or the course team ("They are both free…"). */
    public enum Reader {
        MEMBER, COURSE_TEAM
    }

    /** Renders for a member of the match, as {@link #render(Explanation, Locale, ZoneId, LocalDate, Reader)}. */
    public static String render(Explanation explanation, Locale locale, ZoneId viewerZone, LocalDate weekMonday) {
        return render(explanation, locale, viewerZone, weekMonday, Reader.MEMBER);
    }

    /** Renders with the shared hours of the week starting on {@code weekMonday} (UTC) shown in the reader's local time. */
    public static String render(Explanation explanation, Locale locale, ZoneId viewerZone, LocalDate weekMonday, Reader reader) {
        // without the JVM's default locale as a fallback: on a French server an English reader still reads English
        Words words = new Words(ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK), locale, reader == Reader.COURSE_TEAM);
        String prefix = explanation.group() ? "group." : "pair.";
        List<String> clauses = new ArrayList<>();
        for (Reason reason : explanation.reasons()) {
            String clause = clause(reason, prefix, words, viewerZone, weekMonday);
            if (clause != null) {
                clauses.add(clause);
            }
        }
        return words.format("sentence", join(clauses, words));
    }

    /** The bundle's words; for the course team a "team." key, where there is one, speaks of the members instead of to them. */
    private record Words(ResourceBundle bundle, Locale locale, boolean aboutMembers) {

        String get(String key) {
            return aboutMembers && bundle.containsKey("team." + key) ? bundle.getString("team." + key) : bundle.getString(key);
        }

        boolean has(String key) {
            return bundle.containsKey(key);
        }

        String format(String key, Object... arguments) {
            return new MessageFormat(get(key), locale).format(arguments);
        }
    }

    private static String clause(Reason reason, String prefix, Words words, ZoneId zone, LocalDate weekMonday) {
        if (reason instanceof Reason.SharedHours hours) {
            return hours.utcHours().isEmpty() ? null
                    : words.format(prefix + "hours", slots(WeeklyAvailability.toLocal(hours.utcHours(), zone, weekMonday),
                            words));
        }
        if (reason instanceof Reason.SharedLanguages languages) {
            return null;
        }
        if (reason instanceof Reason.MeetingModality modality) {
            return words.format(prefix + "modality",
                    words.get("modality." + modality.modality().name()));
        }
        if (reason instanceof Reason.SharedMotives motives) {
            return words.format(prefix + "motives", join(
                    motives.motives().stream().map(m -> words.get("motive." + m.name())).toList(), words));
        }
        if (reason instanceof Reason.SameCertificateIntent intent) {
            return words.has(prefix + "certificate." + intent.intent())
                    ? words.get(prefix + "certificate." + intent.intent()) : null;
        }
        if (reason instanceof Reason.SameFollowMode mode) {
            return words.get(prefix + "follow." + mode.mode().name());
        }
        if (reason instanceof Reason.SharedObjects objects) {
            return words.format(prefix + "objects", join(
                    objects.objects().stream().map(o -> words.get("object." + o.name())).toList(), words));
        }
        if (reason instanceof Reason.Distance distance) {
            return words.format(prefix + "distance", Math.round(distance.km()));
        }
        if (reason instanceof Reason.TimeZoneGap gap) {
            return words.format(prefix + "timezone", gap.hours());
        }
        if (reason instanceof Reason.SameSector sector) {
            return words.format(prefix + "sector", sector.sector());
        }
        if (reason instanceof Reason.SameOrganisation organisation) {
            return words.format(prefix + "organisation",
                    organisation.organisation());
        }
        if (reason instanceof Reason.Diverse diverse) {
            return words.format(prefix + "diverse",
                    words.get("criterion." + diverse.criterion().name()));
        }
        if (reason instanceof Reason.Preformed preformed) {
            return words.get(prefix + "preformed");
        }
        if (reason instanceof Reason.Relaxation relaxation) {
            return words.get(prefix + "relaxation");
        }
        if (reason instanceof Reason.MeetupCentre meetup) {
            return words.format(prefix + "meetup", meetup.cityName(),
                    Math.round(meetup.radiusKm()), meetup.size());
        }
        throw new IllegalArgumentException("Unknown reason " + reason.code());
    }

    /**
     * "Mon–Fri 18:00–22:00", or "Tue 18:00–20:00, Thu 07:00–09:00, Sat 10:00–12:00 and 4 more hours": grouped as
     * the group page summarises the same hours, so a proposal and the group it becomes read alike, and written as the
     * language says it in a sentence ("du lundi au vendredi de 18:00 à 22:00").
     */
    private static String slots(WeekMask local, Words words) {
        List<Slots.Part> parts = Slots.summaryParts(local, words.locale());
        List<String> listed = parts.stream().limit(MAX_SLOTS).map(part -> inWords(part, words)).toList();
        int remainingHours = parts.stream().skip(MAX_SLOTS).mapToInt(Slots.Part::hours).sum();
        return remainingHours == 0 ? join(listed, words)
                : words.format("slots.more", String.join(words.get("list.separator"), listed), remainingHours);
    }

    private static String inWords(Slots.Part part, Words words) {
        TextStyle dayNames = TextStyle.valueOf(words.get("slots.day-names"));
        String hours = String.join(words.get("slots.run-separator"), part.runs().stream()
                .map(run -> words.format("slots.run", clock(run.startHour()), clock(run.endHour()))).toList());
        String first = DayOfWeek.of(part.firstDay() + 1).getDisplayName(dayNames, words.locale());
        if (part.firstDay() == part.lastDay()) {
            return words.format("slots.day", first, hours);
        }
        String last = DayOfWeek.of(part.lastDay() + 1).getDisplayName(dayNames, words.locale());
        return words.format(part.lastDay() == part.firstDay() + 1 ? "slots.two-days" : "slots.days", first, last, hours);
    }

    private static String clock(int hour) {
        return String.format(Locale.ROOT, "%02d:00", hour);
    }

    private static String join(List<String> items, Words words) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        if (items.size() == 2) {
            return words.format("list.pair", items.get(0), items.get(1));
        }
        return String.join(words.get("list.separator"), items.subList(0, items.size() - 1))
                + words.get("list.last") + items.get(items.size() - 1);
    }
}
