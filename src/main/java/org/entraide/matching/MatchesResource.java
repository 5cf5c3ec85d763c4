package org.entraide.matching;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.availability.OverlapGrid;
import org.entraide.availability.WeekMask;
import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.matching.engine.Explanation;
import org.entraide.matching.engine.ExplanationText;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Languages;
import org.entraide.web.FormErrors;
import org.entraide.web.I18n;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;
import org.entraide.web.When;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** "My matches": the proposals sent to a learner, explained in their language and time zone; accept or decline. */
@Path("/courses/{id}/matches")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class MatchesResource {

    /** Another member as a proposal shows them: no contact details before everyone accepts. */
    public record Candidate(String firstName, String city, List<String> languages, String introduction, String response) {
    }

    /** {@code overlap}: how many of the proposed people are free at each hour of the viewer's week, for open proposals. */
    public record ProposalView(Proposal proposal, ProposalMember mine, String explanation, List<Candidate> others, boolean open,
            String expires, OverlapGrid overlap) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance matches(Course course, List<ProposalView> proposals, FormErrors errors, Long errorProposal, String zone);
    }

    private final ConsentService consent;
    private final CourseService courses;
    private final CurrentPerson currentPerson;
    private final RequestContext context;

    MatchesResource(ConsentService consent, CourseService courses, CurrentPerson currentPerson, RequestContext context) {
        this.consent = consent;
        this.courses = courses;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    @GET
    public String list(@PathParam("id") long courseId) {
        return page(courseId, FormErrors.none(), null).render();
    }

    @POST
    @Path("{proposalId}/accept")
    public Response accept(@PathParam("id") long courseId, @PathParam("proposalId") long proposalId) {
        try {
            Proposal proposal = consent.accept(courseId, proposalId, currentPerson.id());
            if (proposal.group != null) {
                return Redirects.seeOther("/groups/" + proposal.group.id, "group-formed");
            }
            return Redirects.seeOther("/courses/" + courseId + "/matches", "proposal-accepted");
        } catch (InvalidInputException e) {
            return Response.status(409).entity(page(courseId, e.errors, proposalId)).build();
        }
    }

    @POST
    @Path("{proposalId}/decline")
    public Response decline(@PathParam("id") long courseId, @PathParam("proposalId") long proposalId, @RestForm String reason) {
        try {
            consent.decline(courseId, proposalId, currentPerson.id(), reason);
            return Redirects.seeOther("/courses/" + courseId + "/matches", "proposal-declined");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(courseId, e.errors, proposalId)).build();
        }
    }

    private TemplateInstance page(long courseId, FormErrors errors, Long errorProposal) {
        long me = currentPerson.id();
        Course course = courses.requireMember(courseId, me);
        Locale locale = context.locale();
        ZoneId zone = Enrolment.zoneOf(courseId, me);
        LocalDate thisWeek = LocalDate.now(ZoneOffset.UTC);
        List<ProposalView> views = ProposalMember.ofPerson(courseId, me).stream().map(mine -> {
            Proposal proposal = mine.proposal;
            boolean open = proposal.status == Proposal.Status.PENDING && mine.response == ProposalMember.Response.PENDING;
            List<Candidate> others = new ArrayList<>();
            List<WeekMask> weeks = new ArrayList<>();
            for (ProposalMember m : proposal.members()) {
                Enrolment e = Enrolment.find(courseId, m.person.id).orElse(null);
                if (e != null && open) {
                    weeks.add(e.weekSeenFrom(zone, thisWeek));
                }
                if (!m.person.id.equals(me)) {
                    others.add(new Candidate(m.person.firstName(), e == null ? "" : e.placeLabel(locale),
                            e == null ? List.of() : e.languageSet().stream().map(code -> Languages.name(code, locale)).toList(),
                            e == null ? null : e.introduction, m.response.name()));
                }
            }
            return new ProposalView(proposal, mine, explain(proposal, locale, zone, ExplanationText.Reader.MEMBER), others, open,
                    proposal.expiresAt == null ? "" : When.withZone(proposal.expiresAt, zone, locale),
                    OverlapGrid.of(weeks, locale));
        }).toList();
        return Templates.matches(course, views, errors, errorProposal, zone.getId());
    }

    /** The engine's explanation in the reader's words, plus the rules relaxed for a long wait. */
    static String explain(Proposal proposal, Locale locale, ZoneId zone, ExplanationText.Reader reader) {
        Explanation explanation = ExplanationJson.read(proposal.explanation);
        // the shared hours were converted to UTC with the offsets of the run's week: converting back with that week keeps
        // them right for someone who looks after a clock change
        LocalDate runWeek = LocalDate.ofInstant(proposal.createdAt, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        String text = explanation == null ? "" : ExplanationText.render(explanation, locale, zone, runWeek, reader);
        if (proposal.relaxation != null) {
            text = text + " " + I18n.message(locale, reader == ExplanationText.Reader.MEMBER ? "matches.relaxed" : "matches.relaxed-team",
                    MatchingService.relaxedHours(proposal.relaxation, 0));
        }
        return text.strip();
    }
}
