package org.entraide.matching.engine;

import java.util.List;

import org.entraide.availability.WeekMask;
import org.entraide.profile.Modality;

/** A proposed study group; {@code commonHours} are the UTC hours when every member is free. */
public record StudyGroup(List<String> members, Modality modality, double score, WeekMask commonHours,
        Explanation explanation) {

    public StudyGroup {
        members = List.copyOf(members);
    }
}
