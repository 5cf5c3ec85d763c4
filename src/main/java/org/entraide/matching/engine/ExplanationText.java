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
import java.util.stream.Collectors;

import org.entraide.availability.WeekMask;
import org.entraide.availability.WeeklyAvailability;

/** Turns an {@link Explanation} into the sentence a person would write, in the viewer's language and time zone. */
public final class ExplanationText {

    private static final String BUNDLE = "org.entraide.matching.engine.explanations";
    private static final int MAX_SLOTS = 3;
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT);

    private ExplanationText() {
    }

    /** Renders with the shared hours of the week starting on {@code weekMonday} (UTC) shown in local time. */
    public static String render(Explanation explanation, Locale locale, ZoneId viewerZone, LocalDate weekMonday) {
        // without the JVM's default locale as a fallback: on a French server an English reader still reads English
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
        String prefix = explanation.group() ? "group." : "pair.";
        List<String> clauses = new ArrayList<>();
        for (Reason reason : explanation.reasons()) {
            String clause = clause(reason, prefix, bundle, locale, viewerZone, weekMonday);
            if (clause != null) {
                clauses.add(clause);
            }
        }
        return format(bundle, locale, "sentence", join(clauses, bundle, locale));
    }

    private static String clause(Reason reason, String prefix, ResourceBundle bundle, Locale locale, ZoneId zone,
            LocalDate weekMonday) {
        if (reason instanceof Reason.SharedHours hours) {
            return hours.utcHours().isEmpty() ? null
                    : format(bundle, locale, prefix + "hours", slots(WeeklyAvailability.toLocal(hours.utcHours(), zone, weekMonday),
                            bundle, locale));
        }
        if (reason instanceof Reason.SharedLanguages languages) {
            return null;
        }
        if (reason instanceof Reason.MeetingModality modality) {
            return format(bundle, locale, prefix + "modality",
                    bundle.getString("modality." + modality.modality().name()));
        }
        if (reason instanceof Reason.SharedMotives motives) {
            return format(bundle, locale, prefix + "motives", join(
                    motives.motives().stream().map(m -> bundle.getString("motive." + m.name())).toList(), bundle,
                    locale));
        }
        if (reason instanceof Reason.SameCertificateIntent intent) {
            return bundle.containsKey(prefix + "certificate." + intent.intent())
                    ? bundle.getString(prefix + "certificate." + intent.intent()) : null;
        }
        if (reason instanceof Reason.SameFollowMode mode) {
            return bundle.getString(prefix + "follow." + mode.mode().name());
        }
        if (reason instanceof Reason.SharedObjects objects) {
            return format(bundle, locale, prefix + "objects", join(
                    objects.objects().stream().map(o -> bundle.getString("object." + o.name())).toList(), bundle,
                    locale));
        }
        if (reason instanceof Reason.Distance distance) {
            return format(bundle, locale, prefix + "distance", Math.round(distance.km()));
        }
        if (reason instanceof Reason.TimeZoneGap gap) {
            return format(bundle, locale, prefix + "timezone", gap.hours());
        }
        if (reason instanceof Reason.SameSector sector) {
            return format(bundle, locale, prefix + "sector", sector.sector());
        }
        if (reason instanceof Reason.SameOrganisation organisation) {
            return format(bundle, locale, prefix + "organisation",
                    organisation.organisation());
        }
        if (reason instanceof Reason.Diverse diverse) {
            return format(bundle, locale, prefix + "diverse",
                    bundle.getString("criterion." + diverse.criterion().name()));
        }
        if (reason instanceof Reason.Preformed preformed) {
            return bundle.getString(prefix + "preformed");
        }
        if (reason instanceof Reason.Relaxation relaxation) {
            return bundle.getString(prefix + "relaxation");
        }
        if (reason instanceof Reason.MeetupCentre meetup) {
            return format(bundle, locale, prefix + "meetup", meetup.cityName(),
                    Math.round(meetup.radiusKm()), meetup.size());
        }
        throw new IllegalArgumentException("Unknown reason " + reason.code());
    }

    /** "Tue 18:00–20:00, Sat 10:00–12:00 and 4 more hours". */
    private static String slots(WeekMask local, ResourceBundle bundle, Locale locale) {
        List<String> ranges = new ArrayList<>();
        int remainingHours = 0;
        int hour = 0;
        while (hour < WeekMask.HOURS) {
            if (!local.get(hour)) {
                hour++;
                continue;
            }
            int end = hour;
            while (end + 1 < WeekMask.HOURS && local.get(end + 1) && (end + 1) % 24 != 0) {
                end++;
            }
            if (ranges.size() < MAX_SLOTS) {
                String day = DayOfWeek.of(hour / 24 + 1).getDisplayName(TextStyle.SHORT, locale);
                ranges.add(String.format(Locale.ROOT, "%s %02d:00–%02d:00", day, hour % 24, (end % 24) + 1));
            } else {
                remainingHours += end - hour + 1;
            }
            hour = end + 1;
        }
        String listed = join(ranges, bundle, locale);
        return remainingHours == 0 ? listed : format(bundle, locale, "slots.more",
                ranges.stream().collect(Collectors.joining(bundle.getString("list.separator"))), remainingHours);
    }

    private static String join(List<String> items, ResourceBundle bundle, Locale locale) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        if (items.size() == 2) {
            return format(bundle, locale, "list.pair", items.get(0), items.get(1));
        }
        return String.join(bundle.getString("list.separator"), items.subList(0, items.size() - 1))
                + bundle.getString("list.last") + items.get(items.size() - 1);
    }

    private static String format(ResourceBundle bundle, Locale locale, String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
