package org.entraide.web;

/** A page of a longer list, for the "previous · page n of m · next" links under it. */
public interface Paged {

    int page();

    int pages();

    default boolean hasPrevious() {
        return page() > 1;
    }

    default boolean hasNext() {
        return page() < pages();
    }

    default int previousPage() {
        return page() - 1;
    }

    default int nextPage() {
        return page() + 1;
    }
}
