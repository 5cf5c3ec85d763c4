package org.entraide.profile;

import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;

import org.entraide.account.AccountService;
import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.course.CourseRole;
import org.entraide.course.CourseService;
import org.entraide.geo.GeoService;
import org.entraide.geo.Place;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.web.Texts;

/**
 * Imports learner profiles from the profile CSV ({@code docs/profile-csv.md}) for a course that surveyed its
 * learners elsewhere. All or nothing: one problem anywhere in the file and nothing is written.
 */
@ApplicationScoped
public class ProfileImportService {

    public static final int MAX_ROWS = 20_000;
    /** Learners identified by something other than an e-mail get an address that can never receive mail. */
    public static final String IMPORT_DOMAIN = "import.invalid";
    /** Shown to other learners when the file has no first name. */
    static final String NO_FIRST_NAME = "Learner";
    private static final String PLATFORM_ID = "[A-Za-z0-9._+-]{1,64}";
    /** The import page of a course, where administrators allow imports: {@code IMPORT_PAGE.formatted(courseId)}. */
    private static final String IMPORT_PAGE = "/courses/%d/manage/import";

    private final CourseService courses;
    private final GeoService geo;
    private final NotificationService notifications;

    ProfileImportService(CourseService courses, GeoService geo, NotificationService notifications) {
        this.courses = courses;
        this.geo = geo;
        this.notifications = notifications;
    }

    /**
     * One problem of the file: at a line (problems of the CSV itself) or for a learner (checks that need the
     * database or the gazetteer), told by an i18n key and its arguments.
     */
    public record Problem(Integer line, String externalId, String column, String messageKey, List<String> args) {
        Problem(Integer line, String externalId, String column, String messageKey, String... args) {
            this(line, externalId, column, messageKey, List.of(args));
        }
    }

    /** Nothing was imported; the problems say why. */
    public static class ImportRejected extends RuntimeException {
        public final transient List<Problem> problems;

        ImportRejected(List<Problem> problems) {
            super("profile import rejected: " + problems.size() + " problem(s)");
            this.problems = problems;
        }
    }

    /**
     * Learners added to the course, learners whose answers were written, learners who kept their own answers, and people
     * not added because they have an account of their own and are not in the course ({@code notAdded}).
     */
    public record Imported(int created, int updated, int kept, int notAdded) {
    }

    /**
     * Reads the file and creates or updates one enrolment per row, or throws {@link ImportRejected} having written
     * nothing. A learner who answered in Entraide themselves keeps their answers: the file does not overwrite them.
     */
    @Transactional
    public Imported importCsv(long courseId, long personId, Reader csv) {
        Course course = courses.requireTeam(courseId, personId);
        if (!course.importAllowed) {
            throw rejected(new Problem(null, null, null, "import.problem.not-allowed"));
        }
        LearnerProfileCsv.Result result;
        try {
            result = LearnerProfileCsv.read(csv);
        } catch (UncheckedIOException e) {
            throw rejected(new Problem(null, null, null, "import.problem.unreadable"));
        }
        List<Problem> problems = new ArrayList<>();
        for (LearnerProfileCsv.RowError error : result.errors()) {
            problems.add(new Problem(error.line(), null, error.column(), error.messageKey(), error.args()));
        }
        if (!problems.isEmpty()) {
            throw new ImportRejected(problems);
        }
        List<LearnerProfile> profiles = result.profiles();
        if (profiles.isEmpty()) {
            throw rejected(new Problem(null, null, null, "import.problem.empty"));
        }
        if (profiles.size() > MAX_ROWS) {
            throw rejected(new Problem(null, null, null, "import.problem.too-many"));
        }

        List<Row> rows = new ArrayList<>();
        Map<String, String> externalIdByEmail = new HashMap<>();
        for (LearnerProfile profile : profiles) {
            Row row = check(profile, problems);
            if (row == null) {
                continue;
            }
            String earlier = externalIdByEmail.putIfAbsent(row.email, profile.externalId());
            if (earlier != null) {
                problems.add(new Problem(null, profile.externalId(), "external_id", "import.problem.same-person", earlier));
                continue;
            }
            rows.add(row);
        }
        if (!problems.isEmpty()) {
            throw new ImportRejected(problems);
        }

        Map<String, Person> persons = existingPersons(rows.stream().map(r -> r.email).toList());
        Map<Long, Enrolment> enrolments = new HashMap<>();
        for (Enrolment enrolment : Enrolment.<Enrolment>list("course.id = ?1", courseId)) {
            enrolments.put(enrolment.person.id, enrolment);
        }
        Instant now = Instant.now();
        int created = 0;
        int updated = 0;
        int kept = 0;
        int notAdded = 0;
        for (Row row : rows) {
            Person person = persons.get(row.email);
            if (person != null && person.ownsAccount() && !enrolments.containsKey(person.id)) {
                // people who made an account join courses themselves: otherwise anyone could create a course, import the
                // e-mails they know, read the names of those accounts and have Entraide send them proposals
                notAdded++;
                continue;
            }
            if (person == null) {
                person = new Person();
                person.email = row.email;
                person.displayName = row.profile.firstName() == null ? NO_FIRST_NAME : row.profile.firstName();
                person.createdAt = now;
                person.persist();
            }
            Enrolment enrolment = enrolments.get(person.id);
            if (enrolment != null && enrolment.answeredByLearner()) {
                kept++;
                continue;
            }
            if (enrolment == null) {
                enrolment = new Enrolment();
                enrolment.course = course;
                enrolment.person = person;
                enrolment.joinedAt = now;
                created++;
            } else {
                updated++;
            }
            apply(enrolment, row, now);
            if (enrolment.id == null) {
                enrolment.persist();
            }
        }
        return new Imported(created, updated, kept, notAdded);
    }

    /**
     * A platform administrator allows ("yes") or stops ("no") imports for the course; returns whether they are allowed.
     * The course team is told when they become allowed, since it may have asked.
     */
    @Transactional
    public boolean allowImport(long courseId, long personId, String answer) {
        Course course = courses.requireAdmin(courseId, personId);
        if (!"yes".equals(answer) && !"no".equals(answer)) {
            throw new BadRequestException();
        }
        boolean allowed = "yes".equals(answer);
        if (allowed && !course.importAllowed) {
            for (CourseRole member : CourseRole.ofCourse(courseId)) {
                if (member.role == CourseRole.Kind.TEAM && member.person.id.longValue() != personId) {
                    notifications.notify(member.person, NotificationKind.IMPORT_ALLOWED, IMPORT_PAGE.formatted(courseId), course.title);
                }
            }
        }
        course.importAllowed = allowed;
        return allowed;
    }

    /** What became of a course team's request for the permission to import. */
    public enum ImportRequest {
        SENT, NO_ADMINISTRATOR, ALREADY_ALLOWED
    }

    /**
     * The course team asks the platform administrators for the permission to import: each is told, once while the
     * notice is unread, with a link to the page where they allow it.
     */
    @Transactional
    public ImportRequest requestImport(long courseId, long personId) {
        Course course = courses.requireTeam(courseId, personId);
        if (course.importAllowed) {
            return ImportRequest.ALREADY_ALLOWED;
        }
        Person asking = Person.findById(personId);
        List<Person> admins = Person.list("platformAdmin", true);
        for (Person admin : admins) {
            notifications.notifyUnlessUnread(admin, NotificationKind.IMPORT_REQUESTED, asking, IMPORT_PAGE.formatted(courseId), course.title,
                    asking.firstName());
        }
        return admins.isEmpty() ? ImportRequest.NO_ADMINISTRATOR : ImportRequest.SENT;
    }

    /** A profile that passed every check, with what the checks resolved. */
    private record Row(LearnerProfile profile, String email, Place place, double latitude, double longitude) {
    }

    private Row check(LearnerProfile profile, List<Problem> problems) {
        String id = profile.externalId();
        int before = problems.size();
        String email = emailFor(id);
        if (email == null) {
            problems.add(new Problem(null, id, "external_id", "import.problem.external-id"));
        }
        if (profile.firstName() != null && profile.firstName().length() > AccountService.NAME_MAX) {
            problems.add(new Problem(null, id, "first_name", "import.problem.too-long"));
        }
        tooLong(problems, id, "sector", profile.sector(), 100);
        tooLong(problems, id, "organisation", profile.organisation(), 150);
        tooLong(problems, id, "introduction", profile.introduction(), ProfileService.INTRODUCTION_MAX);
        if (profile.zone().getId().length() > 64) {
            problems.add(new Problem(null, id, "time_zone", "import.problem.too-long"));
        }
        boolean hasCoordinates = !Double.isNaN(profile.latitude()) && !Double.isNaN(profile.longitude());
        Place place = null;
        if (profile.placeId() != 0) {
            Optional<Place> known = geo.place(profile.placeId());
            if (known.isPresent()) {
                place = known.get();
            } else if (!hasCoordinates) {
                problems.add(new Problem(null, id, "place_id", "import.problem.unknown-place"));
            }
        }
        if (place == null && hasCoordinates) {
            place = geo.nearest(profile.latitude(), profile.longitude());
        }
        if (problems.size() > before) {
            return null;
        }
        double latitude = hasCoordinates ? profile.latitude() : place == null ? Double.NaN : place.latitude();
        double longitude = hasCoordinates ? profile.longitude() : place == null ? Double.NaN : place.longitude();
        return new Row(profile, email, place, latitude, longitude);
    }

    /**
     * An external id that is an e-mail is the person's e-mail; a platform username or other id becomes
     * {@code <id>@import.invalid}; anything else (spaces, accents…) is refused.
     */
    static String emailFor(String externalId) {
        String normalized = Person.normalizeEmail(externalId);
        if (normalized.contains("@")) {
            return Texts.isEmail(normalized) && normalized.length() <= 254 ? normalized : null;
        }
        return externalId.matches(PLATFORM_ID) ? externalId.toLowerCase(Locale.ROOT) + "@" + IMPORT_DOMAIN : null;
    }

    /**
     * Writes the profile on the enrolment. A learner already in a group stays matched (the new answers count for
     * later matching); everyone else waits, keeping their place in the queue if they were already waiting.
     */
    private static void apply(Enrolment e, Row row, Instant now) {
        LearnerProfile p = row.profile;
        if (e.status != Enrolment.Status.MATCHED) {
            if (e.status != Enrolment.Status.WAITING || e.waitingSince == null) {
                e.waitingSince = now;
            }
            e.status = Enrolment.Status.WAITING;
        }
        e.profileComplete = true;
        e.placeId = row.place == null ? null : row.place.id();
        e.placeName = row.place == null ? null : row.place.label(Locale.ENGLISH);
        e.countryCode = p.countryCode() != null ? p.countryCode() : row.place == null ? null : row.place.countryCode();
        e.latitude = Double.isNaN(row.latitude) ? null : row.latitude;
        e.longitude = Double.isNaN(row.longitude) ? null : row.longitude;
        e.declare(p);
        e.updatedAt = now;
        e.importedAt = now;
    }

    private static Map<String, Person> existingPersons(List<String> emails) {
        Map<String, Person> persons = new HashMap<>();
        for (int from = 0; from < emails.size(); from += 1000) {
            for (Person person : Person.<Person>list("email in ?1", emails.subList(from, Math.min(emails.size(), from + 1000)))) {
                persons.put(person.email, person);
            }
        }
        return persons;
    }

    private static void tooLong(List<Problem> problems, String externalId, String column, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new Problem(null, externalId, column, "import.problem.too-long"));
        }
    }

    private static ImportRejected rejected(Problem problem) {
        return new ImportRejected(List.of(problem));
    }
}
