package org.entraide.profile;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.web.FormErrors;
import org.entraide.web.Redirects;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The course team uploads learner profiles surveyed elsewhere; a file with any problem imports nothing. */
@Path("/courses/{id}/manage/import")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ProfileImportResource {

    public static final long MAX_BYTES = 5L * 1024 * 1024;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance importPage(Course course, FormErrors errors, List<ProfileImportService.Problem> problems,
                String fileName, Integer created, Integer updated, Integer kept, Integer notAdded, List<String> columns, List<String> requiredColumns);
    }

    private final ProfileImportService imports;
    private final CourseService courses;
    private final CurrentPerson currentPerson;

    ProfileImportResource(ProfileImportService imports, CourseService courses, CurrentPerson currentPerson) {
        this.imports = imports;
        this.courses = courses;
        this.currentPerson = currentPerson;
    }

    @GET
    public String page(@PathParam("id") long courseId, @QueryParam("created") String created,
            @QueryParam("updated") String updated, @QueryParam("kept") String kept, @QueryParam("notAdded") String notAdded) {
        Course course = courses.requireTeam(courseId, currentPerson.id());
        return page(course, FormErrors.none(), List.of(), null, count(created), count(updated), count(kept), count(notAdded)).render();
    }

    @POST
    public Response upload(@PathParam("id") long courseId, @RestForm("file") FileUpload file) {
        long me = currentPerson.id();
        Course course = courses.requireTeam(courseId, me);
        if (file == null || file.uploadedFile() == null || file.size() == 0) {
            return rejected(course, new FormErrors().add("file", "error.required"), List.of(), null);
        }
        if (file.size() > MAX_BYTES) {
            return rejected(course, new FormErrors().add("file", "import.problem.too-large"), List.of(), file.fileName());
        }
        // strict UTF-8: a spreadsheet saved in another encoding is reported rather than imported garbled
        try (Reader reader = new InputStreamReader(Files.newInputStream(file.uploadedFile()),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            ProfileImportService.Imported imported = imports.importCsv(courseId, me, reader);
            return Redirects.seeOther("/courses/" + courseId + "/manage/import?created=" + imported.created() + "&updated="
                    + imported.updated() + "&kept=" + imported.kept() + "&notAdded=" + imported.notAdded(), "profiles-imported");
        } catch (ProfileImportService.ImportRejected e) {
            return rejected(course, FormErrors.none(), e.problems, file.fileName());
        } catch (IOException e) {
            return rejected(course, FormErrors.none(), List.of(new ProfileImportService.Problem(null, null, null,
                    "import.problem.unreadable")), file.fileName());
        }
    }

    /** A platform administrator allows the course team to import, or stops it ("yes" or "no"). */
    @POST
    @Path("permission")
    public Response allow(@PathParam("id") long courseId, @RestForm String allowed) {
        boolean allow = imports.allowImport(courseId, currentPerson.id(), allowed);
        return Redirects.seeOther("/courses/" + courseId + "/manage/import", allow ? "import-allowed" : "import-stopped");
    }

    /** The course team asks the platform administrators for the permission to import. */
    @POST
    @Path("request")
    public Response request(@PathParam("id") long courseId) {
        String page = "/courses/" + courseId + "/manage/import";
        return switch (imports.requestImport(courseId, currentPerson.id())) {
            case SENT -> Redirects.seeOther(page, "import-requested");
            case NO_ADMINISTRATOR -> Redirects.seeOther(page, "import-request-nobody");
            case ALREADY_ALLOWED -> Redirects.seeOther(page);
        };
    }

    /** An empty file with the header row, to fill in a spreadsheet. */
    @GET
    @Path("template.csv")
    @Produces("text/csv; charset=UTF-8")
    public Response template(@PathParam("id") long courseId) {
        courses.requireTeam(courseId, currentPerson.id());
        StringWriter out = new StringWriter();
        LearnerProfileCsv.write(List.of(), out);
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"entraide-profiles.csv\"").build();
    }

    private Response rejected(Course course, FormErrors errors, List<ProfileImportService.Problem> problems, String fileName) {
        return Response.status(400).entity(page(course, errors, problems, fileName, null, null, null, null)).build();
    }

    private static TemplateInstance page(Course course, FormErrors errors, List<ProfileImportService.Problem> problems, String fileName,
            Integer created, Integer updated, Integer kept, Integer notAdded) {
        return Templates.importPage(course, errors, problems, fileName, created, updated, kept, notAdded, LearnerProfileCsv.COLUMNS,
                LearnerProfileCsv.REQUIRED_COLUMNS);
    }

    private static Integer count(String value) {
        try {
            return value == null ? null : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
