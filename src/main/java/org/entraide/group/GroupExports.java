package org.entraide.group;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.profile.Format;

/**
 * The two CSV exports of a course's groups (described in {@code docs/groups-exports.md}): Entraide's own
 * columns, one row per membership past or present, and the Open edX team-membership upload.
 */
final class GroupExports {

    static final List<String> ENTRAIDE_COLUMNS = List.of("group_id", "format", "status", "created_at", "last_activity_at",
            "person_id", "first_name", "email", "joined_at", "left_at", "left_reason", "removed_by_team", "facilitator");

    static final List<String> OPEN_EDX_FIXED_COLUMNS = List.of("username", "external_user_id", "mode");

    /** The characters Open edX allows in a username (its USERNAME_REGEX_PARTIAL without the space). */
    private static final Pattern OPEN_EDX_USERNAME = Pattern.compile("[\\p{L}\\p{N}_.@+-]+");

    /** Entraide does not know the learner's Open edX enrollment track; see docs/groups-exports.md. */
    static final String OPEN_EDX_MODE = "audit";

    private GroupExports() {
    }

    static void entraide(List<GroupHealthService.GroupMembers> groups, Writer out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, format(ENTRAIDE_COLUMNS));
            for (GroupHealthService.GroupMembers entry : groups) {
                LearningGroup group = entry.group();
                for (GroupMember member : entry.all()) {
                    printer.printRecord(group.id, group.format.name(), group.status.name(), instant(group.createdAt),
                            instant(group.lastActivityAt), member.person.id, safe(member.person.firstName()), safe(member.person.email),
                            instant(member.joinedAt), instant(member.leftAt), safe(member.leftReason), member.removedByTeam,
                            member.leftAt == null && group.facilitatedBy(member.person.id));
                }
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Header {@code username,external_user_id,mode,entraide-tandem,…}; one row per current member of a group that has not ended. */
    static void openEdx(Course course, List<GroupHealthService.GroupMembers> groups, Writer out) {
        Set<Format> formats = EnumSet.noneOf(Format.class);
        formats.addAll(course.formatSet());
        groups.stream().map(g -> g.group().format).forEach(formats::add);
        List<Format> teamsets = List.copyOf(formats);
        List<String> header = new ArrayList<>(OPEN_EDX_FIXED_COLUMNS);
        teamsets.forEach(f -> header.add(teamsetId(f)));

        // person → (format → team name); a person sits in at most one team per team-set, the earliest joined
        Map<String, Map<Format, String>> rows = new TreeMap<>();
        for (GroupHealthService.GroupMembers entry : groups) {
            if (entry.group().status == LearningGroup.Status.DISSOLVED) {
                continue;
            }
            for (GroupMember member : entry.current()) {
                rows.computeIfAbsent(username(member.person), k -> new TreeMap<>())
                        .putIfAbsent(entry.group().format, GroupHealthService.teamName(entry.group()));
            }
        }
        try {
            CSVPrinter printer = new CSVPrinter(out, format(header));
            for (Map.Entry<String, Map<Format, String>> row : rows.entrySet()) {
                List<String> cells = new ArrayList<>(List.of(row.getKey(), "", OPEN_EDX_MODE));
                teamsets.forEach(f -> cells.add(row.getValue().getOrDefault(f, "")));
                printer.printRecord(cells);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code entraide-tandem}, {@code entraide-study-group}, {@code entraide-local-meetup}. */
    static String teamsetId(Format format) {
        return "entraide-" + GroupHealthService.slug(format);
    }

    /**
     * The Open edX username: the learner's id on the platform when they were imported with one (kept as
     * {@code <id>@import.invalid}), otherwise the part of their e-mail before the "@".
     */
    static String username(Person person) {
        String email = person.email;
        int at = email.indexOf('@');
        String username = at < 0 ? email : email.substring(0, at);
        // Open edX usernames ([\w.@+-]) hold no function call, and an upload must find them as they are; the part of an
        // e-mail before "@" may be =HYPERLINK("…"&A2), which no platform username is: that one is defused.
        return OPEN_EDX_USERNAME.matcher(username).matches() ? username : safe(username);
    }

    private static CSVFormat format(List<String> header) {
        return CSVFormat.DEFAULT.builder().setHeader(header.toArray(new String[0])).setRecordSeparator("\r\n").build();
    }

    private static String instant(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** Text typed by people is defused for spreadsheets: a leading = + - @ would otherwise start a formula. */
    static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }
}
