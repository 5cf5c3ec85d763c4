package org.entraide.notify;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The signed-in person's notifications: the list, "mark all read", and opening one (which marks it read). */
@Path("/notifications")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class NotificationResource {

    static final int LIST_LIMIT = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<NotificationView> notifications, boolean anyUnread);
    }

    /** One line of the list, already in the reader's language. */
    public record NotificationView(long id, String text, String link, Instant createdAt, boolean unread) {
    }

    private final NotificationService notifications;
    private final CurrentPerson currentPerson;
    private final RequestContext context;

    NotificationResource(NotificationService notifications, CurrentPerson currentPerson, RequestContext context) {
        this.notifications = notifications;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    @GET
    public String list() {
        Locale locale = context.locale();
        List<NotificationView> views = notifications.recent(currentPerson.id(), LIST_LIMIT).stream()
                .map(n -> new NotificationView(n.id, notifications.text(n, locale), Redirects.localPath(n.link),
                        n.createdAt, n.unread()))
                .toList();
        return Templates.list(views, views.stream().anyMatch(NotificationView::unread)).render();
    }

    @POST
    @Path("read")
    public Response markAllRead() {
        notifications.markAllRead(currentPerson.id());
        return Redirects.seeOther(NotificationService.LIST_PATH, "notifications-read");
    }

    @POST
    @Path("{id}/read")
    public Response open(@PathParam("id") long id) {
        long me = currentPerson.id();
        Notification notification = notifications.get(me, id);
        notifications.markRead(me, id);
        return Redirects.seeOther(Redirects.localPath(notification.link));
    }
}
