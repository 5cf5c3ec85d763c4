package org.entraide.matching;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.entraide.geo.Gazetteer;
import org.entraide.matching.engine.EngineLearner;
import org.entraide.matching.engine.MatchingEngine;
import org.entraide.matching.engine.Rules;
import org.entraide.profile.population.PopulationGenerator;
import org.entraide.web.EntraideConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Runs the engine on generated learners in the background at start-up, so that the JIT has compiled its hot loops
 * before a course team's first match: a cold JVM took a third longer for its first 100,000-learner run (3.1 s
 * against 2.3 s for tandems). The loops that run once per learner reach the optimising compiler only after tens of
 * thousands of iterations, so the warm-up runs three rounds of 20,000 learners (3.5–4.5 s): after two
 * rounds of 10,000 the first 100,000-learner tandem run still compiled about twenty methods and took 1.8–2.4 s of wall
 * time (3.4–4.5 s of CPU), against 1.6–2.0 s (2.8–3.7 s of CPU) now.
 */
@ApplicationScoped
public class EngineWarmUp {

    private static final Logger LOG = Logger.getLogger(EngineWarmUp.class);
    public static final int LEARNERS = 20_000;
    public static final int ROUNDS = 3;

    void onStart(@Observes StartupEvent event, EntraideConfig config) {
        if (!config.matching().warmUp()) {
            return;
        }
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            try {
                run(Gazetteer.loadDefault(), LEARNERS, ROUNDS);
                LOG.infof("Matching engine warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                // only the first match's speed is at stake
                LOG.warn("Matching engine warm-up failed", e);
            }
        }, "matching-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Matches {@code rounds} generated populations of {@code learners} into tandems and study groups; returns the
     * learners paired in the last round (so the work cannot be optimised away).
     */
    public static int run(Gazetteer gazetteer, int learners, int rounds) {
        MatchingEngine engine = new MatchingEngine(Rules.defaults());
        int paired = 0;
        for (int round = 0; round < rounds; round++) {
            List<EngineLearner> population = EngineInputs.fromProfiles(
                    new PopulationGenerator(gazetteer, round + 1).generate(learners), EngineInputs.GENERATED_WEEK);
            paired = engine.matchTandems(population).matchedLearners();
            engine.formGroups(population);
        }
        return paired;
    }
}
