package org.entraide.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.web.FormErrors;
import org.entraide.web.Texts;

/**
 * "How did the course go?": at the end of a course each learner says whether they finished it and whether studying
 * with others helped. The answer is the learner's own (on their course profile); the course team's outcomes page
 * counts the answers and never shows who gave which.
 */
@ApplicationScoped
public class WrapUpService {

    /** The end-of-course notice goes out within this many days of the end, so a course long over asks nobody. */
    static final int ASK_WITHIN_DAYS = 30;
    /** Notices sent per run of the reminders job; the rest go on the next run. */
    static final int ASK_BATCH = 500;

    private final NotificationService notifications;

    WrapUpService(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** What the form sent, as typed, so that a refused answer comes back checked as it was. */
    public record WrapUpForm(String courseResult, String partnersHelped) {

        public static WrapUpForm of(Enrolment enrolment) {
            return new WrapUpForm(enrolment.courseResult == null ? null : enrolment.courseResult.name(),
                    enrolment.partnersHelped == null ? null : enrolment.partnersHelped.name());
        }

        public List<CourseResult> resultChoices() {
            return List.of(CourseResult.values());
        }

        public List<PartnersHelped> helpedChoices() {
            return List.of(PartnersHelped.values());
        }
    }

    /** Saves (or changes) the learner's answer while the question is open; both questions must be answered. */
    @Transactional
    public void answer(long courseId, long personId, WrapUpForm form, Instant now) {
        Enrolment enrolment = Enrolment.find(courseId, personId).orElseThrow(NotFoundException::new);
        if (!enrolment.wrapUpOpen(now)) {
            // the form is only on the page once the question is open, and it never closes again
            throw new BadRequestException("the end-of-course question is not open yet");
        }
        FormErrors errors = new FormErrors();
        CourseResult result = EnumSets.one(CourseResult.class, form.courseResult());
        if (result == null) {
            errors.add("courseResult", Texts.trimToNull(form.courseResult()) == null ? "error.required" : "error.invalid-choice");
        }
        PartnersHelped helped = EnumSets.one(PartnersHelped.class, form.partnersHelped());
        if (helped == null) {
            errors.add("partnersHelped", Texts.trimToNull(form.partnersHelped()) == null ? "error.required" : "error.invalid-choice");
        }
        errors.throwIfAny();
        enrolment.courseResult = result;
        enrolment.partnersHelped = helped;
        enrolment.wrapUpAnsweredAt = now;
    }

    /**
     * Asks, once, the learners of courses that ended (on the end date, or {@link Enrolment#SELF_PACED_WRAP_UP} after
     * joining a course without one) and who have not answered yet. Returns how many were asked.
     */
    @Transactional
    public int askDue(Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        Instant selfPacedJoined = now.minus(Enrolment.SELF_PACED_WRAP_UP);
        List<Enrolment> due = Enrolment.<Enrolment>find("""
                from Enrolment e join fetch e.course c join fetch e.person
                where e.profileComplete = true and e.wrapUpAskedAt is null and e.wrapUpAnsweredAt is null
                and ((c.endDate <= ?1 and c.endDate > ?2) or (c.endDate is null and e.joinedAt <= ?3 and e.joinedAt > ?4))
                order by e.id""", today, today.minusDays(ASK_WITHIN_DAYS), selfPacedJoined,
                selfPacedJoined.minus(Duration.ofDays(ASK_WITHIN_DAYS))).page(0, ASK_BATCH).list();
        for (Enrolment enrolment : due) {
            enrolment.wrapUpAskedAt = now;
            notifications.notify(enrolment.person, NotificationKind.WRAP_UP_ASKED, "/courses/" + enrolment.course.id + "#wrap-up",
                    enrolment.course.title);
        }
        return due.size();
    }
}
