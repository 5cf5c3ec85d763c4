package org.entraide.matching.engine;

import java.util.List;

/** Why members were put together, as structured reasons; {@link ExplanationText} turns it into a sentence. */
public record Explanation(boolean group, List<Reason> reasons) {

    public Explanation {
        reasons = List.copyOf(reasons);
    }

    public <T extends Reason> java.util.Optional<T> find(Class<T> type) {
        return reasons.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
