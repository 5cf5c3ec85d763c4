package org.entraide.matching.engine;

import org.entraide.profile.Format;

public record Unmatched(String learnerId, Format format, UnmatchedReason reason) {
}
