package org.entraide.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Notices to many learners delivered two at a time, standing for production's 500, so a few learners make several batches. */
public class BatchesOfTwo implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("entraide.delivery.batch-size", "2");
    }
}
