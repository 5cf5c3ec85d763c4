package org.entraide.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.entraide.account.Person;
import org.entraide.availability.WeekMask;
import org.entraide.course.Course;
import org.entraide.course.CourseAnnouncement;
import org.entraide.course.CourseRole;
import org.entraide.course.CourseService;
import org.entraide.geo.Distances;
import org.entraide.geo.GeoService;
import org.entraide.group.GroupMember;
import org.entraide.group.LearningGroup;
import org.entraide.meetup.Meetup;
import org.entraide.meetup.MeetupMessage;
import org.entraide.meetup.MeetupRsvp;
import org.entraide.profile.CourseResult;
import org.entraide.profile.Enrolment;
import org.entraide.profile.EnumSets;
import org.entraide.profile.Format;
import org.entraide.profile.LearnerProfile;
import org.entraide.profile.Modality;
import org.entraide.profile.PartnersHelped;
import org.entraide.profile.population.PopulationGenerator;
import org.jboss.logging.Logger;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;

/**
 * The "Demo MOOC" a newcomer sees on the embedded default: a course-team account, a learner account and
 * about 300 generated learners. Created once, at first start, and only where {@code entraide.demo-data} is on (dev).
 */
@ApplicationScoped
public class DemoData {

    public static final String COURSE_TITLE = "Demo MOOC — Data literacy for everyone";
    public static final String TEAM_EMAIL = "team@entraide.localhost";
    public static final String LEARNER_EMAIL = "learner@entraide.localhost";
    public static final String PASSWORD = "demo-password";
    static final int LEARNERS = 300;
    public static final String PAST_COURSE_TITLE = "Demo MOOC — Climate basics";
    /** Learners of the ended course (the demo learner first), of whom the first after them are in its study groups. */
    static final int PAST_LEARNERS = 40;
    static final int PAST_GROUPS = 4;
    private static final Logger LOG = Logger.getLogger(DemoData.class);

    private final EntraideConfig config;
    private final GeoService geo;

    DemoData(EntraideConfig config, GeoService geo) {
        this.config = config;
        this.geo = geo;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.demoData()) {
            create();
        }
    }

    @Transactional
    void create() {
        if (Course.count("title", COURSE_TITLE) > 0) {
            return;
        }
        Person team = account(TEAM_EMAIL, "Camille Team");
        Person learner = account(LEARNER_EMAIL, "Lou Learner");

        Course course = course(COURSE_TITLE, "A six-week introduction to reading, questioning and presenting data. Study with others:"
                + " a tandem, a small group or a meetup near you.", LocalDate.now().plusWeeks(1), team);

        List<LearnerProfile> profiles = new PopulationGenerator(geo.gazetteer(), 2026).generate(LEARNERS);
        List<Enrolment> enrolments = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            LearnerProfile profile = profiles.get(i);
            Person person = i == 0 ? learner : generatedPerson(profile, "learner" + i + "@demo.entraide.localhost");
            Enrolment enrolment = enrol(course, person, profile);
            if (i == 0) {
                makeTypical(enrolment);
            }
            enrolments.add(enrolment);
        }
        meetupInParis(course, team, enrolments.subList(1, enrolments.size()));
        welcome(course, team, enrolments);
        pastCourse(team, profiles, enrolments);
        LOG.infof("Demo data: course \"%s\" with %d learners. Sign in as %s or %s, password %s; invite link %s/join/%s",
                COURSE_TITLE, profiles.size(), TEAM_EMAIL, LEARNER_EMAIL, PASSWORD, config.baseUrl(), course.inviteCode);
    }

    /** A six-week course from {@code start}, offering every format, with its course team. */
    private static Course course(String title, String description, LocalDate start, Person team) {
        Course course = new Course();
        course.title = title;
        course.description = description;
        course.platform = "FUN-MOOC";
        course.url = "https://www.fun-mooc.fr/";
        course.languages = "fr,en";
        course.startDate = start;
        course.endDate = start.plusWeeks(6);
        course.weeks = 6;
        course.formats = EnumSets.join(EnumSet.allOf(Format.class));
        course.groupMin = 3;
        course.groupMax = 6;
        course.minOverlapHours = 2;
        course.consentWindowDays = 5;
        course.defaultRadiusKm = 25;
        // a small demo population: meetups of three already show where learners could meet
        course.meetupMinSize = 3;
        course.signupOpen = true;
        course.importAllowed = true; // the demo's own courses, so that the import page can be tried
        course.inviteCode = CourseService.newCode();
        course.createdAt = Instant.now();
        course.persist();
        CourseRole.grant(course, team, CourseRole.Kind.TEAM);
        return course;
    }

    /**
     * A course that ended two days ago, so that the demo shows a course's end: the demo learner is asked how it went,
     * and the course team's outcomes page counts the answers the first generated learners gave (made up here: most of
     * those in study groups finished, fewer of the others), those in four study groups of four and the others apart.
     */
    private void pastCourse(Person team, List<LearnerProfile> profiles, List<Enrolment> current) {
        LocalDate start = LocalDate.now().minusDays(2).minusWeeks(6);
        Course course = course(PAST_COURSE_TITLE, "Six weeks on how the climate works and changes. The course is over: tell us how it went.",
                start, team);
        course.rollingEnabled = false;
        Instant began = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<LearningGroup> groups = new ArrayList<>();
        for (int g = 0; g < PAST_GROUPS; g++) {
            LearningGroup group = new LearningGroup();
            group.course = course;
            group.format = Format.STUDY_GROUP;
            group.status = LearningGroup.Status.ACTIVE;
            group.modality = Modality.VIDEO_CALL;
            group.createdAt = began.plus(Duration.ofDays(7));
            group.lastActivityAt = Instant.now().minus(Duration.ofDays(3));
            group.persist();
            groups.add(group);
        }
        for (int i = 0; i < PAST_LEARNERS; i++) {
            Enrolment e = enrol(course, current.get(i).person, profiles.get(i));
            e.joinedAt = began;
            e.waitingSince = began;
            e.updatedAt = began;
            if (i == 0) {
                continue; // the demo learner has the question to answer
            }
            boolean inGroup = i <= PAST_GROUPS * 4;
            if (inGroup) {
                GroupMember member = new GroupMember();
                member.group = groups.get((i - 1) / 4);
                member.person = e.person;
                member.joinedAt = groups.get((i - 1) / 4).createdAt;
                member.persist();
                e.status = Enrolment.Status.MATCHED;
            }
            e.courseResult = inGroup ? (i % 4 == 0 ? CourseResult.STILL_GOING : CourseResult.FINISHED)
                    : (i % 3 == 0 ? CourseResult.FINISHED : i % 3 == 1 ? CourseResult.STOPPED : CourseResult.STILL_GOING);
            e.partnersHelped = inGroup ? PartnersHelped.values()[i % 3] : PartnersHelped.NO_PARTNERS;
            e.wrapUpAnsweredAt = Instant.now().minus(Duration.ofDays(1));
        }
    }

    /** A meetup two weeks ahead in Paris, where the demo learner lives, with a few generated learners of the area going. */
    private void meetupInParis(Course course, Person organizer, List<Enrolment> generated) {
        geo.search("Paris", 1).stream().findFirst().ifPresent(paris -> {
            Meetup meetup = Meetup.in(course, organizer, paris);
            meetup.venue = "Bibliothèque publique d'information";
            meetup.address = "Place Georges-Pompidou, 75004 Paris";
            meetup.description = "Week 1 together: bring your questions on reading charts. Look for the Entraide sign on the table.";
            meetup.startsAt = LocalDate.now(ZoneId.of(paris.timezone())).plusWeeks(2).atTime(18, 30).atZone(ZoneId.of(paris.timezone()))
                    .toInstant();
            meetup.minutes = 120;
            meetup.capacity = 15;
            meetup.createdAt = Instant.now();
            meetup.persist();
            List<Person> going = generated.stream()
                    .filter(e -> Distances.km(e.latitude, e.longitude, paris.latitude(), paris.longitude()) <= course.defaultRadiusKm)
                    .map(e -> e.person).limit(4).toList();
            for (Person person : going) {
                MeetupRsvp rsvp = new MeetupRsvp();
                rsvp.meetup = meetup;
                rsvp.person = person;
                rsvp.status = MeetupRsvp.Status.GOING;
                rsvp.answeredAt = meetup.createdAt;
                rsvp.persist();
            }
            // two learners around Paris offered to help organise: the organizers' page offers to ask them
            generated.stream().filter(e -> e.formatSet().contains(Format.LOCAL_MEETUP) && e.modalitySet().contains(Modality.IN_PERSON)
                    && Distances.km(e.latitude, e.longitude, paris.latitude(), paris.longitude()) <= course.defaultRadiusKm)
                    .limit(2).forEach(e -> e.canOrganiseMeetup = true);
            MeetupMessage message = new MeetupMessage();
            message.meetup = meetup;
            message.author = organizer;
            message.body = "We have the group room on the second floor, next to the periodicals. Bring a laptop if you have one.";
            message.createdAt = meetup.createdAt;
            message.persist();
        });
    }

    /** The course team's welcome announcement to every learner (no notices: nobody reads the demo's mail). */
    private static void welcome(Course course, Person team, List<Enrolment> enrolments) {
        CourseAnnouncement announcement = new CourseAnnouncement();
        announcement.course = course;
        announcement.author = team;
        announcement.audience = CourseAnnouncement.Audience.ALL;
        announcement.body = "Welcome! The course starts next week. Finish your Entraide profile before Sunday: the first tandems and"
                + " study groups are proposed on Monday.\nQuestions: the course forum.";
        announcement.recipients = enrolments.size();
        announcement.createdAt = Instant.now();
        announcement.persist();
        enrolments.forEach(announcement::deliverTo);
        // delivered to everyone at once: the delivery job must not send it again
        announcement.deliveredUpTo = enrolments.stream().mapToLong(enrolment -> enrolment.id).max().orElse(0);
        announcement.deliveredAt = announcement.createdAt;
    }

    private static Person account(String email, String name) {
        Person person = new Person();
        person.email = email;
        person.displayName = name;
        person.passwordHash = BcryptUtil.bcryptHash(PASSWORD);
        person.createdAt = Instant.now();
        person.emailConfirmedAt = person.createdAt;
        person.platformAdmin = Person.count() == 0;
        person.persist();
        return person;
    }

    /**
     * Generated learners have no password: they exist so that matching has someone to match. The course-at-scale
     * benchmark stores its learners so too.
     */
    public static Person generatedPerson(LearnerProfile profile, String email) {
        Person person = new Person();
        person.email = email;
        person.displayName = profile.firstName();
        person.createdAt = Instant.now();
        person.persist();
        return person;
    }

    /**
     * The demo learner gets the most common profile of the generated population (Paris, French and English, weekday
     * evenings, online), so that the first matching run the course team starts proposes them partners; they also accept
     * meetups in person, so the Paris meetup is near them.
     */
    private void makeTypical(Enrolment e) {
        geo.search("Paris", 1).stream().findFirst().ifPresent(paris -> {
            if (e.introduction != null && e.placeName != null) { // it names the generated person's city
                e.introduction = e.introduction.replace(" " + e.placeName.split(",")[0] + ",", " Paris,");
            }
            e.placeId = paris.id();
            e.placeName = paris.label(Locale.ENGLISH);
            e.countryCode = paris.countryCode();
            e.latitude = paris.latitude();
            e.longitude = paris.longitude();
            e.timeZone = paris.timezone();
        });
        WeekMask week = WeekMask.EMPTY;
        for (int day = 0; day < 5; day++) {
            for (int hour = 18; hour < 22; hour++) {
                week = week.with(WeekMask.index(day, hour));
            }
        }
        e.localWeek = week.toHex();
        e.languages = "fr,en";
        e.formats = EnumSets.join(EnumSet.of(Format.TANDEM, Format.STUDY_GROUP, Format.LOCAL_MEETUP));
        e.modalities = EnumSets.join(EnumSet.of(Modality.VIDEO_CALL, Modality.CHAT_EMAIL, Modality.IN_PERSON));
    }

    /** The person joins the course with the generated profile, complete and waiting for partners since now. */
    public Enrolment enrol(Course course, Person person, LearnerProfile p) {
        Enrolment e = new Enrolment();
        e.course = course;
        e.person = person;
        e.status = Enrolment.Status.WAITING;
        e.profileComplete = true;
        e.placeId = p.placeId();
        e.placeName = geo.place(p.placeId()).map(place -> place.label(Locale.ENGLISH)).orElse(null);
        e.countryCode = p.countryCode();
        e.latitude = p.latitude();
        e.longitude = p.longitude();
        e.declare(p);
        e.joinedAt = Instant.now();
        e.waitingSince = e.joinedAt;
        e.updatedAt = e.joinedAt;
        e.persist();
        return e;
    }
}
