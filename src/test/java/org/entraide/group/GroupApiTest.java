package org.entraide.group;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.entraide.testing.Browser;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The JSON API for platforms: shapes, and errors that are JSON (401, 403, 404), never pages or redirects. */
@QuarkusTest
class GroupApiTest {

    static RequestSpecification as(Browser browser) {
        return given().redirects().follow(false).cookies(Map.copyOf(browser.cookies())).accept("application/json");
    }

    @Test
    void theCourseTeamListsGroupsWithTheirCurrentMembers() {
        GroupHealthTest.Fixture f = GroupHealthTest.fixture();
        Learner ana = f.study().get(0);
        as(f.course().team()).get("/api/courses/" + f.course().id() + "/groups").then().statusCode(200)
                .contentType("application/json")
                .body("size()", equalTo(2))
                .body("find { it.id == " + f.studyGroup() + " }.teamName", equalTo("study-group-" + f.studyGroup()))
                .body("find { it.id == " + f.studyGroup() + " }.format", equalTo("STUDY_GROUP"))
                .body("find { it.id == " + f.studyGroup() + " }.status", equalTo("ACTIVE"))
                .body("find { it.id == " + f.studyGroup() + " }.createdAt", notNullValue())
                .body("find { it.id == " + f.studyGroup() + " }.members.firstName", containsInAnyOrder("Ana", "Ben", "Cyd"))
                .body("find { it.id == " + f.studyGroup() + " }.members.email", hasItem(ana.email()))
                .body("find { it.id == " + f.studyGroup() + " }.members.email", not(hasItem(f.study().get(3).email())))
                .body("find { it.id == " + f.studyGroup() + " }.members[0]", hasKey("joinedAt"))
                .body("find { it.id == " + f.studyGroup() + " }.members.personId", hasItem((int) ana.personId()))
                .body("find { it.id == " + f.tandem() + " }.members.size()", equalTo(2));
    }

    @Test
    void aLearnersCurrentGroupOr404() {
        GroupHealthTest.Fixture f = GroupHealthTest.fixture();
        String base = "/api/courses/" + f.course().id() + "/learners/";
        as(f.course().team()).get(base + f.pair().get(1).personId() + "/group").then().statusCode(200)
                .body("id", equalTo((int) f.tandem())).body("format", equalTo("TANDEM"))
                .body("members.firstName", containsInAnyOrder("Eli", "Fox"));
        as(f.course().team()).get(base + f.study().get(0).personId() + "/group?format=TANDEM").then().statusCode(404)
                .contentType("application/json").body("status", equalTo(404)).body("error", equalTo("not-found"));
        // the one who left is in no group any more
        as(f.course().team()).get(base + f.study().get(3).personId() + "/group").then().statusCode(404)
                .contentType("application/json");
        as(f.course().team()).get(base + f.study().get(0).personId() + "/group?format=TRIO").then().statusCode(400)
                .contentType("application/json");
    }

    @Test
    void errorsAreJsonNotPagesOrRedirects() {
        GroupHealthTest.Fixture f = GroupHealthTest.fixture();
        String groups = "/api/courses/" + f.course().id() + "/groups";
        String learner = "/api/courses/" + f.course().id() + "/learners/" + f.study().get(0).personId() + "/group";
        for (String path : new String[] {groups, learner}) {
            given().redirects().follow(false).get(path).then().statusCode(401).header("Location", nullValue())
                    .contentType("application/json").body("status", equalTo(401)).body("error", equalTo("unauthorized"));
            as(f.study().get(0).browser()).get(path).then().statusCode(403).contentType("application/json")
                    .body("error", equalTo("forbidden"));
            TestCourse other = Groups.course("TANDEM", 3);
            as(other.team()).get(path).then().statusCode(404).contentType("application/json").body("error", equalTo("not-found"));
        }
        as(f.course().team()).get("/api/courses/999999999/groups").then().statusCode(404).contentType("application/json");
        as(f.course().team()).get("/api/no-such-thing").then().statusCode(404).contentType("application/json");
        as(f.course().team()).post(groups).then().statusCode(405).contentType("application/json");
    }

    @Test
    void theOpenApiDocumentDescribesBothPathsAndNoPage() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", everyItem(startsWith("/api/")))
                .body("paths", hasKey("/api/courses/{courseId}/groups"))
                .body("components.securitySchemes.token.scheme", equalTo("bearer"))
                .body("paths", hasKey("/api/courses/{courseId}/learners/{personId}/group"))
                .body("paths.'/api/courses/{courseId}/groups'.get.tags", hasItem("Groups"))
                .body("paths.'/api/courses/{courseId}/groups'.get.responses", hasKey("401"))
                // the responses are described field by field, not as bare objects
                .body("paths.'/api/courses/{courseId}/groups'.get.responses.'200'.content.'application/json'.schema.items.'$ref'",
                        equalTo("#/components/schemas/ApiGroup"))
                .body("paths.'/api/courses/{courseId}/learners/{personId}/group'.get.responses.'404'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ApiError"))
                .body("components.schemas.ApiGroup.properties.keySet()",
                        containsInAnyOrder("id", "teamName", "format", "status", "createdAt", "lastActivityAt", "members"))
                .body("components.schemas.ApiGroup.properties.members.items.'$ref'", equalTo("#/components/schemas/ApiMember"))
                .body("components.schemas.ApiMember.properties.keySet()", containsInAnyOrder("personId", "firstName", "email", "joinedAt"))
                .body("components.schemas.GroupStatus.enum", containsInAnyOrder("ACTIVE", "REFILLING", "DISSOLVED"))
                .body("components.schemas.Format.enum", containsInAnyOrder("TANDEM", "STUDY_GROUP", "LOCAL_MEETUP"));
    }
}
