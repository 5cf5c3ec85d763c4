package org.entraide.matching.bench;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.entraide.geo.Gazetteer;
import org.entraide.geo.Place;
import org.entraide.matching.EngineInputs;
import org.entraide.matching.EngineWarmUp;
import org.entraide.matching.engine.City;
import org.entraide.matching.engine.EngineLearner;
import org.entraide.matching.engine.GroupBaselines;
import org.entraide.matching.engine.GroupResult;
import org.entraide.matching.engine.MatchingEngine;
import org.entraide.matching.engine.MatchingReference;
import org.entraide.matching.engine.MeetupResult;
import org.entraide.matching.engine.Rules;
import org.entraide.matching.engine.TandemResult;
import org.entraide.profile.LearnerProfile;
import org.entraide.profile.LearnerProfileCsv;
import org.entraide.profile.population.PopulationGenerator;

/** Runs the matching engine, its baselines and the exact reference; prints one {@code bench …} line per run. */
public final class BenchMatching {

    public static void main(String[] args) throws IOException {
        int n = 100_000;
        long seed = 1;
        Set<String> formats = Set.of("tandem", "group", "meetup");
        Path input = null;
        String exact = "auto";
        boolean allPairs = false;
        int warmRuns = 0;
        boolean cold = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--formats" -> formats = Set.of(args[++i].split(","));
                case "--input" -> input = Path.of(args[++i]);
                case "--exact" -> exact = args[++i];
                case "--all-pairs" -> allPairs = true;
                case "--warm" -> warmRuns = Integer.parseInt(args[++i]);
                case "--cold" -> cold = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        Gazetteer gazetteer = Gazetteer.loadDefault();
        List<LearnerProfile> profiles;
        if (input != null) {
            try (Reader reader = Files.newBufferedReader(input)) {
                LearnerProfileCsv.Result result = LearnerProfileCsv.read(reader);
                result.errors().forEach(error -> System.err.println("skipped " + error));
                profiles = result.profiles();
            }
        } else {
            profiles = new PopulationGenerator(gazetteer, seed).generate(n);
        }
        List<EngineLearner> learners = EngineInputs.fromProfiles(profiles, EngineInputs.GENERATED_WEEK);
        n = learners.size();
        Rules rules = Rules.defaults().withSeed(seed);
        MatchingEngine engine = new MatchingEngine(rules, (lat, lon) -> {
            Place place = gazetteer.nearest(lat, lon);
            return new City(Long.toString(place.id()), place.name(), place.latitude(), place.longitude());
        });
        List<EngineLearner> population = learners;
        if (!cold) {
            // what the server does at start-up (EngineWarmUp), so the timed runs are those a course team waits for
            long started = System.nanoTime();
            EngineWarmUp.run(gazetteer, EngineWarmUp.LEARNERS, EngineWarmUp.ROUNDS);
            System.err.printf(Locale.ROOT, "engine warm-up as at server start-up: %.2f s (untimed; --cold skips it)%n",
                    (System.nanoTime() - started) / 1e9);
        }
        if (formats.contains("tandem")) {
            warmUp(warmRuns, "tandem", () -> engine.matchTandems(population));
            Measured<TandemResult> run = measure(() -> engine.matchTandems(population));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "bench format=tandem n=%d seconds=%.2f heap_mb=%d matched=%d weight=%.1f", n, run.seconds,
                    run.heapMb, run.value.matchedLearners(), run.value.totalWeight()));
            boolean runExact = exact.equals("yes") || (exact.equals("auto") && run.value.candidateEdges() <= 2_000_000);
            if (runExact) {
                long started = System.nanoTime();
                Optional<MatchingReference.Optimum> optimum =
                        MatchingReference.exactOnCandidateGraph(population, rules, 900_000);
                if (optimum.isPresent()) {
                    line.append(String.format(Locale.ROOT, " exact_weight=%.1f weight_ratio=%.4f matched_ratio=%.4f",
                            optimum.get().weight(), run.value.totalWeight() / optimum.get().weight(),
                            (double) run.value.matchedLearners() / optimum.get().matched()));
                    System.err.printf(Locale.ROOT, "exact reference: %d candidate edges, %.1f s%n",
                            optimum.get().edges(), (System.nanoTime() - started) / 1e9);
                } else {
                    System.err.println("exact reference skipped: Blossom V exceeded 15 minutes");
                }
            } else {
                System.err.println("exact reference skipped (--exact " + exact + ")");
            }
            System.out.println(line);
            if (allPairs) {
                long started = System.nanoTime();
                MatchingReference.Optimum candidate =
                        MatchingReference.exactOnCandidateGraph(population, rules, 900_000).orElseThrow();
                MatchingReference.Optimum all = MatchingReference.exactOnAllPairs(population, rules, 900_000)
                        .orElseThrow();
                System.out.printf(Locale.ROOT,
                        "bench format=tandem-candidates n=%d candidate_edges=%d all_pairs_edges=%d candidate_optimum=%.1f"
                                + " all_pairs_optimum=%.1f optimum_ratio=%.4f candidate_matched=%d all_pairs_matched=%d"
                                + " seconds=%.1f%n",
                        n, candidate.edges(), all.edges(), candidate.weight(), all.weight(),
                        candidate.weight() / all.weight(), candidate.matched(), all.matched(),
                        (System.nanoTime() - started) / 1e9);
            }
        }
        if (formats.contains("group")) {
            warmUp(warmRuns, "group", () -> engine.formGroups(population));
            Measured<GroupResult> run = measure(() -> engine.formGroups(population));
            GroupResult random = GroupBaselines.random(population, rules);
            GroupResult groupAl = GroupBaselines.groupAl(population, rules);
            System.out.printf(Locale.ROOT,
                    "bench format=group n=%d seconds=%.2f heap_mb=%d groups=%d common_slot_ok=%.3f mean_score=%.2f"
                            + " min_score=%.2f baseline=random mean_score=%.2f min_score=%.2f common_slot_ok=%.2f"
                            + " baseline=groupal mean_score=%.2f min_score=%.2f common_slot_ok=%.2f%n",
                    n, run.seconds, run.heapMb, run.value.groups().size(), run.value.commonSlotShare(),
                    run.value.meanScore(), run.value.minScore(), random.meanScore(), random.minScore(),
                    random.commonSlotShare(), groupAl.meanScore(), groupAl.minScore(), groupAl.commonSlotShare());
            // the baselines' infeasible groups count 0 in the line above; their worst usable group, for comparison
            System.err.printf(Locale.ROOT, "groups: feasible share entraide=%.3f random=%.3f groupal=%.3f;"
                    + " worst feasible group score entraide=%.4f random=%.4f groupal=%.4f%n",
                    GroupBaselines.feasibleShare(run.value), GroupBaselines.feasibleShare(random),
                    GroupBaselines.feasibleShare(groupAl), GroupBaselines.worstFeasibleScore(run.value),
                    GroupBaselines.worstFeasibleScore(random), GroupBaselines.worstFeasibleScore(groupAl));
            System.err.printf(Locale.ROOT, "groups: %d learners grouped, %d unmatched%n",
                    run.value.groups().stream().mapToInt(g -> g.members().size()).sum(), run.value.unmatched().size());
        }
        if (formats.contains("meetup")) {
            Measured<MeetupResult> run = measure(() -> engine.clusterMeetups(population));
            System.out.printf(Locale.ROOT, "bench format=meetup n=%d seconds=%.2f clusters=%d clustered=%d%n", n,
                    run.seconds, run.value.clusters().size(), run.value.clusteredLearners());
        }
    }

    private record Measured<T>(T value, double seconds, long heapMb) {
    }

    /**
     * Untimed runs before the timed one ({@code --warm K}): the server runs matching again and again (rolling matching
     * every few minutes), so its engine code is compiled; the default (0) measures a cold JVM, JIT included.
     */
    private static void warmUp(int runs, String format, Supplier<?> run) {
        for (int i = 1; i <= runs; i++) {
            long started = System.nanoTime();
            run.get();
            System.err.printf(Locale.ROOT, "warm-up %s run %d: %.2f s (untimed)%n", format, i, (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * Waits (at most 10 s) until the JIT compiler has been idle for half a second: generating or reading the population
     * leaves compilations of that code queued, and they would otherwise take a core from the timed run. The engine's
     * own code is not compiled yet, so the run still pays for its JIT.
     */
    private static void awaitIdleCompiler() {
        var compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long started = System.nanoTime();
        long last = compiler.getTotalCompilationTime();
        int quietTicks = 0;
        while (quietTicks < 5 && System.nanoTime() - started < 10_000_000_000L) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = compiler.getTotalCompilationTime();
            quietTicks = now == last ? quietTicks + 1 : 0;
            last = now;
        }
        System.err.printf(Locale.ROOT, "compiler idle after %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Wall time and peak heap in use (all heap pools) while the run lasted. */
    private static <T> Measured<T> measure(Supplier<T> run) {
        System.gc();
        awaitIdleCompiler();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStarted = os.getProcessCpuTime();
        long started = System.nanoTime();
        T value = run.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        // the machine may be shared: the process CPU time (all threads, JIT and GC included) next to the wall time
        System.err.printf(Locale.ROOT, "run: %.2f s wall, %.2f s process CPU, load average %.1f%n", seconds,
                (os.getProcessCpuTime() - cpuStarted) / 1e9, os.getSystemLoadAverage());
        long peak = pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Measured<>(value, seconds, peak / (1024 * 1024));
    }
}
