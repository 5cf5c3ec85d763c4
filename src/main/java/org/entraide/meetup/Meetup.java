package org.entraide.meetup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.geo.Place;

/**
 * A local meetup of a course: a city of the gazetteer (never a learner's address), a public venue named by the
 * organizer, a time (UTC, shown in the city's zone), a length and a number of seats.
 */
@Entity
@Table(name = "meetup")
public class Meetup extends PanacheEntityBase {

    public static final int VENUE_MAX = 120;
    public static final int ADDRESS_MAX = 300;
    public static final int DESCRIPTION_MAX = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    /** Null once the organizer deleted their account. */
    @ManyToOne
    @JoinColumn(name = "organizer_id")
    public Person organizer;

    @Column(name = "place_id", nullable = false)
    public long placeId;

    @Column(name = "city_name", nullable = false)
    public String cityName;

    @Column(name = "country_code")
    public String countryCode;

    @Column(nullable = false)
    public double latitude;

    @Column(nullable = false)
    public double longitude;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String venue;

    public String address;

    public String description;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(nullable = false)
    public int minutes;

    @Column(nullable = false)
    public int capacity;

    /** The calendar revision (RFC 5545 SEQUENCE): raised on cancellation so calendar apps replace the event. */
    @Column(nullable = false)
    public int sequence;

    /** The first meetup's id when scheduled as a weekly series; null for a single meetup. */
    @Column(name = "series_id")
    public Long seriesId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** When those going were reminded (once, the day before). */
    @Column(name = "reminded_at")
    public Instant remindedAt;

    /** A new meetup of the course in the place (its city, coordinates and zone) by the organizer; the rest is the caller's. */
    public static Meetup in(Course course, Person organizer, Place place) {
        Meetup meetup = new Meetup();
        meetup.course = course;
        meetup.organizer = organizer;
        meetup.placeId = place.id();
        meetup.cityName = place.name();
        meetup.countryCode = place.countryCode();
        meetup.latitude = place.latitude();
        meetup.longitude = place.longitude();
        meetup.timeZone = place.timezone();
        return meetup;
    }

    public Instant endsAt() {
        return startsAt.plus(Duration.ofMinutes(minutes));
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }

    public boolean started(Instant now) {
        return !startsAt.isAfter(now);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The course's meetups not over yet (cancelled ones too, so that people see a date is off), soonest first. */
    public static List<Meetup> upcoming(long courseId, Instant now, int limit) {
        return Meetup.<Meetup>find("course.id = ?1 and startsAt > ?2 order by startsAt, id", courseId, now.minus(Duration.ofDays(1)))
                .page(0, limit).list().stream().filter(m -> m.endsAt().isAfter(now)).toList();
    }

    /** The course's meetups already over, latest first. */
    public static List<Meetup> past(long courseId, Instant now, int limit) {
        return Meetup.<Meetup>find("course.id = ?1 and startsAt <= ?2 and cancelledAt is null order by startsAt desc, id desc", courseId,
                now).page(0, limit).list();
    }
}
