package org.entraide.matching.engine;

import org.entraide.profile.Modality;

/** A proposed pair; {@code score} in [0, 1]. */
public record Tandem(String first, String second, Modality modality, double score, Explanation explanation) {
}
