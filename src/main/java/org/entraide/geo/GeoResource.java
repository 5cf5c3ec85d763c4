package org.entraide.geo;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.entraide.web.RequestContext;

import io.quarkus.security.Authenticated;

/** City suggestions for the profile form's search box (progressive enhancement of the plain search). */
@Path("/places")
@Authenticated
public class GeoResource {

    public record Suggestion(long id, String label, String timezone) {
    }

    private final GeoService geo;
    private final RequestContext context;

    GeoResource(GeoService geo, RequestContext context) {
        this.geo = geo;
        this.context = context;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Suggestion> search(@QueryParam("q") String query) {
        return geo.search(query, 10).stream().map(p -> new Suggestion(p.id(), p.label(context.locale()), p.timezone())).toList();
    }
}
