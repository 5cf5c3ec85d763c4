package org.entraide.web;

/** Too many requests of one costly kind at once: the visitor is asked to try again in a moment (503). */
public class BusyException extends RuntimeException {

    public BusyException() {
        super(null, null, false, false);
    }
}
