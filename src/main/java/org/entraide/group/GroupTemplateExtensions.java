package org.entraide.group;

import io.quarkus.qute.TemplateExtension;

/** What the course team's group pages show of a group; dates use the shared extensions in the web package. */
@TemplateExtension
public class GroupTemplateExtensions {

    static String teamName(LearningGroup group) {
        return GroupHealthService.teamName(group);
    }
}
