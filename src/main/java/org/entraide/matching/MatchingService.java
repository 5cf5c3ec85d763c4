package org.entraide.matching;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.course.CourseRole;
import org.entraide.course.CourseService;
import org.entraide.geo.GeoService;
import org.entraide.geo.Place;
import org.entraide.group.GroupMember;
import org.entraide.group.LearningGroup;
import org.entraide.matching.engine.City;
import org.entraide.matching.engine.CompletedGroup;
import org.entraide.matching.engine.EngineLearner;
import org.entraide.matching.engine.Explanation;
import org.entraide.matching.engine.ExistingGroup;
import org.entraide.matching.engine.GroupEvaluation;
import org.entraide.matching.engine.GroupResult;
import org.entraide.matching.engine.MatchingEngine;
import org.entraide.matching.engine.MeetupResult;
import org.entraide.matching.engine.Rules;
import org.entraide.matching.engine.StudyGroup;
import org.entraide.matching.engine.Tandem;
import org.entraide.matching.engine.TandemResult;
import org.entraide.matching.engine.Unmatched;
import org.entraide.matching.engine.UnmatchedReason;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.profile.Modality;
import org.entraide.web.DeliveryFailures;
import org.entraide.web.EntraideConfig;
import org.entraide.web.FreshPlans;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Queries;
import org.entraide.web.RowLocks;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.panache.common.Parameters;

/**
 * Runs the engine for one format of a course, keeps the result as a preview the course team can adjust,
 * and publishes it as proposals. Learners who waited longer than the course's maximum wait get relaxed rules.
 */
@ApplicationScoped
public class MatchingService {

    /** Relaxation steps: each maximum wait beyond the first lowers the common hours by one and widens radii by half. */
    static final int MAX_RELAXATION_STEPS = 3;
    /** Matches a stored list of formats ("LOCAL_MEETUP,TANDEM") holding the format, compared with commas around it. */
    private static final String FORMAT_PATTERN = "%%,%s,%%";
    private static final Logger LOG = Logger.getLogger(MatchingService.class);
    /**
     * A run computes in one transaction, so that its proposals appear whole or not at all. Measured on PostgreSQL here,
     * 100,000 learners took 32–45 s, more than half the default minute: this leaves room on a slower machine.
     */
    static final int RUN_TRANSACTION_SECONDS = 600;

    private final CourseService courses;
    private final GeoService geo;
    private final NotificationService notifications;
    private final Duration runTimeout;
    private final Duration previewTimeout;
    private final int noticeBatchSize;
    private final FreshPlans freshPlans;
    private final PreviewChecks previewChecks;

    MatchingService(CourseService courses, GeoService geo, NotificationService notifications, EntraideConfig config,
            FreshPlans freshPlans, PreviewChecks previewChecks) {
        this.courses = courses;
        this.geo = geo;
        this.notifications = notifications;
        this.runTimeout = config.matching().runTimeout();
        this.previewTimeout = config.matching().previewTimeout();
        this.noticeBatchSize = config.delivery().batchSize();
        this.freshPlans = freshPlans;
        this.previewChecks = previewChecks;
    }

    /** Learners of the course who wait for a match in this format, longest wait first. */
    public List<Enrolment> pool(long courseId, Format format) {
        Set<Long> busy = new HashSet<>(ProposalMember.<ProposalMember>list(
                "proposal.course.id = ?1 and (proposal.status = ?2 or proposal.status = ?3)", courseId, Proposal.Status.PENDING,
                Proposal.Status.DRAFT).stream().map(member -> member.person.id).toList());
        return Enrolment.<Enrolment>list("course.id = ?1 and status = ?2 and profileComplete = true order by waitingSince, id",
                courseId, Enrolment.Status.WAITING).stream()
                .filter(e -> e.formatSet().contains(format) && !busy.contains(e.person.id))
                .toList();
    }

    /**
     * Where learners who want local meetups live close enough together, for the organizers: the meetup clustering over
     * every learner of the course who chose meetups and is not pausing (matched ones too: a tandem does not replace a
     * meetup). Only cities and counts leave this method.
     */
    public MeetupResult meetupDemand(long courseId) {
        Course course = Course.findById(courseId);
        // only those who chose meetups are read, not the whole course
        List<Enrolment> wanting = Enrolment.list("course.id = ?1 and profileComplete = true and status <> ?2 and latitude is not null"
                + " and concat(',', formats, ',') like ?3", courseId, Enrolment.Status.PAUSED, FORMAT_PATTERN.formatted(Format.LOCAL_MEETUP));
        return new MatchingEngine(CourseRules.of(course, 0), this::nearestCity)
                .clusterMeetups(EngineInputs.forCourse(courseId).learners(wanting));
    }

    /**
     * How many learners {@link #pool} holds for each of the course's formats, counted by the database: the matching
     * page would otherwise load every waiting learner of a large course once per format.
     */
    public Map<Format, Integer> waitingCounts(long courseId) {
        Course course = Course.findById(courseId);
        Map<Format, Integer> counts = new LinkedHashMap<>();
        for (Format format : course.formatSet()) {
            counts.put(format, waitingCount(courseId, format));
        }
        return counts;
    }

    /** How many learners {@link #pool} holds for the format, counted by the database. */
    int waitingCount(long courseId, Format format) {
        return Enrolment.getEntityManager().createQuery("select count(e) from Enrolment e where e.course.id = ?1"
                + " and e.status = ?2 and e.profileComplete = true and concat(',', e.formats, ',') like ?3 and not exists"
                + " (select m.id from ProposalMember m where m.person = e.person and m.proposal.course.id = ?1"
                + " and m.proposal.status in (?4, ?5))", Long.class)
                .setParameter(1, courseId).setParameter(2, Enrolment.Status.WAITING).setParameter(3, FORMAT_PATTERN.formatted(format))
                .setParameter(4, Proposal.Status.PENDING).setParameter(5, Proposal.Status.DRAFT).getSingleResult().intValue();
    }

    /**
     * Of the learners waiting now, how many the last run left unplaced for each reason, by the format it matched. Counts
     * only reasons that still hold, as {@link Enrolment#whyUnplaced()} decides for the learner's own page.
     */
    public Map<Format, Map<UnmatchedReason, Long>> whyWaiting(long courseId) {
        Map<Format, Map<UnmatchedReason, Long>> counts = new EnumMap<>(Format.class);
        for (Object[] row : Enrolment.getEntityManager().createQuery("select e.unplacedFormat, e.unplacedReason, count(e) from Enrolment e"
                + " where e.course.id = ?1 and e.status = ?2 and e.unplacedReason is not null and e.unplacedAt >= e.updatedAt"
                + " and (e.waitingSince is null or e.unplacedAt >= e.waitingSince) group by e.unplacedFormat, e.unplacedReason", Object[].class)
                .setParameter(1, courseId).setParameter(2, Enrolment.Status.WAITING).getResultList()) {
            counts.computeIfAbsent((Format) row[0], format -> new EnumMap<>(UnmatchedReason.class)).put((UnmatchedReason) row[1], (Long) row[2]);
        }
        return counts;
    }

    /**
     * A run started by the course team: recorded as running and committed, so that its page can show progress while
     * {@link #compute(long)} works in the background; it then stays a preview until published or discarded.
     */
    @Transactional
    public MatchingRun start(long courseId, long personId, Format format) {
        Course course = courses.requireTeam(courseId, personId);
        if (format == null || !course.offers(format)) {
            throw InvalidInputException.of("format", "error.invalid-choice");
        }
        failInterruptedRuns();
        // one run at a time per course: a double click on "Run now" waits here and then finds the first run open
        Course.getEntityManager().lock(course, LockModeType.PESSIMISTIC_WRITE);
        if (Queries.count(MatchingRun.class, "course.id = ?1 and format = ?2 and (status = ?3 or status = ?4)", courseId, format,
                MatchingRun.Status.PREVIEW, MatchingRun.Status.RUNNING) > 0) {
            throw InvalidInputException.of("format", "error.preview-open");
        }
        int waiting = waitingCount(courseId, format);
        if (waiting == 0) { // a run of nobody would only leave an empty preview to discard
            throw InvalidInputException.of("format", "error.nobody-waiting");
        }
        MatchingRun run = newRun(course, format, Person.findById(personId), false);
        run.waitingCount = waiting;
        return run;
    }

    /** Computes a started run (called in the background); a failure is recorded on the run, never lost. */
    public void compute(long runId) {
        try {
            QuarkusTransaction.requiringNew().timeout(RUN_TRANSACTION_SECONDS).run(() -> fill(MatchingRun.findById(runId)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Matching run %d failed", runId);
            QuarkusTransaction.requiringNew().run(() -> {
                MatchingRun run = MatchingRun.findById(runId);
                run.status = MatchingRun.Status.FAILED;
                run.finishedAt = Instant.now();
                run.message = null;
            });
            return;
        }
        try { // the preview's first view then finds its drafts checked
            QuarkusTransaction.requiringNew().run(() -> previewChecks.warm(MatchingRun.<MatchingRun>findById(runId).course.id, runId));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Matching run %d: its drafts were not checked ahead; the first view of its preview checks them", runId);
        }
    }

    /**
     * Marks failed the runs still running after the run timeout: their instance stopped while computing them (a
     * deployment, a crash), and an open run would keep the course team from starting another. Rolling runs are
     * computed in the transaction that creates them, so they never stay running.
     */
    @Transactional
    public int failInterruptedRuns() {
        return MatchingRun.update("status = ?1, finishedAt = ?2 where status = ?3 and startedAt < ?4", MatchingRun.Status.FAILED,
                Instant.now(), MatchingRun.Status.RUNNING, Instant.now().minus(runTimeout));
    }

    /** Discards the previews left open longer than the preview timeout, so their learners can be matched again. */
    @Transactional
    public int discardAbandonedPreviews() {
        int discarded = 0;
        for (MatchingRun run : MatchingRun.<MatchingRun>list("status = ?1 and finishedAt < ?2", MatchingRun.Status.PREVIEW,
                Instant.now().minus(previewTimeout))) {
            if (RowLocks.lockAndReload(run).status == MatchingRun.Status.PREVIEW) { // not published meanwhile
                discard(run);
                discarded++;
            }
        }
        return discarded;
    }

    /** When an open preview will be discarded if nobody publishes it; null for any other run. */
    public Instant discardedAt(MatchingRun run) {
        return run.status == MatchingRun.Status.PREVIEW && run.finishedAt != null ? run.finishedAt.plus(previewTimeout) : null;
    }

    /**
     * A run of rolling matching: computed and published at once; none when nobody waits for the format (at every
     * cadence over a whole course, empty runs would bury the team's history).
     */
    @Transactional
    @TransactionConfiguration(timeout = RUN_TRANSACTION_SECONDS)
    public MatchingRun runRolling(long courseId, Format format) {
        if (waitingCount(courseId, format) == 0) {
            return null;
        }
        Course course = Course.findById(courseId);
        MatchingRun run = newRun(course, format, null, true);
        fill(run);
        if (run.status == MatchingRun.Status.PREVIEW) {
            publishRun(run);
        }
        return run;
    }

    private static MatchingRun newRun(Course course, Format format, Person startedBy, boolean rolling) {
        MatchingRun run = new MatchingRun();
        run.course = course;
        run.format = format;
        run.rolling = rolling;
        run.startedBy = startedBy;
        run.startedAt = Instant.now();
        run.seed = run.startedAt.toEpochMilli();
        run.status = MatchingRun.Status.RUNNING;
        run.persist();
        return run;
    }

    private void fill(MatchingRun run) {
        if (run.status != MatchingRun.Status.RUNNING) {
            return; // waited in the queue past the run timeout and was marked failed meanwhile
        }
        freshPlans.forThisTransaction(); // tens of thousands of proposals are inserted below
        Course course = run.course;
        Format format = run.format;
        List<Enrolment> pool = pool(course.id, format);
        run.waitingCount = pool.size();
        EngineInputs inputs = EngineInputs.forCourse(course.id);
        Rules rules = CourseRules.of(course, run.seed);
        Map<String, Integer> relaxation = relaxationSteps(course, pool);
        List<Unmatched> unmatched = new ArrayList<>();
        if (format == Format.LOCAL_MEETUP) {
            MeetupResult result = new MatchingEngine(rules, this::nearestCity).clusterMeetups(inputs.learners(pool));
            run.placedCount = result.clusteredLearners();
            unmatched.addAll(result.unmatched());
            run.message = result.clusters().stream().map(c -> c.centre().name() + " (" + c.members().size() + ")")
                    .collect(Collectors.joining("; "));
        } else {
            List<EngineLearner> normal = new ArrayList<>();
            List<EngineLearner> relaxed = new ArrayList<>();
            for (Enrolment e : pool) {
                EngineLearner learner = inputs.learner(e);
                (relaxation.containsKey(learner.id()) ? relaxed : normal).add(learner);
            }
            unmatched.addAll(place(run, format, rules, normal, relaxed, inputs, null));
            int steps = relaxed.isEmpty() ? 0 : relaxed.stream().mapToInt(l -> relaxation.get(l.id())).max().orElse(0);
            if (steps > 0) {
                // Second pass: those still unplaced who waited too long, with fewer common hours and wider radii.
                Set<String> stillUnplaced = unmatched.stream().map(Unmatched::learnerId).collect(Collectors.toSet());
                List<EngineLearner> second = new ArrayList<>();
                for (EngineLearner learner : relaxed) {
                    if (stillUnplaced.contains(learner.id())) {
                        second.add(widen(learner, relaxation.get(learner.id())));
                    }
                }
                if (second.size() >= 2) {
                    int hours = Math.max(1, rules.minCommonHours() - steps);
                    Rules relaxedRules = rules.withMinCommonHours(Math.min(hours, rules.minCommonHours()));
                    String note = "hours:" + relaxedRules.minCommonHours() + ",radius:" + (100 + 50 * steps);
                    Set<String> secondIds = second.stream().map(EngineLearner::id).collect(Collectors.toSet());
                    unmatched.removeIf(u -> secondIds.contains(u.learnerId()));
                    unmatched.addAll(place(run, format, relaxedRules, second, List.of(), inputs, note));
                }
            }
            // counted by the database: a query per proposal would dirty-check every learner loaded, each time
            run.placedCount = (int) ProposalMember.count("proposal.run.id = ?1 and response <> ?2", run.id, ProposalMember.Response.MEMBER);
            Object[] scores = Proposal.getEntityManager().createQuery("select avg(p.score), min(p.score) from Proposal p where p.run.id = ?1",
                    Object[].class).setParameter(1, run.id).getSingleResult();
            run.meanScore = (Double) scores[0];
            run.minScore = (Double) scores[1];
        }
        run.message = joinUnmatched(unmatched, run.message);
        run.status = MatchingRun.Status.PREVIEW;
        run.finishedAt = Instant.now();
        recordWhyUnplaced(pool, format, unmatched, run.finishedAt);
    }

    /** Each learner of the run keeps why it left them unplaced (their course page says it), or loses an older reason. */
    private static void recordWhyUnplaced(List<Enrolment> pool, Format format, List<Unmatched> unmatched, Instant now) {
        Map<String, UnmatchedReason> why = unmatched.stream().collect(Collectors.toMap(Unmatched::learnerId, Unmatched::reason, (a, b) -> a));
        for (Enrolment e : pool) {
            UnmatchedReason reason = why.get(String.valueOf(e.person.id));
            e.unplacedReason = reason;
            e.unplacedFormat = reason == null ? null : format;
            e.unplacedAt = reason == null ? null : now;
        }
    }

    /** Runs the engine on the learners and stores the resulting proposals as drafts of the run. */
    private List<Unmatched> place(MatchingRun run, Format format, Rules rules, List<EngineLearner> first, List<EngineLearner> alsoRelaxed,
            EngineInputs inputs, String relaxationNote) {
        List<EngineLearner> learners = new ArrayList<>(first);
        learners.addAll(alsoRelaxed);
        MatchingEngine engine = new MatchingEngine(rules, this::nearestCity);
        if (format == Format.TANDEM) {
            TandemResult result = engine.matchTandems(learners);
            for (Tandem tandem : result.tandems()) {
                draft(run, format, List.of(tandem.first(), tandem.second()), tandem.score(), tandem.modality(), tandem.explanation(),
                        relaxationNote, null, List.of());
            }
            return result.unmatched();
        }
        OpenGroups open = OpenGroups.of(run.course.id);
        List<ExistingGroup> existing = new ArrayList<>();
        Map<String, LearningGroup> byKey = new HashMap<>();
        for (LearningGroup group : open.groups()) {
            List<EngineLearner> members = open.memberIds(group).stream().map(open.enrolments()::get).filter(Objects::nonNull)
                    .map(inputs::learner).map(EngineLearner::withoutFormats).toList();
            existing.add(new ExistingGroup("g" + group.id, members, group.maximumSize()));
            byKey.put("g" + group.id, group);
        }
        GroupResult result = engine.formGroups(learners, existing);
        for (CompletedGroup completed : result.completed()) {
            LearningGroup group = byKey.get(completed.groupId());
            List<String> current = open.memberIds(group).stream().map(String::valueOf).toList();
            draft(run, format, completed.joiners(), completed.score(), group.modality, completed.explanation(), relaxationNote, group, current);
        }
        for (StudyGroup group : result.groups()) {
            draft(run, format, group.members(), group.score(), group.modality(), group.explanation(), relaxationNote, null, List.of());
        }
        return result.unmatched();
    }

    /**
     * The course's study groups with free seats and no newcomers being asked already (two proposals could fill a seat
     * twice), with their current members and those members' enrolments, read in three statements whatever their number.
     */
    private record OpenGroups(List<LearningGroup> groups, Map<Long, List<Long>> members, Map<Long, Enrolment> enrolments) {

        static OpenGroups of(long courseId) {
            List<LearningGroup> candidates = LearningGroup.list("from LearningGroup g where g.course.id = ?1 and g.format = ?2 and g.status <> ?3"
                    + " and not exists (select p.id from Proposal p where p.targetGroup = g and (p.status = ?4 or p.status = ?5))", courseId,
                    Format.STUDY_GROUP, LearningGroup.Status.DISSOLVED, Proposal.Status.PENDING, Proposal.Status.DRAFT);
            Map<Long, List<Long>> members = new HashMap<>();
            for (Object[] row : GroupMember.getEntityManager().createQuery("select m.group.id, m.person.id from GroupMember m"
                    + " where m.group.course.id = ?1 and m.group.format = ?2 and m.leftAt is null order by m.joinedAt, m.id", Object[].class)
                    .setParameter(1, courseId).setParameter(2, Format.STUDY_GROUP).getResultList()) {
                members.computeIfAbsent((Long) row[0], id -> new ArrayList<>()).add((Long) row[1]);
            }
            List<LearningGroup> open = candidates.stream()
                    .filter(g -> members.getOrDefault(g.id, List.of()).size() < g.maximumSize()).toList();
            Map<Long, Enrolment> enrolments = Enrolment.<Enrolment>list("from Enrolment e where e.course.id = ?1 and e.person.id in"
                    + " (select m.person.id from GroupMember m where m.group.course.id = ?1 and m.group.format = ?2 and m.leftAt is null)",
                    courseId, Format.STUDY_GROUP).stream().collect(Collectors.toMap(e -> e.person.id, e -> e));
            return new OpenGroups(open, members, enrolments);
        }

        List<Long> memberIds(LearningGroup group) {
            return members.getOrDefault(group.id, List.of());
        }
    }

    private void draft(MatchingRun run, Format format, List<String> personIds, double score, Modality modality,
            Explanation explanation, String relaxationNote, LearningGroup target, List<String> existingMembers) {
        Proposal proposal = new Proposal();
        proposal.course = run.course;
        proposal.run = run;
        proposal.format = format;
        proposal.status = Proposal.Status.DRAFT;
        proposal.modality = modality;
        proposal.score = score;
        proposal.explanation = ExplanationJson.write(explanation);
        proposal.relaxation = relaxationNote;
        proposal.targetGroup = target;
        proposal.createdAt = Instant.now();
        proposal.persist();
        for (String id : existingMembers) {
            addMember(proposal, Long.parseLong(id), ProposalMember.Response.MEMBER);
        }
        for (String id : personIds) {
            addMember(proposal, Long.parseLong(id), ProposalMember.Response.PENDING);
        }
    }

    private static void addMember(Proposal proposal, long personId, ProposalMember.Response response) {
        ProposalMember member = new ProposalMember();
        member.proposal = proposal;
        member.person = Person.findById(personId);
        member.response = response;
        member.persist();
    }

    /** How many relaxation steps each long-waiting learner gets (absent: none). */
    private static Map<String, Integer> relaxationSteps(Course course, List<Enrolment> pool) {
        Map<String, Integer> steps = new HashMap<>();
        Duration maxWait = Duration.ofDays(Math.max(1, course.maxWaitDays));
        Instant now = Instant.now();
        for (Enrolment e : pool) {
            if (e.waitingSince == null) {
                continue;
            }
            long waited = Duration.between(e.waitingSince, now).toMillis();
            int step = (int) Math.min(MAX_RELAXATION_STEPS, waited / maxWait.toMillis());
            if (step > 0) {
                steps.put(String.valueOf(e.person.id), step);
            }
        }
        return steps;
    }

    private static EngineLearner widen(EngineLearner learner, int steps) {
        int radius = (int) Math.round(learner.radiusKm() * (1 + 0.5 * steps));
        return new EngineLearner(learner.id(), learner.utcWeek(), learner.utcOffsetMinutes(), learner.languages(), learner.modalities(),
                learner.formats(), learner.latitude(), learner.longitude(), radius, learner.motives(), learner.certificate(),
                learner.followMode(), learner.objects(), learner.situation(), learner.sector(), learner.organisation(),
                learner.experience(), learner.exclusions(), learner.preformedPartners());
    }

    private City nearestCity(double latitude, double longitude) {
        Place place = geo.nearest(latitude, longitude);
        return new City(String.valueOf(place.id()), place.name(), place.latitude(), place.longitude());
    }

    /** The run's message: as many unplaced learners as fit, whole, with the count of the others, then the clusters. */
    static String joinUnmatched(List<Unmatched> unmatched, String clusters) {
        String tail = clusters == null || clusters.isEmpty() ? "" : "|" + cut(clusters, MatchingRun.MESSAGE_MAX / 2);
        int budget = MatchingRun.MESSAGE_MAX - tail.length() - 20; // room for ",more:N"
        StringBuilder reasons = new StringBuilder();
        int written = 0;
        for (Unmatched u : unmatched) {
            String entry = (written == 0 ? "" : ",") + u.learnerId() + ":" + u.reason().name();
            if (reasons.length() + entry.length() > budget) {
                reasons.append(written == 0 ? "" : ",").append("more:").append(unmatched.size() - written);
                break;
            }
            reasons.append(entry);
            written++;
        }
        return reasons + tail;
    }

    private static String cut(String clusters, int max) {
        return clusters.length() <= max ? clusters : clusters.substring(0, clusters.lastIndexOf("; ", max - 2)) + "; …";
    }

    // --- preview adjustments by the course team

    /** The run if it belongs to the course and the person is on its team. */
    public MatchingRun requireRun(long courseId, long personId, long runId) {
        courses.requireTeam(courseId, personId);
        MatchingRun run = MatchingRun.findById(runId);
        if (run == null || !run.course.id.equals(courseId)) {
            throw new NotFoundException();
        }
        return run;
    }

    private MatchingRun requirePreview(long courseId, long personId, long runId) {
        MatchingRun run = requireRun(courseId, personId, runId);
        // locked and re-read: a double click on "Publish" or the discard of an abandoned preview waits for this one
        RowLocks.lockAndReload(run);
        if (run.status != MatchingRun.Status.PREVIEW) {
            throw InvalidInputException.of("run", "error.run-not-preview");
        }
        return run;
    }

    private static ProposalMember requireMember(MatchingRun run, long memberId) {
        ProposalMember member = ProposalMember.findById(memberId);
        if (member == null || member.proposal.run == null || !member.proposal.run.id.equals(run.id)
                || member.proposal.status != Proposal.Status.DRAFT) {
            throw new NotFoundException();
        }
        return member;
    }

    private static Proposal requireDraft(MatchingRun run, long proposalId) {
        Proposal proposal = Proposal.findById(proposalId);
        if (proposal == null || proposal.run == null || !proposal.run.id.equals(run.id) || proposal.status != Proposal.Status.DRAFT) {
            throw new NotFoundException();
        }
        return proposal;
    }

    /** Moves a learner to another proposed group of the same run (or to a new one when {@code targetId} is null). */
    @Transactional
    public void move(long courseId, long personId, long runId, long memberId, Long targetId) {
        MatchingRun run = requirePreview(courseId, personId, runId);
        ProposalMember member = requireMember(run, memberId);
        if (member.response == ProposalMember.Response.MEMBER) {
            throw InvalidInputException.of("member", "error.cannot-move-member");
        }
        Proposal from = member.proposal;
        Proposal to = targetId == null ? emptyDraft(run) : requireDraft(run, targetId);
        if (to.id.equals(from.id)) {
            return;
        }
        member.proposal = to;
        rescore(from);
        rescore(to);
    }

    /** Takes a learner out of the preview; they stay in the pool for the next run. */
    @Transactional
    public void remove(long courseId, long personId, long runId, long memberId) {
        MatchingRun run = requirePreview(courseId, personId, runId);
        ProposalMember member = requireMember(run, memberId);
        Proposal from = member.proposal;
        member.delete();
        rescore(from);
    }

    /** Splits a proposed group in two halves. */
    @Transactional
    public void split(long courseId, long personId, long runId, long proposalId) {
        MatchingRun run = requirePreview(courseId, personId, runId);
        Proposal proposal = requireDraft(run, proposalId);
        List<ProposalMember> movable = proposal.members().stream().filter(m -> m.response != ProposalMember.Response.MEMBER).toList();
        if (movable.size() < 2) {
            throw InvalidInputException.of("proposal", "error.cannot-split");
        }
        Proposal other = emptyDraft(run);
        for (ProposalMember member : movable.subList(movable.size() / 2, movable.size())) {
            member.proposal = other;
        }
        rescore(proposal);
        rescore(other);
    }

    /** Merges the second proposed group into the first. */
    @Transactional
    public void merge(long courseId, long personId, long runId, long proposalId, long otherId) {
        MatchingRun run = requirePreview(courseId, personId, runId);
        Proposal proposal = requireDraft(run, proposalId);
        Proposal other = requireDraft(run, otherId);
        if (proposal.id.equals(other.id) || other.targetGroup != null) {
            throw InvalidInputException.of("proposal", "error.cannot-merge");
        }
        for (ProposalMember member : other.members()) {
            member.proposal = proposal;
        }
        rescore(proposal);
        rescore(other);
    }

    private static Proposal emptyDraft(MatchingRun run) {
        Proposal proposal = new Proposal();
        proposal.course = run.course;
        proposal.run = run;
        proposal.format = run.format;
        proposal.status = Proposal.Status.DRAFT;
        proposal.createdAt = Instant.now();
        proposal.persist();
        return proposal;
    }

    /** Re-checks and re-scores an edited proposal; an emptied one is withdrawn. */
    private void rescore(Proposal proposal) {
        ProposalMember.getEntityManager().flush();
        List<ProposalMember> members = proposal.members();
        if (members.stream().noneMatch(m -> m.response != ProposalMember.Response.MEMBER)) {
            proposal.status = Proposal.Status.WITHDRAWN;
            return;
        }
        GroupEvaluation.Result result = evaluate(proposal, members);
        proposal.score = result.score();
        proposal.modality = result.modality();
        proposal.explanation = ExplanationJson.write(result.explanation());
    }

    /** Hard-constraint check and score of one proposal as it stands, after a preview edit. */
    private GroupEvaluation.Result evaluate(Proposal proposal, List<ProposalMember> members) {
        Map<Long, Enrolment> enrolments = new HashMap<>();
        for (ProposalMember member : members) {
            Enrolment.find(proposal.course.id, member.person.id).ifPresent(e -> enrolments.put(member.person.id, e));
        }
        return evaluate(proposal, members, enrolments, EngineInputs.forCourse(proposal.course.id));
    }

    /** The hard-constraint check of one proposal of a run read as a whole (the preview page, publishing). */
    static GroupEvaluation.Check check(Proposal proposal, RunProposals run) {
        return GroupEvaluation.check(learners(run.members(proposal), run.enrolments(), run.inputs()), rules(proposal, run.rules()));
    }

    private GroupEvaluation.Result evaluate(Proposal proposal, List<ProposalMember> members, Map<Long, Enrolment> enrolmentsByPerson,
            EngineInputs inputs) {
        return GroupEvaluation.evaluate(learners(members, enrolmentsByPerson, inputs), rules(proposal, CourseRules.of(proposal.course, 1)));
    }

    private static List<EngineLearner> learners(List<ProposalMember> members, Map<Long, Enrolment> enrolmentsByPerson, EngineInputs inputs) {
        return members.stream().map(m -> enrolmentsByPerson.get(m.person.id)).filter(Objects::nonNull).map(inputs::learner).toList();
    }

    /** The course's rules as they apply to the proposal: a relaxed one needs fewer common hours. */
    private static Rules rules(Proposal proposal, Rules courseRules) {
        return proposal.relaxation == null ? courseRules
                : courseRules.withMinCommonHours(relaxedHours(proposal.relaxation, courseRules.minCommonHours()));
    }

    /** Whether the proposal's size fits its format and the course's rules. */
    public static boolean sizeOk(Proposal proposal, int size) {
        if (proposal.format == Format.TANDEM) {
            return size == 2;
        }
        return size >= proposal.course.groupMin && size <= proposal.course.groupMax;
    }

    static int relaxedHours(String relaxation, int normal) {
        for (String part : relaxation.split(",")) {
            if (part.startsWith("hours:")) {
                try {
                    return Integer.parseInt(part.substring(6));
                } catch (NumberFormatException ignored) {
                    return normal;
                }
            }
        }
        return normal;
    }

    /** Sends the preview's proposals to their members; refused while any proposal breaks a rule. */
    @Transactional
    public void publish(long courseId, long personId, long runId) {
        MatchingRun run = requirePreview(courseId, personId, runId);
        RunProposals proposals = RunProposals.of(courseId, run.id);
        for (Proposal proposal : proposals.proposals()) {
            if (proposal.status == Proposal.Status.DRAFT
                    && (!check(proposal, proposals).valid() || !sizeOk(proposal, proposals.members(proposal).size()))) {
                throw InvalidInputException.of("run", "error.run-has-violations");
            }
        }
        publishRun(run);
    }

    /**
     * Proposes the run's drafts in one statement and tells their members in batches: this transaction tells the first
     * (the whole of most runs), {@link org.entraide.web.Deliveries} the others, so that publishing 100,000 learners is
     * no transaction of 100,000 notices. Members see their proposal on their matches page from the start either way.
     */
    private void publishRun(MatchingRun run) {
        Instant now = Instant.now();
        // proposals this transaction loaded keep their old status in memory; nothing reads them after this
        Proposal.update("status = ?1, expiresAt = ?2 where run.id = ?3 and status = ?4", Proposal.Status.PENDING,
                now.plus(Duration.ofDays(run.course.consentWindowDays)), run.id, Proposal.Status.DRAFT);
        run.status = MatchingRun.Status.PUBLISHED;
        run.notifiedUpTo = 0;
        run.notifiedAt = null;
        notifyNextBatch(run, now);
    }

    /**
     * Tells the oldest published run's next members of their proposal, in its own transaction; false when no run has
     * members left to tell now. A run whose batch failed waits for its next try (see {@link DeliveryFailures}).
     */
    public boolean notifyNextBatch(Instant now) {
        Long telling = QuarkusTransaction.requiringNew().call(() -> MatchingRun.find("select r.id from MatchingRun r where r.status = :published"
                + " and r.notifiedAt is null and " + DeliveryFailures.due("r.noticeFailures") + " order by r.id",
                Parameters.with("published", MatchingRun.Status.PUBLISHED).and("now", now)).project(Long.class).firstResult());
        if (telling == null) {
            return false;
        }
        DeliveryFailures.attempt(MatchingRun.class, telling, run -> run.noticeFailures, run -> run.notifiedAt == null,
                run -> notifyNextBatch(run, now), this::tellTeamNoticesStopped, now);
        return true;
    }

    /**
     * Whoever published the run learns that telling its members stopped, with a link to the run's page, where they may
     * try again; a rolling run has no publisher, so the whole course team learns it.
     */
    private void tellTeamNoticesStopped(MatchingRun run) {
        LOG.errorf("Telling the members of run %d of their proposals stopped", run.id);
        List<Person> told = run.startedBy != null ? List.of(run.startedBy)
                : CourseRole.<CourseRole>list("course.id = ?1 and role = ?2", run.course.id, CourseRole.Kind.TEAM).stream().map(r -> r.person).toList();
        for (Person person : told) {
            notifications.notify(person, NotificationKind.PROPOSAL_NOTICES_STOPPED,
                    "/courses/" + run.course.id + "/manage/matching/runs/" + run.id, run.course.title);
        }
    }

    /** Telling a published run's members, stopped after failed batches, goes on from where it stopped at the next delivery run. */
    @Transactional
    public void tryNoticesAgain(long courseId, long personId, long runId) {
        MatchingRun run = RowLocks.lockAndReload(requireRun(courseId, personId, runId));
        if (run.noticeFailures.stopped()) {
            run.noticeFailures.reset();
        }
    }

    /** Tells the run's next members, in member order, of their proposal if it is still open and they have not answered. */
    private void notifyNextBatch(MatchingRun run, Instant now) {
        // the deadline is selected as a value: the proposals publishing loaded still hold none (it was set by a bulk update)
        List<Object[]> batch = ProposalMember.getEntityManager().createQuery("select m, p.expiresAt from ProposalMember m join fetch m.person"
                + " join m.proposal p where p.run.id = ?1 and p.status = ?2 and m.response = ?3 and m.id > ?4 order by m.id", Object[].class)
                .setParameter(1, run.id).setParameter(2, Proposal.Status.PENDING).setParameter(3, ProposalMember.Response.PENDING)
                .setParameter(4, run.notifiedUpTo).setMaxResults(noticeBatchSize).getResultList();
        Map<Long, ZoneId> zones = Enrolment.profileZones(run.course.id, batch.stream().map(row -> ((ProposalMember) row[0]).person.id).toList());
        for (Object[] row : batch) {
            ProposalMember member = (ProposalMember) row[0];
            notifications.notify(member.person, NotificationKind.PROPOSAL_NEW, "/courses/" + run.course.id + "/matches", run.course.title, "",
                    ConsentService.answerBy(member.person, (Instant) row[1], zones));
            run.notifiedUpTo = member.id;
        }
        if (batch.size() < noticeBatchSize) {
            run.notifiedAt = now;
        }
    }

    @Transactional
    public void discard(long courseId, long personId, long runId) {
        discard(requirePreview(courseId, personId, runId));
    }

    private static void discard(MatchingRun run) {
        Proposal.update("status = ?1 where run.id = ?2 and status = ?3", Proposal.Status.WITHDRAWN, run.id, Proposal.Status.DRAFT);
        run.status = MatchingRun.Status.DISCARDED;
    }
}
