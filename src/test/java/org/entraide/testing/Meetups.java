package org.entraide.testing;

import java.time.Duration;
import java.time.Instant;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.meetup.Meetup;

/** Meetups stored directly, for tests about something else than scheduling them. */
public final class Meetups {

    private Meetups() {
    }

    /** A meetup in Paris in {@code inDays} days, two hours long, with ten seats, organized by the person. */
    public static long meetup(long courseId, long organizerId, int inDays) {
        return Db.tx(() -> {
            Meetup meetup = new Meetup();
            meetup.course = Course.findById(courseId);
            meetup.organizer = Person.findById(organizerId);
            meetup.placeId = 2988507L;
            meetup.cityName = "Paris";
            meetup.countryCode = "FR";
            meetup.latitude = 48.8534;
            meetup.longitude = 2.3488;
            meetup.timeZone = "Europe/Paris";
            meetup.venue = "Bibliothèque";
            meetup.startsAt = Instant.now().plus(Duration.ofDays(inDays));
            meetup.minutes = 120;
            meetup.capacity = 10;
            meetup.createdAt = Instant.now();
            meetup.persist();
            return meetup.id;
        });
    }
}
