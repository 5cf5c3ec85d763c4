package org.entraide.workspace;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.group.GroupMember;
import org.entraide.group.GroupService;
import org.entraide.group.LearningGroup;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.profile.EnumSets;
import org.entraide.web.Dates;
import org.entraide.web.FormErrors;
import org.entraide.web.RowLocks;
import org.entraide.web.Texts;

/**
 * Weekly check-ins: once a week each member says how it goes (on track, behind, stuck), what they did and what they
 * would like help with. Saying it again the same week replaces it. Someone newly stuck is a call for help: the others
 * are told.
 */
@ApplicationScoped
public class CheckinService {

    private final GroupService groups;
    private final NotificationService notifications;

    CheckinService(GroupService groups, NotificationService notifications) {
        this.groups = groups;
        this.notifications = notifications;
    }

    public record CheckinForm(String progress, String done, String help) {
        static final CheckinForm EMPTY = new CheckinForm(null, null, null);
    }

    /** A member's check-in of their current week, or only their name when they have not checked in yet. */
    public record MemberCheckin(String firstName, boolean me, GroupCheckin.Progress progress, String done, String help) {
    }

    /** {@code weekOf}: the viewer's Monday; {@code form}: the viewer's own check-in of the week, or what they typed. */
    public record Checkins(String weekOf, List<MemberCheckin> members, CheckinForm form, List<GroupCheckin.Progress> choices) {
    }

    public Checkins view(GroupService.GroupView group, long personId, Locale locale, CheckinForm typed) {
        long groupId = group.group().id;
        CheckinForm mine = CheckinForm.EMPTY;
        List<MemberCheckin> members = new ArrayList<>();
        for (GroupService.MemberView member : group.members()) {
            GroupCheckin checkin = GroupCheckin.of(groupId, member.personId(), weekStart(ZoneId.of(member.zone()))).orElse(null);
            if (checkin == null) {
                members.add(new MemberCheckin(member.firstName(), member.me(), null, null, null));
                continue;
            }
            members.add(new MemberCheckin(member.firstName(), member.me(), checkin.progress, checkin.doneText, checkin.helpText));
            if (member.me()) {
                mine = new CheckinForm(checkin.progress.name(), checkin.doneText, checkin.helpText);
            }
        }
        String weekOf = Dates.date(FormatStyle.LONG, locale).format(weekStart(ZoneId.of(group.viewerZone())));
        return new Checkins(weekOf, members, typed == null ? mine : typed, Arrays.asList(GroupCheckin.Progress.values()));
    }

    /** Saves the person's check-in of this week (their zone's week), replacing an earlier one of the same week. */
    @Transactional
    public GroupCheckin save(long groupId, long personId, CheckinForm form) {
        LearningGroup group = groups.requireMember(groupId, personId);
        FormErrors errors = new FormErrors();
        GroupCheckin.Progress progress = EnumSets.one(GroupCheckin.Progress.class, form.progress());
        if (progress == null) {
            errors.add("progress", Texts.trimToNull(form.progress()) == null ? "error.required" : "error.invalid-choice");
        }
        String done = Texts.check(errors, "done", form.done(), false, GroupCheckin.TEXT_MAX);
        String help = Texts.check(errors, "help", form.help(), false, GroupCheckin.TEXT_MAX);
        errors.throwIfAny();

        // one check-in per member and week: the group's row lock orders two saves sent at once
        RowLocks.lockAndReload(group);
        LocalDate week = weekStart(Enrolment.zoneOf(group.course.id, personId));
        GroupCheckin checkin = GroupCheckin.of(groupId, personId, week).orElse(null);
        boolean newlyStuck = progress == GroupCheckin.Progress.STUCK && (checkin == null || checkin.progress != GroupCheckin.Progress.STUCK);
        if (checkin == null) {
            checkin = new GroupCheckin();
            checkin.group = group;
            checkin.person = Person.findById(personId);
            checkin.weekStart = week;
        }
        checkin.progress = progress;
        checkin.doneText = done;
        checkin.helpText = help;
        checkin.updatedAt = Instant.now();
        checkin.persist();
        group.lastActivityAt = checkin.updatedAt;
        if (newlyStuck) {
            for (GroupMember member : GroupMember.current(groupId)) {
                if (member.person.id != personId) {
                    notifications.notify(member.person, NotificationKind.CHECKIN_STUCK, checkin.person, "/groups/" + groupId + "#checkins",
                            group.course.title, checkin.person.firstName());
                }
            }
        }
        return checkin;
    }

    /** A check-in of the person, as "Download my data" lists it. */
    public record CheckinData(long groupId, LocalDate weekStart, GroupCheckin.Progress progress, String done, String help) {
    }

    void exportCheckins(@Observes AccountExport export) {
        export.add("groupCheckins", GroupCheckin.<GroupCheckin>list("person.id = ?1 order by weekStart, id", export.personId()).stream()
                .map(c -> new CheckinData(c.group.id, c.weekStart, c.progress, c.doneText, c.helpText)).toList());
    }

    /** The Monday of the current week in the zone. */
    private static LocalDate weekStart(ZoneId zone) {
        return LocalDate.now(zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
