package org.entraide.dashboard;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.entraide.account.CurrentPerson;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The course team's outcomes page. */
@Path("/courses/{id}/manage/dashboard")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class DashboardResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(OutcomesService.Outcomes outcomes);
    }

    private final OutcomesService outcomes;
    private final CurrentPerson currentPerson;

    DashboardResource(OutcomesService outcomes, CurrentPerson currentPerson) {
        this.outcomes = outcomes;
        this.currentPerson = currentPerson;
    }

    @GET
    public String page(@PathParam("id") long courseId) {
        return Templates.dashboard(outcomes.outcomes(courseId, currentPerson.id(), Instant.now())).render();
    }
}
