package org.entraide.web;

/** Page numbers of paged lists, as given in a query string. */
public final class PageNumbers {

    private PageNumbers() {
    }

    /** A missing or odd page number shows the first page (one past the last shows the last: the services clamp). */
    public static int parse(String page) {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
