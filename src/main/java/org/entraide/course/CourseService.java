package org.entraide.course;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountDeleting;
import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.profile.Enrolment;
import org.entraide.profile.EnumSets;
import org.entraide.profile.Format;
import org.entraide.profile.Languages;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Queries;
import org.entraide.web.Texts;

import io.quarkus.security.ForbiddenException;

/** Courses, their settings, their staff and their invite links. Every method checks the caller's rights. */
@ApplicationScoped
public class CourseService {

    public static final int TITLE_MAX = 150;
    public static final int DESCRIPTION_MAX = 4000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Event<NewSessionOpened> newSessions;

    CourseService(Event<NewSessionOpened> newSessions) {
        this.newSessions = newSessions;
    }

    /** The course form as submitted (strings, so that a rejected form is shown back exactly as typed). */
    public record CourseForm(String title, String description, String platform, String url, List<String> languages,
            String startDate, String endDate, String weeks, List<String> formats, String groupMin, String groupMax,
            String minOverlapHours, String consentWindowDays, String defaultRadiusKm, boolean signupOpen) {

        public static CourseForm defaults() {
            return new CourseForm("", "", "", "", List.of("en"), "", "", "", List.of(Format.TANDEM.name(), Format.STUDY_GROUP.name()),
                    "3", "6", "2", "5", "25", true);
        }

        /** The form of a new session of the course: the same settings, without the dates, sign-up open. */
        public static CourseForm nextSessionOf(Course course) {
            CourseForm same = of(course);
            return new CourseForm(same.title, same.description, same.platform, same.url, same.languages, "", "", same.weeks, same.formats,
                    same.groupMin, same.groupMax, same.minOverlapHours, same.consentWindowDays, same.defaultRadiusKm, true);
        }

        public static CourseForm of(Course course) {
            return new CourseForm(course.title, nullToEmpty(course.description), nullToEmpty(course.platform), nullToEmpty(course.url),
                    List.copyOf(course.languageSet()), course.startDate == null ? "" : course.startDate.toString(),
                    course.endDate == null ? "" : course.endDate.toString(), course.weeks == null ? "" : course.weeks.toString(),
                    course.formatSet().stream().map(Enum::name).toList(), String.valueOf(course.groupMin), String.valueOf(course.groupMax),
                    String.valueOf(course.minOverlapHours), String.valueOf(course.consentWindowDays), String.valueOf(course.defaultRadiusKm),
                    course.signupOpen);
        }

        public boolean hasLanguage(String code) {
            return languages != null && languages.contains(code);
        }

        public boolean hasFormat(String format) {
            return formats != null && formats.contains(format);
        }
    }

    @Transactional
    public Course create(long personId, CourseForm form) {
        Course course = new Course();
        apply(course, form);
        course.inviteCode = newCode();
        course.createdAt = Instant.now();
        course.persist();
        CourseRole.grant(course, Person.findById(personId), CourseRole.Kind.TEAM);
        return course;
    }

    /**
     * A new session of a course (as Open edX re-runs and Canvas copies a course): the settings as the form gives them, the
     * source's matching rules, a new invite link, and, if asked, the source's team and organizers. Its learners, groups,
     * meetups and announcements stay with the source, since they belong to that session; if asked, its learners are told
     * of the new session with its invite link, so that those who want to can join it.
     */
    @Transactional
    public Course copy(long sourceId, long personId, CourseForm form, boolean withStaff, boolean tellLearners) {
        Course source = requireTeam(sourceId, personId);
        Course copy = create(personId, form);
        copy.weights = source.weights;
        copy.rollingEnabled = source.rollingEnabled;
        copy.rollingCadenceHours = source.rollingCadenceHours;
        copy.maxWaitDays = source.maxWaitDays;
        copy.meetupMinSize = source.meetupMinSize;
        copy.importAllowed = source.importAllowed; // a new session of a course the administrator trusted, by its team
        if (withStaff) {
            for (CourseRole role : CourseRole.ofCourse(sourceId)) {
                boolean grantedByCreate = role.person.id == personId && role.role == CourseRole.Kind.TEAM;
                if (!grantedByCreate) {
                    CourseRole.grant(copy, role.person, role.role);
                }
            }
        }
        if (tellLearners) {
            newSessions.fire(new NewSessionOpened(sourceId, copy.id, personId));
        }
        return copy;
    }

    @Transactional
    public void updateSettings(long courseId, long personId, CourseForm form) {
        Course course = requireTeam(courseId, personId);
        apply(course, form);
    }

    @Transactional
    public void resetInviteCode(long courseId, long personId) {
        requireTeam(courseId, personId).inviteCode = newCode();
    }

    /** Removes a staff role; the last course-team member cannot be removed, so a course is never orphaned. */
    @Transactional
    public void removeStaff(long courseId, long personId, long roleId) {
        requireTeam(courseId, personId);
        CourseRole role = CourseRole.findById(roleId);
        if (role == null || !role.course.id.equals(courseId)) {
            throw new NotFoundException();
        }
        if (role.role == CourseRole.Kind.TEAM && Queries.count(CourseRole.class, "course.id = ?1 and role = ?2", courseId, CourseRole.Kind.TEAM) <= 1) {
            throw InvalidInputException.of("email", "error.last-team-member");
        }
        role.delete();
    }

    /**
     * A course keeps a course team: an account that is the only team member of a course other people take part in is not
     * deleted, and the message names those courses. A course nobody else is in goes with the account.
     */
    void keepCoursesStaffed(@Observes @Priority(AccountDeleting.CHECK) AccountDeleting deleted) {
        long personId = deleted.personId();
        List<Object[]> soleTeam = Course.getEntityManager().createQuery("""
                select r.course.id, r.course.title from CourseRole r
                where r.person.id = ?1 and r.role = ?2
                  and not exists (select o.id from CourseRole o where o.course = r.course and o.role = ?2 and o.person.id <> ?1)
                order by r.course.title""", Object[].class)
                .setParameter(1, personId).setParameter(2, CourseRole.Kind.TEAM).getResultList();
        List<String> othersTakePart = new ArrayList<>();
        List<Long> nobodyElse = new ArrayList<>();
        for (Object[] course : soleTeam) {
            long courseId = (Long) course[0];
            boolean others = Queries.count(Enrolment.class, "course.id = ?1 and person.id <> ?2", courseId, personId) > 0
                    || Queries.count(CourseRole.class, "course.id = ?1 and person.id <> ?2", courseId, personId) > 0;
            if (others) {
                othersTakePart.add((String) course[1]);
            } else {
                nobodyElse.add(courseId);
            }
        }
        if (!othersTakePart.isEmpty()) {
            throw new InvalidInputException(new FormErrors().add("confirm", "error.account-sole-team", List.of(String.join(", ", othersTakePart))));
        }
        if (!nobodyElse.isEmpty()) {
            // a bulk delete, so that the database removes the course's own rows with it
            Course.delete("id in ?1", nobodyElse);
        }
    }

    /** A role the person holds, as "Download my data" lists it. */
    public record RoleData(long courseId, String course, CourseRole.Kind role) {
    }

    void exportRoles(@Observes AccountExport export) {
        export.add("courseRoles", CourseRole.<CourseRole>list("person.id = ?1 order by course.id", export.personId()).stream()
                .map(role -> new RoleData(role.course.id, role.course.title, role.role)).toList());
        export.add("staffInvitations", StaffInvite.<StaffInvite>list("person.id = ?1 order by invitedAt", export.personId()).stream()
                .map(invite -> new RoleData(invite.course.id, invite.course.title, invite.role)).toList());
    }

    /** The course if the person is on its team; 404 for strangers, 403 for its learners and organizers. */
    public Course requireTeam(long courseId, long personId) {
        Course course = Course.findById(courseId);
        if (course == null) {
            throw new NotFoundException();
        }
        if (CourseRole.has(courseId, personId, CourseRole.Kind.TEAM) || isPlatformAdmin(personId)) {
            return course;
        }
        if (isMember(courseId, personId)) {
            throw new ForbiddenException();
        }
        throw new NotFoundException();
    }

    /** The person's place in a course: their enrolment (if a learner) and roles, read once for a page. */
    public record Membership(Course course, Optional<Enrolment> enrolment, Set<CourseRole.Kind> roles) {

        public boolean team() {
            return roles.contains(CourseRole.Kind.TEAM);
        }

        public boolean organizer() {
            return roles.contains(CourseRole.Kind.ORGANIZER);
        }
    }

    /** The person's membership of the course in any role; 404 otherwise (platform admins excepted), so existence does not leak. */
    public Membership requireMembership(long courseId, long personId) {
        // one statement for the course, the enrolment and the roles: every course page starts here
        List<Object[]> rows = Course.getEntityManager().createQuery("""
                select c, e, r.role from Course c
                left join Enrolment e on e.course = c and e.person.id = ?2
                left join CourseRole r on r.course = c and r.person.id = ?2
                where c.id = ?1""", Object[].class)
                .setParameter(1, courseId).setParameter(2, personId).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException();
        }
        Set<CourseRole.Kind> roles = EnumSet.noneOf(CourseRole.Kind.class);
        rows.stream().map(row -> (CourseRole.Kind) row[2]).filter(Objects::nonNull).forEach(roles::add);
        Membership membership = new Membership((Course) rows.get(0)[0], Optional.ofNullable((Enrolment) rows.get(0)[1]), roles);
        if (membership.enrolment().isEmpty() && roles.isEmpty() && !isPlatformAdmin(personId)) {
            throw new NotFoundException();
        }
        return membership;
    }

    /** The course if the person takes part in it in any role; 404 otherwise, so existence does not leak. */
    public Course requireMember(long courseId, long personId) {
        return requireMembership(courseId, personId).course();
    }

    public boolean isMember(long courseId, long personId) {
        return !CourseRole.kindsOf(courseId, personId).isEmpty() || Enrolment.find(courseId, personId).isPresent();
    }

    /** A platform administrator's decision about the course; 403 for anyone else. */
    public Course requireAdmin(long courseId, long personId) {
        Course course = requireTeam(courseId, personId);
        if (!isPlatformAdmin(personId)) {
            throw new ForbiddenException();
        }
        return course;
    }

    private static boolean isPlatformAdmin(long personId) {
        Person person = Person.findById(personId);
        return person != null && person.platformAdmin;
    }

    private static void apply(Course course, CourseForm form) {
        FormErrors errors = new FormErrors();
        String title = Texts.check(errors, "title", form.title(), true, TITLE_MAX);
        String description = Texts.check(errors, "description", form.description(), false, DESCRIPTION_MAX);
        String platform = Texts.check(errors, "platform", form.platform(), false, 80);
        String url = Texts.check(errors, "url", form.url(), false, 500);
        if (url != null && !errors.has("url") && !isWebAddress(url)) {
            errors.add("url", "error.url");
        }
        Set<String> languages = new LinkedHashSet<>();
        for (String code : form.languages() == null ? List.<String>of() : form.languages()) {
            if (!Languages.isKnown(code)) {
                errors.add("languages", "error.invalid-choice");
            }
            languages.add(code);
        }
        if (languages.isEmpty()) {
            errors.add("languages", "error.choose-one");
        }
        LocalDate start = date(errors, "startDate", form.startDate());
        LocalDate end = date(errors, "endDate", form.endDate());
        if (start != null && end != null && end.isBefore(start)) {
            errors.add("endDate", "error.end-before-start");
        }
        Integer weeks = Texts.wholeNumber(errors, "weeks", form.weeks(), 1, 104, false);
        Set<Format> formats = EnumSets.fromForm(Format.class, form.formats());
        if (formats == null) {
            errors.add("formats", "error.invalid-choice");
        } else if (formats.isEmpty()) {
            errors.add("formats", "error.choose-one");
        }
        Integer groupMin = Texts.wholeNumber(errors, "groupMin", form.groupMin(), 3, 6, true);
        Integer groupMax = Texts.wholeNumber(errors, "groupMax", form.groupMax(), 3, 6, true);
        if (groupMin != null && groupMax != null && groupMax < groupMin) {
            errors.add("groupMax", "error.max-below-min");
        }
        Integer overlap = Texts.wholeNumber(errors, "minOverlapHours", form.minOverlapHours(), 0, 40, true);
        Integer consent = Texts.wholeNumber(errors, "consentWindowDays", form.consentWindowDays(), 1, 30, true);
        Integer radius = Texts.wholeNumber(errors, "defaultRadiusKm", form.defaultRadiusKm(), 1, 300, true);
        errors.throwIfAny();

        course.title = title;
        course.description = description;
        course.platform = platform;
        course.url = url;
        course.languages = Languages.join(languages);
        course.startDate = start;
        course.endDate = end;
        course.weeks = weeks;
        course.formats = EnumSets.join(formats);
        course.groupMin = groupMin;
        course.groupMax = groupMax;
        course.minOverlapHours = overlap;
        course.consentWindowDays = consent;
        course.defaultRadiusKm = radius;
        course.signupOpen = form.signupOpen();
    }

    private static LocalDate date(FormErrors errors, String field, String value) {
        String trimmed = Texts.trimToNull(value);
        if (trimmed == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(trimmed);
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                errors.add(field, "error.date");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(field, "error.date");
            return null;
        }
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 128 random bits, URL-safe: invite links cannot be guessed. */
    public static String newCode() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
