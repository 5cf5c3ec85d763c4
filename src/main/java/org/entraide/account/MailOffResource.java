package org.entraide.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.entraide.web.Redirects;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The page of a mail's "stop these e-mails" address: who it is for, and the button. The POST that stops them is a
 * plain route ({@link #route}) because mail apps send it (RFC 8058 one-click) without cookie or CSRF token; the
 * signed address is itself the secret, and all it can do is turn mail off.
 */
@Path(MailOffLink.PATH + "{token}")
@Produces(MediaType.TEXT_HTML)
public class MailOffResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mailOff(Person person, String action);
    }

    private final MailOffLink links;

    MailOffResource(MailOffLink links) {
        this.links = links;
    }

    @GET
    public String page(@PathParam("token") String token) {
        Person person = links.holder(token).orElseThrow(NotFoundException::new);
        return Templates.mailOff(person, MailOffLink.PATH + token).render();
    }

    @ApplicationScoped
    static class OneClick {

        /** A mail app's one-click POST carries this form field (RFC 8058); the page's button is answered with the page. */
        private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

        void route(@Observes Router router, MailOffLink links) {
            router.post(MailOffLink.PATH + ":token").handler(BodyHandler.create().setBodyLimit(4_096)).handler(context -> {
                String token = context.pathParam("token");
                String body = context.body().asString();
                boolean oneClick = body != null && body.contains(ONE_CLICK);
                context.vertx().executeBlocking(() -> links.turnOff(token), false).onComplete(done -> {
                    if (done.failed()) {
                        context.fail(done.cause());
                    } else if (!done.result()) {
                        context.response().setStatusCode(404).end();
                    } else if (oneClick) {
                        context.response().setStatusCode(200).putHeader("Content-Type", "text/plain; charset=utf-8").end("unsubscribed\n");
                    } else {
                        context.response().setStatusCode(303)
                                .putHeader("Location", Redirects.withFlash(MailOffLink.PATH + token, "mail-off")).end();
                    }
                });
            });
        }
    }
}
