package org.entraide.group;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.entraide.account.ApiTokenMechanism;
import org.entraide.account.CurrentPerson;
import org.entraide.account.EmailNotVerifiedException;
import org.entraide.account.Person;
import org.entraide.profile.EnumSets;
import org.entraide.profile.Format;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * JSON API for course platforms: a course's groups and a learner's current group, for its course team.
 * Errors are JSON too ({@link ApiError}); an anonymous caller gets 401, never the sign-in page.
 */
@Path("/api/courses/{courseId}")
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token a person of the course team made on /account/tokens; the API answers as that person")
@SecurityRequirement(name = "token")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Groups", description = "Tandems and study groups formed by Entraide, for the course team and its platform")
public class GroupApiResource {

    private static final Logger LOG = Logger.getLogger(GroupApiResource.class);

    @Schema(description = "A current member of a group")
    public record ApiMember(
            @Schema(description = "Entraide's id of the person") long personId,
            @Schema(description = "First name, as other members see it") String firstName,
            @Schema(description = "E-mail; <id>@import.invalid for learners imported with a platform id") String email,
            @Schema(description = "When they joined the group (UTC)") Instant joinedAt) {
    }

    @Schema(description = "A tandem or study group")
    public record ApiGroup(
            long id,
            @Schema(description = "Name used in exports, e.g. tandem-12") String teamName,
            Format format,
            LearningGroup.Status status,
            @Schema(description = "When everyone accepted (UTC)") Instant createdAt,
            @Schema(description = "Last change in the group: formed, joined, left (UTC)") Instant lastActivityAt,
            @Schema(description = "Current members; empty for a dissolved group") List<ApiMember> members) {
    }

    @Schema(description = "An error")
    public record ApiError(@Schema(description = "HTTP status") int status, @Schema(description = "unauthorized, forbidden, not-found, bad-request or server-error") String error) {
    }

    private final GroupHealthService health;
    private final CurrentPerson currentPerson;

    GroupApiResource(GroupHealthService health, CurrentPerson currentPerson) {
        this.health = health;
        this.currentPerson = currentPerson;
    }

    @GET
    @Path("groups")
    @Operation(summary = "List the course's groups", description = "Every group of the course, oldest first, with its current members. "
            + "Only the course team (or a platform admin) may call it.")
    @APIResponse(responseCode = "200", description = "The groups", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ApiGroup.class)))
    @APIResponse(responseCode = "401", description = "Not signed in", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A learner of the course, not its team", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such course, or not one of the caller's", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<ApiGroup> groups(@Parameter(description = "Entraide's id of the course") @PathParam("courseId") long courseId) {
        return health.allGroups(courseId, me()).stream().map(GroupApiResource::toApi).toList();
    }

    @GET
    @Path("learners/{personId}/group")
    @Operation(summary = "A learner's current group", description = "The group the learner is in now (the most recently joined one, "
            + "or the one of the given format). 404 if they are in none.")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiGroup.class)))
    @APIResponse(responseCode = "401", description = "Not signed in", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A learner of the course, not its team", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such course, or the learner has no current group in it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ApiGroup learnerGroup(@Parameter(description = "Entraide's id of the course") @PathParam("courseId") long courseId,
            @Parameter(description = "Entraide's id of the learner") @PathParam("personId") long personId,
            @Parameter(description = "TANDEM, STUDY_GROUP or LOCAL_MEETUP; any format if absent") @QueryParam("format") String format) {
        Format wanted = null;
        if (format != null && !format.isBlank()) {
            wanted = EnumSets.one(Format.class, format);
            if (wanted == null) {
                throw new WebApplicationException(400);
            }
        }
        return toApi(health.currentGroupOf(courseId, me(), personId, wanted));
    }

    private long me() {
        Optional<Person> person = currentPerson.get();
        if (person.isEmpty()) {
            throw new UnauthorizedException();
        }
        return person.get().id;
    }

    private static ApiGroup toApi(GroupHealthService.GroupMembers entry) {
        LearningGroup group = entry.group();
        List<ApiMember> members = entry.current().stream()
                .map(m -> new ApiMember(m.person.id, m.person.firstName(), m.person.email, m.joinedAt)).toList();
        return new ApiGroup(group.id, GroupHealthService.teamName(group), group.format, group.status, group.createdAt,
                group.lastActivityAt, members);
    }

    // Class-level mappers win over the HTML error pages of org.entraide.web.Errors for this resource.

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return Response.fromResponse(error(401, "unauthorized")).header(HttpHeaders.WWW_AUTHENTICATE, ApiTokenMechanism.CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, "forbidden");
    }

    /** A Keycloak identity whose e-mail address is not verified is refused, as on the pages. */
    @ServerExceptionMapper
    public Response emailNotVerified(EmailNotVerifiedException e) {
        return error(403, "forbidden");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return error(404, "not-found");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return error(status, status == 404 ? "not-found" : status == 403 ? "forbidden" : status >= 500 ? "server-error" : "bad-request");
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("API request failed", e);
        return error(500, "server-error");
    }

    static Response error(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, error)).build();
    }
}
