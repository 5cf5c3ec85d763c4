package org.entraide.matching;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.entraide.geo.Gazetteer;
import org.junit.jupiter.api.Test;

class EngineWarmUpTest {

    @Test
    void matchesGeneratedLearnersIntoTandems() {
        int paired = EngineWarmUp.run(Gazetteer.loadDefault(), 2_000, 1);

        // generated learners are mostly compatible: a warm-up that paired nobody would not have run the matcher
        assertTrue(paired > 500, "learners paired: " + paired);
        assertTrue(paired % 2 == 0, "tandems pair learners two by two: " + paired);
    }
}
