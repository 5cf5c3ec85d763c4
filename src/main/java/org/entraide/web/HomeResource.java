package org.entraide.web;

import java.net.URI;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.entraide.account.AccountService;
import org.entraide.account.CurrentPerson;
import org.entraide.account.EmailNotVerifiedException;
import org.entraide.account.Person;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

@Path("/")
public class HomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home();
    }

    private final CurrentPerson currentPerson;

    HomeResource(CurrentPerson currentPerson) {
        this.currentPerson = currentPerson;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String home() {
        return Templates.home().render();
    }

    /** Switches the interface language (a cookie, and the person's preference when signed in). */
    @POST
    @Path("language")
    @Transactional
    public Response language(@RestForm String lang, @RestForm String back) {
        String code = AccountService.supportedLanguage(lang).orElse("en");
        try {
            currentPerson.get().ifPresent(person -> Person.<Person>findById(person.id).preferredLanguage = code);
        } catch (EmailNotVerifiedException e) {
            // the page asking to verify the address can still be read in the other language
        }
        NewCookie cookie = new NewCookie.Builder(RequestContext.LANGUAGE_COOKIE).value(code).path("/")
                .maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).httpOnly(true).build();
        return Response.seeOther(URI.create(Redirects.localPath(back))).cookie(cookie).build();
    }
}
