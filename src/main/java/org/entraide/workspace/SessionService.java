package org.entraide.workspace;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.availability.WeekMask;
import org.entraide.course.ComingUp;
import org.entraide.geo.GeoService;
import org.entraide.group.GroupMember;
import org.entraide.group.GroupService;
import org.entraide.group.LearningGroup;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.web.EntraideConfig;
import org.entraide.web.FormErrors;
import org.entraide.web.I18n;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Texts;
import org.entraide.web.When;

import io.quarkus.security.ForbiddenException;

/**
 * Study sessions of a group's workspace: planned in the planner's local time, stored in UTC, shown to each member in
 * their own zone, and offered as calendar files.
 */
@ApplicationScoped
public class SessionService {

    /** The lengths offered, in minutes. */
    public static final List<Integer> LENGTHS = List.of(30, 45, 60, 90, 120, 180);
    /** How many weekly sessions one may plan at once: a course's weeks, at most. */
    public static final List<Integer> WEEKS = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    /** Upcoming sessions a group may have at once: plenty for a weekly rhythm, and a bound on what one member can add. */
    static final int UPCOMING_MAX = 20;
    static final int CALENDAR_MAX = 200;
    private static final Duration FARTHEST = Duration.ofDays(366);
    static final Duration REMIND_BEFORE = Duration.ofHours(24);

    private final GroupService groups;
    private final NotificationService notifications;
    private final String baseUrl;

    SessionService(GroupService groups, NotificationService notifications, EntraideConfig config) {
        this.groups = groups;
        this.notifications = notifications;
        this.baseUrl = config.siteUrl();
    }

    /**
     * The form's fields as typed (or as suggested): date yyyy-mm-dd and time hh:mm in the planner's zone; {@code weeks},
     * only when planning, is how many weekly sessions to plan at once (none or "1": just this one).
     */
    public record SessionForm(String date, String time, String minutes, String topic, String place, String weeks) {
        public SessionForm(String date, String time, String minutes, String topic, String place) {
            this(date, time, minutes, topic, place, null);
        }
    }

    /** One session as one member sees it. {@code elsewhere}: the same time for members in other zones. */
    public record SessionView(long id, String when, Instant startsAt, String topic, String place, String placeLink, String plannedBy,
            List<String> elsewhere, boolean cancelled, boolean canCancel, boolean canChange, String coming, String notComing,
            Boolean myAnswer, boolean weekly, boolean canCancelLater) {
    }

    /** The sessions part of the group page: what is planned, and the planning form (prefilled with the next common time). */
    public record Sessions(List<SessionView> upcoming, SessionForm form, String zone, List<Integer> lengths, List<Integer> weeks) {
    }

    public Sessions view(GroupService.GroupView group, long personId, Locale locale, SessionForm typed) {
        Instant now = Instant.now();
        ZoneId viewerZone = ZoneId.of(group.viewerZone());
        // members by zone, so each session can be told in the other members' local time as well
        Map<ZoneId, List<String>> namesByZone = new LinkedHashMap<>();
        for (GroupService.MemberView member : group.members()) {
            namesByZone.computeIfAbsent(ZoneId.of(member.zone()), z -> new ArrayList<>()).add(member.firstName());
        }
        List<Long> memberIds = group.members().stream().map(GroupService.MemberView::personId).toList();
        List<StudySession> upcoming = StudySession.upcoming(group.group().id, now);
        // current members' first names by person id, for who comes and who cannot (a former member's answer is not shown)
        Map<Long, String> firstNames = new LinkedHashMap<>();
        group.members().forEach(member -> firstNames.put(member.personId(), member.firstName()));
        Map<Long, List<SessionAnswer>> answers = SessionAnswer.to(upcoming.stream().map(s -> s.id).toList()).stream()
                .filter(answer -> firstNames.containsKey(answer.person.id))
                .collect(Collectors.groupingBy(answer -> answer.session.id));
        List<SessionView> views = upcoming.stream().map(session -> {
            boolean mayCancel = mayCancel(session, personId, memberIds);
            List<SessionAnswer> given = answers.getOrDefault(session.id, List.of());
            List<String> elsewhere = new ArrayList<>();
            namesByZone.forEach((zone, names) -> {
                if (!sameClock(zone, viewerZone, session.startsAt)) {
                    elsewhere.add(I18n.message(locale, "session.elsewhere", span(session, zone, locale), zone.getId(),
                            String.join(", ", names)));
                }
            });
            boolean open = !session.cancelled() && session.startsAt.isAfter(now);
            boolean laterInSeries = session.seriesId != null && upcoming.stream().anyMatch(other -> session.seriesId.equals(other.seriesId)
                    && !other.cancelled() && other.startsAt.isAfter(session.startsAt));
            return new SessionView(session.id, span(session, viewerZone, locale), session.startsAt, session.topic, session.place,
                    link(session.place), session.plannedBy == null ? null : session.plannedBy.firstName(), elsewhere,
                    session.cancelled(), mayCancel, mayCancel && open,
                    namesOf(given, firstNames, true), namesOf(given, firstNames, false),
                    given.stream().filter(a -> a.person.id == personId).map(a -> a.coming).findFirst().orElse(null),
                    session.seriesId != null, mayCancel && open && laterInSeries);
        }).toList();
        SessionForm form = typed != null ? typed : suggestion(group.commonLocal(), ZonedDateTime.now(viewerZone), upcoming);
        return new Sessions(views, form, viewerZone.getId(), LENGTHS, WEEKS);
    }

    /** "Ana, Ben": the first names of those who answered so, in the members' order, or null when nobody did. */
    private static String namesOf(List<SessionAnswer> answers, Map<Long, String> firstNames, boolean coming) {
        Set<Long> answeredSo = answers.stream().filter(a -> a.coming == coming).map(a -> a.person.id).collect(Collectors.toSet());
        String joined = firstNames.entrySet().stream().filter(member -> answeredSo.contains(member.getKey())).map(Map.Entry::getValue)
                .collect(Collectors.joining(", "));
        return joined.isEmpty() ? null : joined;
    }

    /**
     * Plans a session, or a weekly series of them at the same local time in the planner's zone (daylight saving
     * changes keep the clock time); the other members are told once, in their own zone and language.
     * @return the sessions planned, soonest first
     */
    @Transactional
    public List<StudySession> plan(long groupId, long personId, SessionForm form) {
        LearningGroup group = groups.requireMember(groupId, personId);
        Instant now = Instant.now();
        ZoneId zone = zoneOf(group, personId);
        FormErrors errors = new FormErrors();
        Planned planned = validated(form, zone, now, errors);
        Integer weeks = form.weeks() == null || form.weeks().isBlank() ? Integer.valueOf(1)
                : Texts.parsed(errors, "weeks", form.weeks(), Texts.oneOf(WEEKS), "error.invalid-choice");
        List<Instant> starts = new ArrayList<>();
        if (planned.start() != null && weeks != null) {
            for (int week = 0; week < weeks; week++) {
                starts.add(planned.start().atZone(zone).plusWeeks(week).toInstant());
            }
            if (starts.get(starts.size() - 1).isAfter(now.plus(FARTHEST)) && !errors.has("date")) {
                errors.add("weeks", "error.session-series-too-far");
            }
        }
        long room = UPCOMING_MAX - StudySession.countUpcoming(groupId, now);
        if (weeks == null || weeks == 1) {
            if (room < 1) {
                errors.add("date", "error.session-limit");
            }
        } else if (room < weeks) {
            errors.add("weeks", "error.session-series-limit", List.of(Long.toString(Math.max(0, room))));
        }
        errors.throwIfAny();

        Person planner = Person.findById(personId);
        List<StudySession> sessions = new ArrayList<>();
        for (Instant start : starts) {
            StudySession session = new StudySession();
            session.group = group;
            session.plannedBy = planner;
            planned.applyTo(session);
            session.startsAt = start;
            session.createdAt = now;
            session.persist();
            sessions.add(session);
        }
        if (sessions.size() > 1) { // the first one's id (an identity column, known once persisted) names the series
            sessions.forEach(session -> session.seriesId = sessions.get(0).id);
        }
        group.lastActivityAt = now;
        if (sessions.size() == 1) {
            tellOthers(sessions.get(0), personId, NotificationKind.SESSION_PLANNED);
        } else {
            tellOthers(sessions.get(0), personId, NotificationKind.SESSION_SERIES_PLANNED, Integer.toString(sessions.size()));
        }
        return sessions;
    }

    /** What the change form needs: the group, and the session's values as its form shows them in the person's zone. */
    public record Change(LearningGroup group, long sessionId, String zone, List<Integer> lengths, SessionForm form) {
    }

    /** The change form of a session to come, filled with what was typed, or else with the session as it is. */
    public Change changeForm(long groupId, long sessionId, long personId, SessionForm typed) {
        StudySession session = changeable(groupId, sessionId, personId);
        ZoneId zone = zoneOf(session.group, personId);
        ZonedDateTime start = session.startsAt.atZone(zone);
        SessionForm current = new SessionForm(start.toLocalDate().toString(), start.toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString(),
                Integer.toString(session.minutes), session.topic, session.place);
        return new Change(session.group, sessionId, zone.getId(), LENGTHS, typed == null ? current : typed);
    }

    /**
     * Changes a session to come: who may cancel it may change it. The others are told and calendars get a new
     * revision; a new time clears the answers (they were for the old one) and the day-before reminder goes out again.
     */
    @Transactional
    public void change(long groupId, long sessionId, long personId, SessionForm form) {
        StudySession session = changeable(groupId, sessionId, personId);
        Instant now = Instant.now();
        FormErrors errors = new FormErrors();
        Planned planned = validated(form, zoneOf(session.group, personId), now, errors);
        errors.throwIfAny();
        boolean moved = !planned.start().equals(session.startsAt.truncatedTo(ChronoUnit.MINUTES)) || planned.minutes() != session.minutes;
        if (!moved && Objects.equals(planned.topic(), session.topic) && Objects.equals(planned.place(), session.place)) {
            return;
        }
        if (moved) {
            SessionAnswer.delete("session.id", sessionId);
            session.remindedAt = null;
        }
        planned.applyTo(session);
        session.sequence++;
        session.group.lastActivityAt = now;
        tellOthers(session, personId, NotificationKind.SESSION_CHANGED);
    }

    /** A session to come that the person may change; one cancelled or started is closed to changes. */
    private StudySession changeable(long groupId, long sessionId, long personId) {
        LearningGroup group = groups.requireMember(groupId, personId);
        StudySession session = sessionOf(group, sessionId);
        if (!mayCancel(session, personId, GroupMember.current(groupId).stream().map(m -> m.person.id).toList())) {
            throw new ForbiddenException();
        }
        if (session.cancelled() || !session.startsAt.isAfter(Instant.now())) {
            throw InvalidInputException.of("date", "error.session-closed");
        }
        return session;
    }

    /** A session's values as the form sent them, checked; {@code start} is in the planner's zone. */
    private record Planned(Instant start, Integer minutes, String topic, String place) {
        void applyTo(StudySession session) {
            session.startsAt = start;
            session.minutes = minutes;
            session.topic = topic;
            session.place = place;
        }
    }

    private static Planned validated(SessionForm form, ZoneId zone, Instant now, FormErrors errors) {
        LocalDate date = Texts.parsed(errors, "date", form.date(), LocalDate::parse, "error.date");
        LocalTime time = Texts.parsed(errors, "time", form.time(), LocalTime::parse, "error.time");
        Integer minutes = Texts.parsed(errors, "minutes", form.minutes(), Texts.oneOf(LENGTHS), "error.invalid-choice");
        String topic = Texts.check(errors, "topic", form.topic(), false, StudySession.TOPIC_MAX);
        String place = Texts.check(errors, "place", form.place(), false, StudySession.PLACE_MAX);
        Instant start = null;
        if (date != null && time != null) {
            start = ZonedDateTime.of(date, time.truncatedTo(ChronoUnit.MINUTES), zone).toInstant();
            if (!start.isAfter(now)) {
                errors.add("date", "error.session-past");
            } else if (start.isAfter(now.plus(FARTHEST))) {
                errors.add("date", "error.session-too-far");
            }
        }
        return new Planned(start, minutes, topic, place);
    }

    /**
     * Cancels a session that is not over: its planner may, and so may every member once the planner has gone. The
     * session stays listed as cancelled and its calendar event says so. {@code laterOnesToo}: with the later sessions of
     * its weekly series (those not cancelled yet), told to the others in one notice.
     * @return false when the session was already over (nothing changes)
     */
    @Transactional
    public boolean cancel(long groupId, long sessionId, long personId, boolean laterOnesToo) {
        LearningGroup group = groups.requireMember(groupId, personId);
        StudySession session = sessionOf(group, sessionId);
        List<Long> memberIds = GroupMember.current(groupId).stream().map(m -> m.person.id).toList();
        if (!mayCancel(session, personId, memberIds)) {
            throw new ForbiddenException();
        }
        if (!session.endsAt().isAfter(Instant.now())) {
            return false;
        }
        if (session.cancelled()) {
            return true;
        }
        // the later ones of a series were planned by the same person, so whoever may cancel this one may cancel them
        List<StudySession> cancelled = laterOnesToo && session.seriesId != null ? StudySession.restOfSeries(session) : List.of(session);
        Instant now = Instant.now();
        for (StudySession each : cancelled) {
            each.cancelledAt = now;
            each.sequence++;
        }
        group.lastActivityAt = now;
        if (cancelled.size() == 1) {
            tellOthers(session, personId, NotificationKind.SESSION_CANCELLED);
        } else {
            tellOthers(session, personId, NotificationKind.SESSION_SERIES_CANCELLED, Integer.toString(cancelled.size()));
        }
        return true;
    }

    /** A member says whether they will come to a session to come (answering again changes the answer). */
    @Transactional
    public void answer(long groupId, long sessionId, long personId, String coming) {
        LearningGroup group = groups.requireMember(groupId, personId);
        StudySession session = sessionOf(group, sessionId);
        if (!"yes".equals(coming) && !"no".equals(coming)) {
            throw new BadRequestException("coming is yes or no: " + coming); // two buttons send it; nobody typed anything else
        }
        if (session.cancelled() || !session.startsAt.isAfter(Instant.now())) {
            throw InvalidInputException.of("answer", "error.session-closed");
        }
        SessionAnswer answer = SessionAnswer.of(sessionId, personId).orElseGet(() -> {
            SessionAnswer fresh = new SessionAnswer();
            fresh.session = session;
            fresh.person = Person.findById(personId);
            return fresh;
        });
        answer.coming = "yes".equals(coming);
        answer.answeredAt = Instant.now();
        answer.persist();
    }

    /** One session, or every session of the group (latest {@value #CALENDAR_MAX}), as an iCalendar file. */
    public String calendar(long groupId, Long sessionId, long personId, Locale locale) {
        LearningGroup group = groups.requireMember(groupId, personId);
        List<StudySession> sessions = sessionId == null ? StudySession.latest(groupId, CALENDAR_MAX) : List.of(sessionOf(group, sessionId));
        CalendarFile file = new CalendarFile(groupName(group, locale), Instant.now());
        sessions.forEach(session -> file.add(event(session, locale)));
        return file.build();
    }

    /** The sessions of the person's groups, for their calendar feed (the same events as the groups' files). */
    void addToFeed(@Observes CalendarFeed feed) {
        StudySession.ofMember(feed.personId(), feed.since(), CALENDAR_MAX).forEach(session -> feed.add(event(session, feed.locale())));
    }

    /** The person's sessions to come in the next two weeks, for their courses page (in the zone their group page uses). */
    void addComingUp(@Observes ComingUp comingUp) {
        for (StudySession.WithZone found : StudySession.comingUp(comingUp.personId(), comingUp.now(), comingUp.until(), ComingUp.MAX)) {
            StudySession session = found.session();
            ZoneId profileZone = GeoService.zoneOrNull(found.timeZone());
            ZoneId zone = profileZone != null ? profileZone : Enrolment.readerZone(comingUp.personId());
            comingUp.add(new ComingUp.Item(session.startsAt, summary(session, comingUp.locale()),
                    span(session, zone, comingUp.locale()) + " (" + zone.getId() + ")", session.place,
                    "/groups/" + session.group.id + "#session-" + session.id, false));
        }
    }

    private static String summary(StudySession session, Locale locale) {
        String course = session.group.course.title;
        return session.topic == null ? I18n.message(locale, "session.summary", course)
                : I18n.message(locale, "session.summary-topic", course, session.topic);
    }

    private CalendarFile.Event event(StudySession session, Locale locale) {
        LearningGroup group = session.group;
        String groupUrl = baseUrl + "/groups/" + group.id;
        return new CalendarFile.Event("entraide-session-" + session.id + "@" + URI.create(baseUrl).getHost(), session.sequence,
                session.startsAt, session.endsAt(), summary(session, locale), session.place,
                I18n.message(locale, "session.description", groupName(group, locale), groupUrl), groupUrl, session.cancelled());
    }

    private static String groupName(LearningGroup group, Locale locale) {
        return I18n.message(locale, "session.calendar-name", I18n.message(locale, "group.title." + group.format), group.course.title);
    }

    /** Reminds the members of sessions that start within a day (once per session); returns how many sessions were done. */
    @Transactional
    public int remindDue(Instant now) {
        List<StudySession> due = StudySession.list("remindedAt is null and cancelledAt is null and startsAt > ?1 and startsAt <= ?2", now,
                now.plus(REMIND_BEFORE));
        for (StudySession session : due) {
            session.remindedAt = now;
            for (GroupMember member : GroupMember.current(session.group.id)) {
                ZoneId zone = zoneOf(session.group, member.person.id);
                notifications.notify(member.person, NotificationKind.SESSION_REMINDER, session.plannedBy,
                        "/groups/" + session.group.id + "#session-" + session.id, session.group.course.title,
                        session.plannedBy == null ? "" : session.plannedBy.firstName(),
                        When.withZone(session.startsAt, zone, member.person.mailLocale()));
            }
        }
        return due.size();
    }

    /** The sessions the person planned, as "Download my data" lists them. */
    public record SessionData(long groupId, Instant startsAt, int minutes, String topic, String place, Instant cancelledAt) {
    }

    /** An answer the person gave to a session, as "Download my data" lists it. */
    public record AnswerData(long groupId, Instant startsAt, boolean coming) {
    }

    void exportSessions(@Observes AccountExport export) {
        export.add("sessionsPlanned", StudySession.<StudySession>list("plannedBy.id = ?1 order by startsAt", export.personId()).stream()
                .map(s -> new SessionData(s.group.id, s.startsAt, s.minutes, s.topic, s.place, s.cancelledAt)).toList());
        export.add("sessionAnswers", SessionAnswer.<SessionAnswer>list("person.id = ?1 order by answeredAt", export.personId()).stream()
                .map(a -> new AnswerData(a.session.group.id, a.session.startsAt, a.coming)).toList());
    }

    /**
     * The next time everyone is free and nothing is planned yet, at least an hour from now, in the viewer's zone:
     * preferably the start of such a stretch, for as long as it lasts (up to two hours); without any, tomorrow at
     * 18:00 for an hour.
     */
    static SessionForm suggestion(WeekMask commonLocal, ZonedDateTime now, List<StudySession> planned) {
        ZonedDateTime first = now.truncatedTo(ChronoUnit.HOURS).plusHours(2);
        ZonedDateTime firstFree = null;
        for (int i = 0; i < WeekMask.HOURS; i++) {
            ZonedDateTime hour = first.plusHours(i);
            if (free(commonLocal, planned, hour)) {
                if (!free(commonLocal, planned, hour.minusHours(1))) {
                    return form(hour, free(commonLocal, planned, hour.plusHours(1)) ? 120 : 60);
                }
                if (firstFree == null) {
                    firstFree = hour;
                }
            }
        }
        if (firstFree != null) { // free all week long
            return form(firstFree, 60);
        }
        return form(now.toLocalDate().plusDays(1).atTime(18, 0).atZone(now.getZone()), 60);
    }

    /** Whether everyone is free during this hour and no session (not cancelled) takes any of it. */
    private static boolean free(WeekMask local, List<StudySession> planned, ZonedDateTime hour) {
        Instant start = hour.toInstant();
        Instant end = start.plus(Duration.ofHours(1));
        return local.get(WeekMask.index(hour.getDayOfWeek().getValue() - 1, hour.getHour()))
                && planned.stream().noneMatch(s -> !s.cancelled() && s.startsAt.isBefore(end) && s.endsAt().isAfter(start));
    }

    private static SessionForm form(ZonedDateTime start, int minutes) {
        return new SessionForm(start.toLocalDate().toString(), start.toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString(),
                Integer.toString(minutes), null, null);
    }

    private static boolean mayCancel(StudySession session, long personId, List<Long> currentMemberIds) {
        return session.plannedBy == null || session.plannedBy.id == personId || !currentMemberIds.contains(session.plannedBy.id);
    }

    /** A session of this group; one of another group, or an unknown id, is a 404. */
    private static StudySession sessionOf(LearningGroup group, long sessionId) {
        StudySession session = StudySession.findById(sessionId);
        if (session == null || !session.group.id.equals(group.id)) {
            throw new NotFoundException();
        }
        return session;
    }

    /** Tells the other members, each in their zone: course title, who did it, when, and any further arguments. */
    private void tellOthers(StudySession session, long actorId, NotificationKind kind, String... more) {
        LearningGroup group = session.group;
        Person actor = Person.findById(actorId);
        for (GroupMember member : GroupMember.current(group.id)) {
            if (member.person.id == actorId) {
                continue;
            }
            Locale locale = member.person.mailLocale();
            ZoneId zone = zoneOf(group, member.person.id);
            List<String> args = new ArrayList<>(List.of(group.course.title, actor.firstName(),
                    When.withZone(session.startsAt, zone, locale)));
            args.addAll(List.of(more));
            notifications.notify(member.person, kind, actor, "/groups/" + group.id + "#sessions", args.toArray(String[]::new));
        }
    }

    private static ZoneId zoneOf(LearningGroup group, long personId) {
        return Enrolment.zoneOf(group.course.id, personId);
    }

    private static String span(StudySession session, ZoneId zone, Locale locale) {
        return When.span(session.startsAt, session.endsAt(), zone, locale);
    }

    private static boolean sameClock(ZoneId a, ZoneId b, Instant at) {
        return a.getRules().getOffset(at).equals(b.getRules().getOffset(at));
    }

    /** The place as a link when it is a web address (a video call); anything else stays text. */
    private static String link(String place) {
        if (place == null || !(place.startsWith("https://") || place.startsWith("http://"))) {
            return null;
        }
        try {
            return URI.create(place).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
