package org.entraide.meetup;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.course.ComingUp;
import org.entraide.course.Course;
import org.entraide.course.CourseRole;
import org.entraide.course.CourseService;
import org.entraide.geo.Distances;
import org.entraide.geo.GeoService;
import org.entraide.geo.Place;
import org.entraide.matching.MatchingService;
import org.entraide.matching.engine.MeetupCluster;
import org.entraide.matching.engine.MeetupResult;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.profile.LeavingCourse;
import org.entraide.web.EntraideConfig;
import org.entraide.web.FormErrors;
import org.entraide.web.I18n;
import org.entraide.web.InvalidInputException;
import org.entraide.web.RowLocks;
import org.entraide.web.Texts;
import org.entraide.web.When;
import org.entraide.workspace.CalendarFeed;
import org.entraide.workspace.CalendarFile;

import io.quarkus.security.ForbiddenException;

/**
 * Local meetups: organizers (and the course team) see where learners who want them live close together and schedule
 * one in a city; learners nearby are told, answer (a seat while there are some, then the waiting list, which moves up
 * when someone withdraws), are reminded the day before, and the organizer records who came.
 */
@ApplicationScoped
public class MeetupService {

    /** The lengths offered, in minutes. */
    public static final List<Integer> LENGTHS = List.of(60, 90, 120, 180, 240);
    static final int CAPACITY_MIN = 2;
    static final int CAPACITY_MAX = 500;
    /** Upcoming meetups a course may have at once: a bound on what one organizer can add, far above real use. */
    static final int UPCOMING_MAX = 100;
    static final int PAST_SHOWN = 20;
    static final Duration REMIND_BEFORE = Duration.ofHours(24);
    private static final Duration FARTHEST = Duration.ofDays(366);
    /** A series is scheduled for up to this many weeks at once (a learning circle runs six to eight). */
    public static final List<Integer> WEEKS = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    private final CourseService courses;
    private final GeoService geo;
    private final MatchingService matching;
    private final NotificationService notifications;
    private final String baseUrl;

    MeetupService(CourseService courses, GeoService geo, MatchingService matching, NotificationService notifications,
            EntraideConfig config) {
        this.courses = courses;
        this.geo = geo;
        this.matching = matching;
        this.notifications = notifications;
        this.baseUrl = config.siteUrl();
    }

    // ------------------------------------------------------------------ what people see

    /** A meetup in a list: where, when (in the city's zone), seats, and the reader's own answer. */
    public record MeetupCard(Meetup meetup, String city, String when, Long distanceKm, long going, long waitlisted, MeetupRsvp.Status mine) {

        public boolean full() {
            return going >= meetup.capacity;
        }
    }

    /**
     * The course's meetups for one person: those within their travel radius first ({@code near}), then the others. Staff
     * without a learner profile see every meetup in {@code others}.
     */
    public record CoursePage(Course course, List<MeetupCard> near, List<MeetupCard> others, boolean staff, boolean located,
            int radiusKm, boolean wantsMeetups) {
    }

    public CoursePage coursePage(long courseId, long personId, Locale locale) {
        CourseService.Membership membership = courses.requireMembership(courseId, personId);
        Optional<Enrolment> enrolment = membership.enrolment();
        Enrolment located = enrolment.filter(e -> e.latitude != null && e.longitude != null).orElse(null);
        int radius = located == null || located.travelRadiusKm == null ? membership.course().defaultRadiusKm : located.travelRadiusKm;
        List<MeetupCard> near = new ArrayList<>();
        List<MeetupCard> others = new ArrayList<>();
        for (Meetup meetup : Meetup.upcoming(courseId, Instant.now(), UPCOMING_MAX)) {
            Long distance = located == null ? null
                    : Math.round(Distances.km(located.latitude, located.longitude, meetup.latitude, meetup.longitude));
            MeetupCard card = card(meetup, personId, distance, locale);
            (distance != null && distance <= radius ? near : others).add(card);
        }
        others.sort(Comparator.comparing((MeetupCard c) -> c.distanceKm() == null ? Long.MAX_VALUE : c.distanceKm())
                .thenComparing(c -> c.meetup().startsAt));
        boolean wants = enrolment.map(e -> e.formatSet().contains(Format.LOCAL_MEETUP)).orElse(false);
        return new CoursePage(membership.course(), near, others, isStaff(membership, personId), located != null, radius, wants);
    }

    /**
     * A place where enough learners who want meetups live close together; {@code volunteers}: how many of them offered
     * to help organise and could be asked.
     */
    public record Demand(long placeId, String city, int learners, long radiusKm, int volunteers) {
    }

    /** The organizers' page: demand by city, the meetups to come and those past (with their attendance). */
    /** {@code map}: the demand drawn over its region, null when there is none; {@code organizer}: the viewer may give the role up. */
    public record ManagePage(Course course, boolean offered, List<Demand> demand, DemandMap map, int unclustered,
            List<MeetupCard> upcoming, List<MeetupCard> past, boolean organizer) {
    }

    public ManagePage managePage(long courseId, long personId, Locale locale) {
        Course course = requireStaff(courseId, personId);
        MeetupResult result = matching.meetupDemand(courseId);
        List<Demand> demand = new ArrayList<>();
        List<DemandMap.Spot> spots = new ArrayList<>();
        Set<Long> askable = OrganizerInvites.askable(courseId);
        for (MeetupCluster cluster : result.clusters()) {
            long placeId = Long.parseLong(cluster.centre().id());
            String city = geo.place(placeId).map(p -> p.label(locale)).orElse(cluster.centre().name());
            demand.add(new Demand(placeId, city, cluster.members().size(), Math.round(cluster.radiusKm()),
                    OrganizerInvites.askableIn(cluster, askable)));
            spots.add(new DemandMap.Spot(cluster.centre().name(), cluster.centre().latitude(), cluster.centre().longitude(),
                    cluster.members().size()));
        }
        DemandMap map = spots.isEmpty() ? null : DemandMap.of(spots, geo.gazetteer().all());
        Instant now = Instant.now();
        List<MeetupCard> upcoming = Meetup.upcoming(courseId, now, UPCOMING_MAX).stream().map(m -> card(m, personId, null, locale)).toList();
        List<MeetupCard> past = Meetup.past(courseId, now, PAST_SHOWN).stream().map(m -> card(m, personId, null, locale)).toList();
        return new ManagePage(course, course.offers(Format.LOCAL_MEETUP), demand, map, result.unmatched().size(), upcoming, past,
                CourseRole.has(courseId, personId, CourseRole.Kind.ORGANIZER));
    }

    /** What the scheduling form was given (or starts with): every field as typed. */
    /** {@code weeks}: how many weeks in a row to schedule it (only when scheduling; blank is once). */
    public record MeetupForm(String placeId, String date, String time, String minutes, String capacity, String venue, String address,
            String description, String weeks) {

        static MeetupForm start(Long placeId) {
            // an evening two weeks ahead leaves time to spread the word; the organizer changes it
            String inTwoWeeks = LocalDate.now().plusDays(14).toString();
            return new MeetupForm(placeId == null ? null : placeId.toString(), inTwoWeeks, "18:30", "120", "12", null, null, null, "1");
        }

        public boolean isPlace(long id) {
            return Long.toString(id).equals(placeId);
        }
    }

    /** The scheduling page: the chosen city (if any), city search results, the form. */
    public record NewPage(Course course, Place place, String placeLabel, String query, List<Place> results, MeetupForm form,
            List<Integer> lengths) {

        public List<Integer> weeks() {
            return WEEKS;
        }
    }

    public NewPage newPage(long courseId, long personId, MeetupForm typed, String query, Locale locale) {
        Course course = requireStaff(courseId, personId);
        Place place = placeOf(typed.placeId()).orElse(null);
        List<Place> results = geo.search(query, 12);
        return new NewPage(course, place, place == null ? null : place.label(locale), query == null ? "" : query, results, typed, LENGTHS);
    }

    public NewPage newPage(long courseId, long personId, String placeId, String query, Locale locale) {
        Long id = placeOf(placeId).map(Place::id).orElse(null);
        return newPage(courseId, personId, MeetupForm.start(id), query, locale);
    }

    /** One meetup for one person; the staff also see who answered, and after the start record who came. */
    public record MeetupPage(MeetupCard card, String organizer, boolean learner, boolean staff, int waitlistPosition, boolean started,
            boolean over, List<MeetupRsvp> going, List<MeetupRsvp> waitlisted, List<MessageView> messages, List<SeriesDate> series) {
        /** Organizers write to those who answered until the meetup is over, unless it is called off. */
        public boolean canWrite() {
            return staff && !over && !card.meetup().cancelled();
        }

        /** A learner may answer the series' dates still open to them at once, when there are two or more. */
        public boolean canAnswerSeries() {
            return learner && series.stream().filter(SeriesDate::open).count() > 1;
        }
    }

    /**
     * One date of a weekly series, as each meetup of it lists them (in the city's zone); {@code current}: this page's;
     * {@code open}: still to come, on, and not answered by the viewer.
     */
    public record SeriesDate(long meetupId, String when, Instant at, boolean cancelled, boolean current, boolean open) {
    }

    /** An organizer's message as the page shows it: who wrote it, when (in the meetup's zone), what. */
    public record MessageView(long id, String author, String when, Instant at, String body) {
    }

    public MeetupPage page(long meetupId, long personId, Locale locale) {
        Meetup meetup = existing(meetupId);
        CourseService.Membership membership = courses.requireMembership(meetup.course.id, personId);
        boolean staff = isStaff(membership, personId);
        Instant now = Instant.now();
        MeetupCard card = card(meetup, personId, null, locale);
        List<MeetupRsvp> waitlisted = MeetupRsvp.list(meetupId, MeetupRsvp.Status.WAITLISTED);
        int position = 0;
        for (int i = 0; i < waitlisted.size(); i++) {
            if (waitlisted.get(i).answeredBy(personId)) {
                position = i + 1;
            }
        }
        return new MeetupPage(card, meetup.organizer == null ? null : meetup.organizer.firstName(), membership.enrolment().isPresent(),
                staff, position, meetup.started(now), !meetup.endsAt().isAfter(now),
                staff ? MeetupRsvp.list(meetupId, MeetupRsvp.Status.GOING) : List.of(), staff ? waitlisted : List.of(),
                MeetupMessage.of(meetupId).stream().map(m -> new MessageView(m.id, m.author.firstName(),
                        When.withZone(m.createdAt, meetup.zone(), locale), m.createdAt, m.body)).toList(),
                seriesDates(meetup, personId, now, locale));
    }

    /** The dates of the meetup's weekly series (none for a single meetup), with the viewer's answers read in one statement. */
    private static List<SeriesDate> seriesDates(Meetup meetup, long personId, Instant now, Locale locale) {
        if (meetup.seriesId == null) {
            return List.of();
        }
        Set<Long> answered = new HashSet<>(Meetup.getEntityManager().createQuery(
                "select r.meetup.id from MeetupRsvp r where r.person.id = ?1 and r.meetup.seriesId = ?2", Long.class)
                .setParameter(1, personId).setParameter(2, meetup.seriesId).getResultList());
        return Meetup.<Meetup>list("seriesId = ?1 order by startsAt", meetup.seriesId).stream()
                .map(m -> new SeriesDate(m.id, When.withZone(m.startsAt, m.zone(), locale), m.startsAt, m.cancelled(),
                        m.id.equals(meetup.id), !m.cancelled() && !m.started(now) && !answered.contains(m.id)))
                .toList();
    }

    private MeetupCard card(Meetup meetup, long personId, Long distanceKm, Locale locale) {
        String city = geo.place(meetup.placeId).map(p -> p.label(locale)).orElse(meetup.cityName);
        return new MeetupCard(meetup, city, When.span(meetup.startsAt, meetup.endsAt(), meetup.zone(), locale) + " (" + meetup.timeZone + ")",
                distanceKm, MeetupRsvp.count(meetup.id, MeetupRsvp.Status.GOING), MeetupRsvp.count(meetup.id, MeetupRsvp.Status.WAITLISTED),
                MeetupRsvp.of(meetup.id, personId).map(r -> r.status).orElse(null));
    }

    // ------------------------------------------------------------------ organizers

    /**
     * Schedules a meetup, or a weekly series of them at the same local time in the city (daylight saving changes keep
     * the clock time), as a learning circle meets; the course's learners who want meetups and live within their travel
     * radius of the city are told once.
     * @return the (first) meetup scheduled
     */
    @Transactional
    public Meetup create(long courseId, long personId, MeetupForm form) {
        Course course = requireStaff(courseId, personId);
        Instant now = Instant.now();
        FormErrors errors = new FormErrors();
        Place place = null;
        if (Texts.trimToNull(form.placeId()) == null) {
            errors.add("placeId", "error.meetup-city");
        } else {
            place = placeOf(form.placeId()).orElse(null);
            if (place == null) {
                errors.add("placeId", "error.invalid-choice");
            }
        }
        ZoneId zone = place == null ? null : ZoneId.of(place.timezone());
        Details details = details(errors, form, zone, now);
        Integer weeks = Texts.trimToNull(form.weeks()) == null ? Integer.valueOf(1)
                : Texts.parsed(errors, "weeks", form.weeks(), Texts.oneOf(WEEKS), "error.invalid-choice");
        List<Instant> starts = new ArrayList<>();
        if (details.start() != null && weeks != null) {
            for (int week = 0; week < weeks; week++) {
                starts.add(details.start().atZone(zone).plusWeeks(week).toInstant());
            }
            if (starts.get(starts.size() - 1).isAfter(now.plus(FARTHEST)) && !errors.has("date")) {
                errors.add("weeks", "error.meetup-series-too-far");
            }
        }
        long room = UPCOMING_MAX - Meetup.upcoming(courseId, now, UPCOMING_MAX).stream().filter(m -> !m.cancelled()).count();
        if (weeks == null || weeks == 1) {
            if (room < 1) {
                errors.add("date", "error.meetup-limit");
            }
        } else if (room < weeks) {
            errors.add("weeks", "error.meetup-series-limit", List.of(Long.toString(Math.max(0, room))));
        }
        errors.throwIfAny();

        Person organizer = Person.findById(personId);
        List<Meetup> scheduled = new ArrayList<>();
        for (Instant start : starts) {
            Meetup meetup = Meetup.in(course, organizer, place);
            details.applyTo(meetup);
            meetup.startsAt = start;
            meetup.createdAt = now;
            meetup.persist();
            scheduled.add(meetup);
        }
        Meetup first = scheduled.get(0);
        if (scheduled.size() > 1) { // the first one's id (an identity column, known once persisted) names the series
            scheduled.forEach(meetup -> meetup.seriesId = first.id);
        }
        for (Enrolment learner : learnersNear(first)) {
            if (learner.person.id != personId) {
                if (scheduled.size() == 1) {
                    tell(learner.person, NotificationKind.MEETUP_SCHEDULED, first);
                } else {
                    tell(learner.person, NotificationKind.MEETUP_SERIES_SCHEDULED, first, first.organizer, "", null,
                            Integer.toString(scheduled.size()));
                }
            }
        }
        return first;
    }

    /** The scheduling form of a meetup as it is now (its time in the city's zone), for changing it. */
    public MeetupForm formOf(long meetupId, long personId) {
        Meetup meetup = changeable(staffMeetup(meetupId, personId));
        ZonedDateTime start = meetup.startsAt.atZone(meetup.zone());
        return new MeetupForm(Long.toString(meetup.placeId), start.toLocalDate().toString(), start.toLocalTime().toString(),
                Integer.toString(meetup.minutes), Integer.toString(meetup.capacity), meetup.venue, meetup.address, meetup.description, null);
    }

    /**
     * Changes a meetup that has not started (its city stays: another city is another meetup). Seats can grow (those
     * waiting move up and are told) but not shrink below those taken. When the time or the place changes, everyone who
     * answered is told and calendars get a new revision; a reminder already sent is sent again for the new time.
     */
    @Transactional
    public Meetup change(long meetupId, long personId, MeetupForm form) {
        Meetup meetup = RowLocks.lockAndReload(changeable(staffMeetup(meetupId, personId)));
        FormErrors errors = new FormErrors();
        Details details = details(errors, form, meetup.zone(), Instant.now());
        long going = MeetupRsvp.count(meetupId, MeetupRsvp.Status.GOING);
        if (details.capacity() != null && details.capacity() < going) {
            errors.add("capacity", "error.capacity-below-going", List.of(Long.toString(going)));
        }
        errors.throwIfAny();

        boolean moved = !details.start().equals(meetup.startsAt) || details.minutes() != meetup.minutes
                || !details.venue().equals(meetup.venue) || !Objects.equals(details.address(), meetup.address);
        details.applyTo(meetup);
        if (moved) {
            meetup.sequence++;
            meetup.remindedAt = null;
            for (MeetupRsvp rsvp : MeetupRsvp.<MeetupRsvp>list("meetup.id", meetupId)) {
                if (!rsvp.answeredBy(personId)) {
                    tell(rsvp.person, NotificationKind.MEETUP_CHANGED, meetup);
                }
            }
        }
        for (MeetupRsvp next : MeetupRsvp.list(meetupId, MeetupRsvp.Status.WAITLISTED).stream().limit(Math.max(0, meetup.capacity - going))
                .toList()) {
            next.status = MeetupRsvp.Status.GOING;
            tell(next.person, NotificationKind.MEETUP_SEAT, meetup);
        }
        return meetup;
    }

    /** What the scheduling form says besides the city, checked; {@code start} is null when the date or time is not. */
    private record Details(Instant start, Integer minutes, Integer capacity, String venue, String address, String description) {

        void applyTo(Meetup meetup) {
            meetup.startsAt = start;
            meetup.minutes = minutes;
            meetup.capacity = capacity;
            meetup.venue = venue;
            meetup.address = address;
            meetup.description = description;
        }
    }

    /** Checks the form's fields besides the city; the date and time are read in {@code zone} (null while no city is chosen). */
    private static Details details(FormErrors errors, MeetupForm form, ZoneId zone, Instant now) {
        LocalDate date = Texts.parsed(errors, "date", form.date(), LocalDate::parse, "error.date");
        LocalTime time = Texts.parsed(errors, "time", form.time(), LocalTime::parse, "error.time");
        Integer minutes = Texts.parsed(errors, "minutes", form.minutes(), Texts.oneOf(LENGTHS), "error.invalid-choice");
        Integer capacity = Texts.wholeNumber(errors, "capacity", form.capacity(), CAPACITY_MIN, CAPACITY_MAX, true);
        String venue = Texts.check(errors, "venue", form.venue(), true, Meetup.VENUE_MAX);
        String address = Texts.check(errors, "address", form.address(), false, Meetup.ADDRESS_MAX);
        String description = Texts.check(errors, "description", form.description(), false, Meetup.DESCRIPTION_MAX);
        Instant start = null;
        if (zone != null && date != null && time != null) {
            start = ZonedDateTime.of(date, time.truncatedTo(ChronoUnit.MINUTES), zone).toInstant();
            if (!start.isAfter(now)) {
                errors.add("date", "error.session-past");
            } else if (start.isAfter(now.plus(FARTHEST))) {
                errors.add("date", "error.session-too-far");
            }
        }
        return new Details(start, minutes, capacity, venue, address, description);
    }

    /** A meetup can be changed until it starts, unless it is cancelled: 409 otherwise (the page offers no such change). */
    private static Meetup changeable(Meetup meetup) {
        if (meetup.cancelled() || meetup.started(Instant.now())) {
            throw new ClientErrorException(Response.Status.CONFLICT);
        }
        return meetup;
    }

    /** Learners of the course who chose meetups, are not pausing, and live within their travel radius of the meetup's city. */
    private static List<Enrolment> learnersNear(Meetup meetup) {
        int defaultRadius = meetup.course.defaultRadiusKm;
        return Enrolment.<Enrolment>list("course.id = ?1 and profileComplete = true and status <> ?2 and latitude is not null",
                meetup.course.id, Enrolment.Status.PAUSED).stream()
                .filter(e -> e.formatSet().contains(Format.LOCAL_MEETUP))
                .filter(e -> Distances.km(e.latitude, e.longitude, meetup.latitude, meetup.longitude)
                        <= (e.travelRadiusKm == null ? defaultRadius : e.travelRadiusKm))
                .toList();
    }

    /** Calls a meetup off: everyone who answered is told, and calendars drop the event. */
    @Transactional
    public boolean cancel(long meetupId, long personId) {
        Meetup meetup = RowLocks.lockAndReload(staffMeetup(meetupId, personId));
        if (meetup.started(Instant.now())) {
            return false;
        }
        if (!meetup.cancelled()) {
            meetup.cancelledAt = Instant.now();
            meetup.sequence++;
            for (MeetupRsvp rsvp : MeetupRsvp.<MeetupRsvp>list("meetup.id", meetupId)) {
                if (!rsvp.answeredBy(personId)) {
                    tell(rsvp.person, NotificationKind.MEETUP_CANCELLED, meetup);
                }
            }
        }
        return true;
    }

    /**
     * An organizer writes to those who answered (going or waiting), until the meetup is over; they are told, and the
     * e-mail quotes the message. Everyone who can see the meetup reads it on its page.
     */
    @Transactional
    public MeetupMessage write(long meetupId, long personId, String body) {
        Meetup meetup = RowLocks.lockAndReload(staffMeetup(meetupId, personId)); // two messages at once keep to the limit
        FormErrors errors = new FormErrors();
        String text = Texts.check(errors, "message", body, true, MeetupMessage.BODY_MAX);
        if (meetup.cancelled() || !meetup.endsAt().isAfter(Instant.now())) {
            errors.add("message", "error.meetup-message-closed");
        } else if (MeetupMessage.count(meetupId) >= MeetupMessage.PER_MEETUP_MAX) {
            errors.add("message", "error.meetup-message-limit");
        }
        errors.throwIfAny();
        MeetupMessage message = new MeetupMessage();
        message.meetup = meetup;
        message.author = Person.findById(personId);
        message.body = text;
        message.createdAt = Instant.now();
        message.persist();
        for (MeetupRsvp rsvp : MeetupRsvp.<MeetupRsvp>list("meetup.id", meetupId)) {
            if (rsvp.person != null && !rsvp.answeredBy(personId)) { // a meetup under way keeps the answers of deleted accounts
                tell(rsvp.person, NotificationKind.MEETUP_MESSAGE, meetup, message.author, "#messages", text);
            }
        }
        return message;
    }

    /** Records who came, once the meetup has started: those ticked came, the other seat-holders did not. */
    @Transactional
    public void recordAttendance(long meetupId, long personId, List<String> attended) {
        Meetup meetup = staffMeetup(meetupId, personId);
        if (!meetup.started(Instant.now()) || meetup.cancelled()) {
            throw InvalidInputException.of("attended", "error.meetup-not-started");
        }
        // the seats of deleted accounts keep what was recorded: they have no box to tick
        List<MeetupRsvp> going = MeetupRsvp.list(meetupId, MeetupRsvp.Status.GOING).stream().filter(r -> r.person != null).toList();
        Set<Long> goingIds = new HashSet<>(going.stream().map(r -> r.person.id).toList());
        Set<Long> came = new HashSet<>();
        for (String value : attended == null ? List.<String>of() : attended) {
            try {
                long id = Long.parseLong(value.strip());
                if (!goingIds.contains(id)) {
                    throw new NumberFormatException("not going: " + id);
                }
                came.add(id);
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("attended", "error.invalid-choice");
            }
        }
        for (MeetupRsvp rsvp : going) {
            rsvp.attended = came.contains(rsvp.person.id);
        }
    }

    // ------------------------------------------------------------------ learners

    /**
     * Answers "I am going": a seat while there are some, else the end of the waiting list. Answering twice changes
     * nothing. Only learners of the course answer, and only before the start of a meetup that is on.
     */
    @Transactional
    public MeetupRsvp.Status attend(long meetupId, long personId) {
        Meetup meetup = learnerMeetup(meetupId, personId);
        // one answer at a time per meetup, so that two last-seat answers cannot both get it
        RowLocks.lockAndReload(meetup);
        Optional<MeetupRsvp> existing = MeetupRsvp.of(meetupId, personId);
        if (existing.isPresent()) {
            return existing.get().status;
        }
        if (meetup.cancelled() || meetup.started(Instant.now())) {
            throw InvalidInputException.of("rsvp", "error.meetup-closed");
        }
        return answer(meetup, personId);
    }

    /**
     * Answers "I am going" to every date of the meetup's weekly series still to come and not answered yet (a seat, or
     * the waiting list of a full one), as a learner commits to a learning circle; returns how many dates were answered.
     */
    @Transactional
    public int attendSeries(long meetupId, long personId) {
        Meetup meetup = learnerMeetup(meetupId, personId);
        if (meetup.seriesId == null) {
            throw InvalidInputException.of("rsvp", "error.meetup-not-series");
        }
        Instant now = Instant.now();
        int answered = 0;
        // locked in date order, the same for everyone, so that two learners answering a series cannot deadlock
        for (Meetup date : Meetup.<Meetup>list("seriesId = ?1 order by startsAt, id", meetup.seriesId)) {
            RowLocks.lockAndReload(date);
            if (!date.cancelled() && !date.started(now) && MeetupRsvp.of(date.id, personId).isEmpty()) {
                answer(date, personId);
                answered++;
            }
        }
        if (answered == 0) {
            throw InvalidInputException.of("rsvp", "error.meetup-series-answered");
        }
        return answered;
    }

    /** A seat while there are some, else the end of the waiting list; the caller holds the meetup's row lock. */
    private static MeetupRsvp.Status answer(Meetup meetup, long personId) {
        MeetupRsvp rsvp = new MeetupRsvp();
        rsvp.meetup = meetup;
        rsvp.person = Person.findById(personId);
        rsvp.status = MeetupRsvp.count(meetup.id, MeetupRsvp.Status.GOING) < meetup.capacity ? MeetupRsvp.Status.GOING
                : MeetupRsvp.Status.WAITLISTED;
        rsvp.answeredAt = Instant.now();
        rsvp.persist();
        return rsvp.status;
    }

    /** Withdraws the person's answer; a freed seat goes to the first on the waiting list, who is told. */
    @Transactional
    public void withdraw(long meetupId, long personId) {
        Meetup meetup = learnerMeetup(meetupId, personId);
        RowLocks.lockAndReload(meetup);
        if (meetup.started(Instant.now())) {
            throw InvalidInputException.of("rsvp", "error.meetup-closed");
        }
        withdrawUnchecked(meetup, personId);
    }

    private void withdrawUnchecked(Meetup meetup, long personId) {
        Optional<MeetupRsvp> rsvp = MeetupRsvp.of(meetup.id, personId);
        if (rsvp.isEmpty()) {
            return;
        }
        boolean freedSeat = rsvp.get().status == MeetupRsvp.Status.GOING;
        rsvp.get().delete();
        if (freedSeat && !meetup.cancelled()) {
            MeetupRsvp.list(meetup.id, MeetupRsvp.Status.WAITLISTED).stream().findFirst().ifPresent(next -> {
                next.status = MeetupRsvp.Status.GOING;
                tell(next.person, NotificationKind.MEETUP_SEAT, meetup);
            });
        }
    }

    /** Someone leaving the course (or deleting their account) gives up their answers to meetups to come. */
    void leaveMeetups(@Observes LeavingCourse leaving) {
        Instant now = Instant.now();
        for (MeetupRsvp rsvp : MeetupRsvp.<MeetupRsvp>list("person.id = ?1 and meetup.course.id = ?2", leaving.personId(),
                leaving.courseId())) {
            if (!rsvp.meetup.started(now)) {
                withdrawUnchecked(RowLocks.lockAndReload(rsvp.meetup), leaving.personId());
            }
        }
    }

    // ------------------------------------------------------------------ calendar, reminders, export

    public String calendar(long meetupId, long personId, Locale locale) {
        Meetup meetup = existing(meetupId);
        courses.requireMembership(meetup.course.id, personId);
        CalendarFile.Event event = event(meetup, locale);
        return new CalendarFile(event.summary(), Instant.now()).add(event).build();
    }

    /** The meetups the person goes to or organizes, for their calendar feed (the same events as the meetups' files). */
    void addToFeed(@Observes CalendarFeed feed) {
        Meetup.<Meetup>list("""
                from Meetup m join fetch m.course
                where m.startsAt >= ?2 and (m.organizer.id = ?1
                    or exists (select r.id from MeetupRsvp r where r.meetup = m and r.person.id = ?1 and r.status = ?3))
                order by m.startsAt""", feed.personId(), feed.since(), MeetupRsvp.Status.GOING)
                .forEach(meetup -> feed.add(event(meetup, feed.locale())));
    }

    /** The meetups to come in the next two weeks that the person goes to, waits for or organizes, for their courses page. */
    void addComingUp(@Observes ComingUp comingUp) {
        Instant now = comingUp.now();
        List<MeetupRsvp> answers = MeetupRsvp.list("""
                from MeetupRsvp r join fetch r.person join fetch r.meetup m join fetch m.course left join fetch m.organizer
                where r.person.id = ?1 and m.startsAt >= ?2 and m.startsAt < ?3 and m.cancelledAt is null""",
                comingUp.personId(), now, comingUp.until());
        answers.forEach(r -> comingUp.add(comingUpItem(r.meetup, r.status == MeetupRsvp.Status.WAITLISTED, comingUp.locale())));
        Meetup.<Meetup>list("""
                from Meetup m join fetch m.course join fetch m.organizer
                where m.organizer.id = ?1 and m.startsAt >= ?2 and m.startsAt < ?3 and m.cancelledAt is null
                  and not exists (select r.id from MeetupRsvp r where r.meetup = m and r.person.id = ?1)""",
                comingUp.personId(), now, comingUp.until()).forEach(m -> comingUp.add(comingUpItem(m, false, comingUp.locale())));
    }

    private static ComingUp.Item comingUpItem(Meetup meetup, boolean waiting, Locale locale) {
        return new ComingUp.Item(meetup.startsAt, I18n.message(locale, "meetup.summary", meetup.course.title, meetup.cityName),
                When.span(meetup.startsAt, meetup.endsAt(), meetup.zone(), locale) + " (" + meetup.timeZone + ")", meetup.venue,
                "/meetups/" + meetup.id, waiting);
    }

    private CalendarFile.Event event(Meetup meetup, Locale locale) {
        String url = baseUrl + "/meetups/" + meetup.id;
        String title = I18n.message(locale, "meetup.summary", meetup.course.title, meetup.cityName);
        String location = meetup.address == null ? meetup.venue + ", " + meetup.cityName : meetup.venue + ", " + meetup.address;
        String description = meetup.description == null ? url : meetup.description + "\n\n" + url;
        return new CalendarFile.Event("entraide-meetup-" + meetup.id + "@" + URI.create(baseUrl).getHost(), meetup.sequence,
                meetup.startsAt, meetup.endsAt(), title, location, description, url, meetup.cancelled());
    }

    /** Reminds those going to meetups that start within a day (once per meetup); returns how many meetups were done. */
    @Transactional
    public int remindDue(Instant now) {
        List<Meetup> due = Meetup.list("remindedAt is null and cancelledAt is null and startsAt > ?1 and startsAt <= ?2", now,
                now.plus(REMIND_BEFORE));
        for (Meetup meetup : due) {
            meetup.remindedAt = now;
            for (MeetupRsvp rsvp : MeetupRsvp.list(meetup.id, MeetupRsvp.Status.GOING)) {
                tell(rsvp.person, NotificationKind.MEETUP_REMINDER, meetup);
            }
        }
        return due.size();
    }

    /** A meetup the person answered or organized, as "Download my data" lists it. */
    public record MeetupData(long meetupId, long courseId, String city, String venue, Instant startsAt, int minutes, String answer,
            Boolean attended) {
    }

    /** A message the person wrote to those who answered a meetup, as "Download my data" lists it. */
    public record MessageData(long meetupId, Instant writtenAt, String body) {
    }

    void exportMeetups(@Observes AccountExport export) {
        export.add("meetupAnswers", MeetupRsvp.<MeetupRsvp>list("person.id = ?1 order by answeredAt", export.personId()).stream()
                .map(r -> data(r.meetup, r.status.name(), r.attended)).toList());
        export.add("meetupsOrganized", Meetup.<Meetup>list("organizer.id = ?1 order by startsAt", export.personId()).stream()
                .map(m -> data(m, "ORGANIZER", null)).toList());
        export.add("meetupMessages", MeetupMessage.<MeetupMessage>list("author.id = ?1 order by createdAt", export.personId()).stream()
                .map(m -> new MessageData(m.meetup.id, m.createdAt, m.body)).toList());
    }

    private static MeetupData data(Meetup m, String answer, Boolean attended) {
        return new MeetupData(m.id, m.course.id, m.cityName, m.venue, m.startsAt, m.minutes, answer, attended);
    }

    // ------------------------------------------------------------------ rules

    /** The course if the person organizes meetups for it (organizers, the course team, platform admins); 403 for learners. */
    Course requireStaff(long courseId, long personId) {
        CourseService.Membership membership = courses.requireMembership(courseId, personId);
        if (!isStaff(membership, personId)) {
            throw new ForbiddenException();
        }
        return membership.course();
    }

    private static boolean isStaff(CourseService.Membership membership, long personId) {
        return membership.team() || membership.organizer() || Person.<Person>findById(personId).platformAdmin;
    }

    private Meetup staffMeetup(long meetupId, long personId) {
        Meetup meetup = existing(meetupId);
        requireStaff(meetup.course.id, personId);
        return meetup;
    }

    /** The meetup if the person is a learner of its course; 404 for strangers, 403 for staff without a learner profile. */
    private Meetup learnerMeetup(long meetupId, long personId) {
        Meetup meetup = existing(meetupId);
        if (courses.requireMembership(meetup.course.id, personId).enrolment().isEmpty()) {
            throw new ForbiddenException();
        }
        return meetup;
    }

    private static Meetup existing(long meetupId) {
        Meetup meetup = Meetup.findById(meetupId);
        if (meetup == null) {
            throw new NotFoundException();
        }
        return meetup;
    }

    Optional<Place> placeOf(String placeId) {
        try {
            return placeId == null ? Optional.empty() : geo.place(Long.parseLong(placeId.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Tells the person about the meetup, naming its organizer. */
    private void tell(Person person, NotificationKind kind, Meetup meetup) {
        tell(person, kind, meetup, meetup.organizer, "", null);
    }

    /**
     * Tells the person about the meetup: course title, who acted, when (in the city's zone), city and venue; the
     * e-mail quotes {@code quoted} when there is one.
     */
    private void tell(Person person, NotificationKind kind, Meetup meetup, Person actor, String fragment, String quoted, String... more) {
        Locale locale = person.mailLocale();
        List<String> args = new ArrayList<>(List.of(meetup.course.title, actor == null ? "" : actor.firstName(),
                When.withZone(meetup.startsAt, meetup.zone(), locale), meetup.cityName + " · " + meetup.venue));
        args.addAll(List.of(more));
        notifications.notifyQuoting(person, kind, actor, "/meetups/" + meetup.id + fragment, quoted, args.toArray(String[]::new));
    }
}
