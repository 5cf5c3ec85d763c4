package org.entraide.matching;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.availability.Slots;
import org.entraide.availability.WeeklyAvailability;
import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.matching.engine.ExplanationText;
import org.entraide.matching.engine.UnmatchedReason;
import org.entraide.profile.EnumSets;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.PageNumbers;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The course team's matching page: waiting learners per format, runs, preview with adjustments, publish or discard. */
@Path("/courses/{id}/manage/matching")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class MatchingResource {

    public record MemberRow(long memberId, String firstName, String city, boolean existing) {
    }

    /** {@code number}: the proposal's place in the whole run (not in the page), as its heading and the move lists say it. */
    public record ProposalRow(int number, Proposal proposal, List<MemberRow> members, String explanation, List<String> violations,
            String commonHours) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    public record UnmatchedRow(String name, String city, String reason) {
    }

    /**
     * Which proposals the preview lists: a page of {@value #PAGE_SIZE}, of all of them or only of those that break a
     * rule. A large MOOC's run has thousands of proposals; listing them all, each member with a list of every other
     * proposal to move to, made a page of tens of megabytes.
     */
    public record Listing(int page, int pages, boolean problemsOnly, int problems, int proposals) {
        /** The query that shows this listing again, for links and for the forms to come back to it ("" for the default). */
        public String query() {
            return MatchingResource.query(page, problemsOnly);
        }

        public String previousQuery() {
            return MatchingResource.query(page - 1, problemsOnly);
        }

        public String nextQuery() {
            return MatchingResource.query(page + 1, problemsOnly);
        }
    }

    static final int PAGE_SIZE = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance matching(Course course, Map<Format, Integer> waiting, Map<Format, Map<UnmatchedReason, Long>> whyWaiting,
                List<MatchingRun> runs, FormErrors errors);

        static native TemplateInstance preview(Course course, MatchingRun run, Instant discardedAt, List<ProposalRow> proposals,
                Listing listing, String zone, List<UnmatchedRow> unmatched, int moreUnmatched, String clusters, FormErrors errors);
    }

    private final MatchingService matching;
    private final CourseService courses;
    private final CurrentPerson currentPerson;
    private final RequestContext context;
    private final MatchingExecutor executor;
    private final PreviewChecks previewChecks;

    MatchingResource(MatchingService matching, CourseService courses, CurrentPerson currentPerson, RequestContext context,
            MatchingExecutor executor, PreviewChecks previewChecks) {
        this.matching = matching;
        this.previewChecks = previewChecks;
        this.executor = executor;
        this.courses = courses;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    @GET
    public String page(@PathParam("id") long courseId) {
        Course course = courses.requireTeam(courseId, currentPerson.id());
        return Templates.matching(course, matching.waitingCounts(courseId), matching.whyWaiting(courseId), MatchingRun.ofCourse(courseId),
                FormErrors.none()).render();
    }

    @POST
    @Path("runs")
    public Response run(@PathParam("id") long courseId, @RestForm String format) {
        try {
            long runId = matching.start(courseId, currentPerson.id(), EnumSets.one(Format.class, format)).id;
            executor.submit(() -> matching.compute(runId));
            return Redirects.seeOther(runPath(courseId, runId), "run-started");
        } catch (InvalidInputException e) {
            Course course = courses.requireTeam(courseId, currentPerson.id());
            return Response.status(400).entity(Templates.matching(course, matching.waitingCounts(courseId), matching.whyWaiting(courseId),
                    MatchingRun.ofCourse(courseId), e.errors)).build();
        }
    }

    @GET
    @Path("runs/{runId}")
    public String preview(@PathParam("id") long courseId, @PathParam("runId") long runId, @RestQuery String page,
            @RestQuery String problems) {
        // the page reads a whole run (tens of thousands of rows in a large course) and changes nothing: no snapshots kept
        Proposal.getSession().setDefaultReadOnly(true);
        return previewPage(courseId, runId, page, problems, FormErrors.none()).render();
    }

    @POST
    @Path("runs/{runId}/publish")
    public Response publish(@PathParam("id") long courseId, @PathParam("runId") long runId) {
        return act(courseId, runId, null, null, () -> matching.publish(courseId, currentPerson.id(), runId), "run-published");
    }

    @POST
    @Path("runs/{runId}/discard")
    public Response discard(@PathParam("id") long courseId, @PathParam("runId") long runId) {
        return act(courseId, runId, null, null, () -> matching.discard(courseId, currentPerson.id(), runId), "run-discarded");
    }

    @POST
    @Path("runs/{runId}/try-notices-again")
    public Response tryNoticesAgain(@PathParam("id") long courseId, @PathParam("runId") long runId) {
        matching.tryNoticesAgain(courseId, currentPerson.id(), runId);
        return Redirects.seeOther(runPath(courseId, runId), "notices-retrying");
    }

    @POST
    @Path("runs/{runId}/move")
    public Response move(@PathParam("id") long courseId, @PathParam("runId") long runId, @RestForm String member, @RestForm String target,
            @RestQuery String page, @RestQuery String problems) {
        return act(courseId, runId, page, problems, () -> matching.move(courseId, currentPerson.id(), runId, id(member),
                "new".equals(target) ? null : id(target)), "run-adjusted");
    }

    @POST
    @Path("runs/{runId}/remove")
    public Response remove(@PathParam("id") long courseId, @PathParam("runId") long runId, @RestForm String member,
            @RestQuery String page, @RestQuery String problems) {
        return act(courseId, runId, page, problems, () -> matching.remove(courseId, currentPerson.id(), runId, id(member)), "run-adjusted");
    }

    @POST
    @Path("runs/{runId}/split")
    public Response split(@PathParam("id") long courseId, @PathParam("runId") long runId, @RestForm String proposal,
            @RestQuery String page, @RestQuery String problems) {
        return act(courseId, runId, page, problems, () -> matching.split(courseId, currentPerson.id(), runId, id(proposal)), "run-adjusted");
    }

    @POST
    @Path("runs/{runId}/merge")
    public Response merge(@PathParam("id") long courseId, @PathParam("runId") long runId, @RestForm String proposal,
            @RestForm String other, @RestQuery String page, @RestQuery String problems) {
        return act(courseId, runId, page, problems, () -> matching.merge(courseId, currentPerson.id(), runId, id(proposal), id(other)), "run-adjusted");
    }

    /** After an adjustment the team comes back to the page and filter they were on. */
    private Response act(long courseId, long runId, String page, String problems, Runnable action, String flash) {
        try {
            action.run();
            return Redirects.seeOther(runPath(courseId, runId) + query(PageNumbers.parse(page), "1".equals(problems)), flash);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(previewPage(courseId, runId, page, problems, e.errors)).build();
        }
    }

    static String query(int page, boolean problemsOnly) {
        String filter = problemsOnly ? "problems=1" : "";
        String paging = page > 1 ? "page=" + page : "";
        String both = filter.isEmpty() || paging.isEmpty() ? filter + paging : filter + "&" + paging;
        return both.isEmpty() ? "" : "?" + both;
    }


    private TemplateInstance previewPage(long courseId, long runId, String page, String problems, FormErrors errors) {
        MatchingRun run = matching.requireRun(courseId, currentPerson.id(), runId);
        Locale locale = context.locale();
        // the team reads times in their own zone: a course profile's if they have one, else their account's, else UTC
        ZoneId zone = Enrolment.zoneOf(courseId, currentPerson.id());
        LocalDate week = LocalDate.now(ZoneOffset.UTC);
        // every proposal's broken rules (the filter and its count need them all); only the page's rows are read whole
        List<PreviewChecks.Line> lines = previewChecks.lines(courseId, runId);
        List<Integer> withProblems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).broken().isEmpty()) {
                withProblems.add(i);
            }
        }
        boolean problemsOnly = "1".equals(problems);
        List<Integer> listed = problemsOnly ? withProblems : IntStream.range(0, lines.size()).boxed().toList();
        int pages = Math.max(1, (listed.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        Listing listing = new Listing(Math.min(PageNumbers.parse(page), pages), pages, problemsOnly, withProblems.size(), lines.size());
        int from = (listing.page() - 1) * PAGE_SIZE;
        List<Integer> shown = listed.subList(from, Math.min(listed.size(), from + PAGE_SIZE));
        RunProposals read = RunProposals.of(courseId, runId, shown.stream().map(i -> lines.get(i).proposalId()).toList());
        Map<Long, Proposal> byId = read.proposals().stream().collect(Collectors.toMap(p -> p.id, p -> p));
        List<ProposalRow> rows = new ArrayList<>();
        for (int i : shown) {
            Proposal proposal = byId.get(lines.get(i).proposalId());
            if (proposal == null) { // withdrawn since the lines were read
                continue;
            }
            String commonHours = proposal.status != Proposal.Status.DRAFT ? ""
                    : Slots.summary(WeeklyAvailability.toLocal(MatchingService.check(proposal, read).commonHours(), zone, week), locale);
            rows.add(new ProposalRow(i + 1, proposal, read.members(proposal).stream().map(m -> {
                Enrolment enrolment = read.enrolments().get(m.person.id);
                String city = enrolment == null ? "" : enrolment.placeLabel(locale);
                return new MemberRow(m.id, m.person.firstName(), city, m.response == ProposalMember.Response.MEMBER);
            }).toList(), MatchesResource.explain(proposal, locale, zone, ExplanationText.Reader.COURSE_TEAM), lines.get(i).broken(),
                    commonHours));
        }
        List<UnmatchedRow> unmatched = new ArrayList<>();
        String clusters = "";
        int moreUnmatched = 0;
        if (run.message != null && !run.message.isEmpty()) {
            String[] parts = run.message.split("\\|", 2);
            clusters = parts.length > 1 ? parts[1] : "";
            List<String[]> entries = new ArrayList<>();
            for (String entry : parts[0].split(",")) {
                String[] idAndReason = entry.split(":");
                if (idAndReason.length != 2) {
                    continue;
                }
                if (idAndReason[0].equals("more")) {
                    moreUnmatched = Integer.parseInt(idAndReason[1]);
                } else {
                    entries.add(idAndReason);
                }
            }
            // one statement for all the names and cities, not one per unplaced learner; the city tells two Divyas apart
            List<Long> ids = entries.stream().map(e -> Long.parseLong(e[0])).toList();
            Map<Long, Enrolment> enrolments = ids.isEmpty() ? Map.of()
                    : Enrolment.<Enrolment>list("select e from Enrolment e join fetch e.person where e.course.id = ?1 and e.person.id in ?2",
                            courseId, ids).stream().collect(Collectors.toMap(e -> e.person.id, e -> e));
            for (String[] entry : entries) {
                Enrolment enrolment = enrolments.get(Long.parseLong(entry[0]));
                unmatched.add(enrolment == null ? new UnmatchedRow("?", "", "unmatched." + entry[1])
                        : new UnmatchedRow(enrolment.person.firstName(), enrolment.placeLabel(locale),
                                "unmatched." + entry[1]));
            }
        }
        return Templates.preview(run.course, run, matching.discardedAt(run), rows, listing, zone.getId(), unmatched, moreUnmatched, clusters,
                errors);
    }

    private static long id(String value) {
        try {
            return Long.parseLong(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("member", "error.invalid-choice");
        }
    }

    private static String runPath(long courseId, long runId) {
        return "/courses/" + courseId + "/manage/matching/runs/" + runId;
    }
}
