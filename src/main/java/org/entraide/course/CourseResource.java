package org.entraide.course;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.event.Event;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.course.CourseService.CourseForm;
import org.entraide.group.GroupMember;
import org.entraide.matching.ProposalMember;
import org.entraide.profile.Enrolment;
import org.entraide.profile.EnrolmentService;
import org.entraide.profile.Format;
import org.entraide.profile.Languages;
import org.entraide.profile.PartnerService;
import org.entraide.profile.WrapUpService;
import org.entraide.web.EntraideConfig;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** "My courses", course creation, the course page and the course team's settings. */
@Path("/courses")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class CourseResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<StaffInvite.Offer> staffOffers, List<Enrolment.WithAnswersDue> enrolments, List<CourseRole> roles,
                List<ComingUp.Item> comingUp);

        static native TemplateInstance create(CourseForm form, FormErrors errors, List<String> languageCodes, Format[] formats);

        static native TemplateInstance show(Course course, Enrolment enrolment, boolean team, boolean organizer,
                List<PartnerService.PartnerView> partners, List<GroupMember> groups, long pendingProposals, boolean wrapUpOpen,
                WrapUpService.WrapUpForm wrapUp, FormErrors errors);

        static native TemplateInstance copy(Course course, CourseForm form, boolean withStaff, boolean tellLearners, long learners,
                FormErrors errors, List<String> languageCodes, Format[] formats);

        static native TemplateInstance manage(Course course, CourseForm form, FormErrors errors, String inviteLink,
                List<CourseRole> staff, long teamMembers, List<StaffInvite> invites, String staffEmail, FormErrors staffErrors, long waiting,
                long drafts, List<String> languageCodes, Format[] formats);
    }

    private final CourseService courses;
    private final StaffInvites staffInvites;
    private final EnrolmentService enrolments;
    private final PartnerService partners;
    private final WrapUpService wrapUps;
    private final CurrentPerson currentPerson;
    private final EntraideConfig config;
    private final RequestContext context;
    private final Event<ComingUp> gathering;

    CourseResource(CourseService courses, StaffInvites staffInvites, EnrolmentService enrolments, PartnerService partners,
            WrapUpService wrapUps, CurrentPerson currentPerson, EntraideConfig config, RequestContext context, Event<ComingUp> gathering) {
        this.courses = courses;
        this.staffInvites = staffInvites;
        this.enrolments = enrolments;
        this.partners = partners;
        this.wrapUps = wrapUps;
        this.currentPerson = currentPerson;
        this.config = config;
        this.context = context;
        this.gathering = gathering;
    }

    /** The person's courses, with staff invitations to answer and what comes up in the next two weeks (study sessions, meetups) on top. */
    @GET
    public String list() {
        long me = currentPerson.id();
        ComingUp comingUp = new ComingUp(me, context.locale(), Instant.now());
        gathering.fire(comingUp);
        return Templates.list(StaffInvite.offersTo(me), Enrolment.ofPerson(me), CourseRole.ofPerson(me), comingUp.items()).render();
    }

    @GET
    @Path("new")
    public String createForm() {
        currentPerson.require();
        return Templates.create(CourseForm.defaults(), FormErrors.none(), Languages.CODES, Format.values()).render();
    }

    /** The course form's fields as posted, read in one place by the three forms that send them. */
    public record PostedCourse(@RestForm String title, @RestForm String description, @RestForm String platform, @RestForm String url,
            @RestForm List<String> languages, @RestForm String startDate, @RestForm String endDate, @RestForm String weeks,
            @RestForm List<String> formats, @RestForm String groupMin, @RestForm String groupMax, @RestForm String minOverlapHours,
            @RestForm String consentWindowDays, @RestForm String defaultRadiusKm, @RestForm String signupOpen) {

        CourseForm form() {
            return new CourseForm(title, description, platform, url, languages, startDate, endDate, weeks, formats, groupMin, groupMax,
                    minOverlapHours, consentWindowDays, defaultRadiusKm, "on".equals(signupOpen));
        }
    }

    @POST
    public Response create(@BeanParam PostedCourse posted) {
        CourseForm form = posted.form();
        try {
            Course course = courses.create(currentPerson.id(), form);
            return Redirects.seeOther("/courses/" + course.id + "/manage", "course-created");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.create(form, e.errors, Languages.CODES, Format.values())).build();
        }
    }

    @GET
    @Path("{id}")
    public String show(@PathParam("id") long id) {
        return showPage(id, FormErrors.none());
    }

    private String showPage(long id, FormErrors errors) {
        return showPage(id, null, errors);
    }

    /** The course page; {@code wrapUp} is the end-of-course answer as typed when it was refused, else the saved one. */
    private String showPage(long id, WrapUpService.WrapUpForm wrapUp, FormErrors errors) {
        long me = currentPerson.id();
        CourseService.Membership membership = courses.requireMembership(id, me);
        Enrolment enrolment = membership.enrolment().orElse(null);
        boolean wrapUpOpen = enrolment != null && enrolment.wrapUpOpen(Instant.now());
        return Templates.show(membership.course(), enrolment, membership.team(), membership.organizer(), partners.partnersOf(id, me),
                GroupMember.activeOf(id, me), ProposalMember.countAwaitingAnswer(id, me), wrapUpOpen,
                wrapUp == null && wrapUpOpen ? WrapUpService.WrapUpForm.of(enrolment) : wrapUp, errors).render();
    }

    /** A learner answers "How did the course go?" at its end (or changes the answer). */
    @POST
    @Path("{id}/wrap-up")
    public Response wrapUp(@PathParam("id") long id, @RestForm String courseResult, @RestForm String partnersHelped) {
        WrapUpService.WrapUpForm form = new WrapUpService.WrapUpForm(courseResult, partnersHelped);
        try {
            wrapUps.answer(id, currentPerson.id(), form, Instant.now());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(showPage(id, form, e.errors)).build();
        }
        return Redirects.seeOther("/courses/" + id + "#wrap-up", "wrap-up-saved");
    }

    /** A paused learner (after leaving a group or letting a proposal expire) asks to be matched again. */
    @POST
    @Path("{id}/resume")
    public Response resume(@PathParam("id") long id) {
        enrolments.resume(id, currentPerson.id());
        return Redirects.seeOther("/courses/" + id, "matching-resumed");
    }

    /** A waiting learner takes a break from matching (back with "resume"). */
    @POST
    @Path("{id}/pause")
    public Response pause(@PathParam("id") long id) {
        enrolments.pause(id, currentPerson.id());
        return Redirects.seeOther("/courses/" + id, "matching-paused");
    }

    /** A learner leaves the course, after ticking the confirmation next to the button. */
    @POST
    @Path("{id}/leave")
    public Response leave(@PathParam("id") long id, @RestForm String confirm) {
        try {
            enrolments.leave(id, currentPerson.id(), confirm);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(showPage(id, e.errors)).build();
        }
        return Redirects.seeOther("/courses", "course-left");
    }

    @GET
    @Path("{id}/manage")
    public String manage(@PathParam("id") long id) {
        Course course = courses.requireTeam(id, currentPerson.id());
        return managePage(course, CourseForm.of(course), FormErrors.none(), "", FormErrors.none()).render();
    }

    @POST
    @Path("{id}/manage")
    public Response updateSettings(@PathParam("id") long id, @BeanParam PostedCourse posted) {
        CourseForm form = posted.form();
        try {
            courses.updateSettings(id, currentPerson.id(), form);
            return Redirects.seeOther("/courses/" + id + "/manage", "saved");
        } catch (InvalidInputException e) {
            Course course = courses.requireTeam(id, currentPerson.id());
            return Response.status(400).entity(managePage(course, form, e.errors, "", FormErrors.none())).build();
        }
    }

    /** "Run this course again": a new session with the same settings and rules, for the course team. */
    @GET
    @Path("{id}/manage/copy")
    public String copyForm(@PathParam("id") long id) {
        Course course = courses.requireTeam(id, currentPerson.id());
        return copyPage(course, CourseForm.nextSessionOf(course), true, false, FormErrors.none()).render();
    }

    @POST
    @Path("{id}/manage/copy")
    public Response copy(@PathParam("id") long id, @BeanParam PostedCourse posted, @RestForm String withStaff,
            @RestForm String tellLearners) {
        CourseForm form = posted.form();
        try {
            Course copy = courses.copy(id, currentPerson.id(), form, "on".equals(withStaff), "on".equals(tellLearners));
            return Redirects.seeOther("/courses/" + copy.id + "/manage", "course-copied");
        } catch (InvalidInputException e) {
            Course course = courses.requireTeam(id, currentPerson.id());
            return Response.status(400).entity(copyPage(course, form, "on".equals(withStaff), "on".equals(tellLearners), e.errors)).build();
        }
    }

    private TemplateInstance copyPage(Course course, CourseForm form, boolean withStaff, boolean tellLearners, FormErrors errors) {
        return Templates.copy(course, form, withStaff, tellLearners, Enrolment.countInCourse(course.id), errors, Languages.CODES,
                Format.values());
    }

    @POST
    @Path("{id}/manage/invite-code")
    public Response resetInvite(@PathParam("id") long id) {
        courses.resetInviteCode(id, currentPerson.id());
        return Redirects.seeOther("/courses/" + id + "/manage", "invite-reset");
    }

    @POST
    @Path("{id}/manage/staff")
    public Response addStaff(@PathParam("id") long id, @RestForm String email, @RestForm String role) {
        try {
            staffInvites.invite(id, currentPerson.id(), email, role);
            return Redirects.seeOther("/courses/" + id + "/manage#staff", "staff-invited");
        } catch (InvalidInputException e) {
            Course course = courses.requireTeam(id, currentPerson.id());
            return Response.status(400).entity(managePage(course, CourseForm.of(course), FormErrors.none(), email, e.errors)).build();
        }
    }

    @POST
    @Path("{id}/manage/staff/{roleId}/delete")
    public Response removeStaff(@PathParam("id") long id, @PathParam("roleId") long roleId) {
        try {
            courses.removeStaff(id, currentPerson.id(), roleId);
            return Redirects.seeOther("/courses/" + id + "/manage#staff", "member-removed");
        } catch (InvalidInputException e) {
            Course course = courses.requireTeam(id, currentPerson.id());
            return Response.status(400).entity(managePage(course, CourseForm.of(course), FormErrors.none(), "", e.errors)).build();
        }
    }

    @POST
    @Path("{id}/manage/staff-invites/{staffInviteId}/delete")
    public Response withdrawStaffInvite(@PathParam("id") long id, @PathParam("staffInviteId") long inviteId) {
        staffInvites.withdraw(id, currentPerson.id(), inviteId);
        return Redirects.seeOther("/courses/" + id + "/manage#staff", "staff-invite-withdrawn");
    }

    private TemplateInstance managePage(Course course, CourseForm form, FormErrors errors, String staffEmail, FormErrors staffErrors) {
        List<CourseRole> staff = CourseRole.ofCourse(course.id);
        // the last team member cannot leave (a course is never orphaned): no button that could only fail
        long teamMembers = staff.stream().filter(r -> r.role == CourseRole.Kind.TEAM).count();
        return Templates.manage(course, form, errors, inviteLink(course), staff, teamMembers, StaffInvite.ofCourse(course.id),
                staffEmail, staffErrors,
                Enrolment.countInCourse(course.id, Enrolment.Status.WAITING), Enrolment.countInCourse(course.id, Enrolment.Status.DRAFT),
                Languages.CODES, Format.values());
    }

    private String inviteLink(Course course) {
        return config.baseUrl() + "/join/" + course.inviteCode;
    }
}
