package org.entraide.web;

/** A form failed validation in a service; the resource re-renders it with the messages. */
public class InvalidInputException extends RuntimeException {

    public final transient FormErrors errors;

    public InvalidInputException(FormErrors errors) {
        super("Invalid input: " + errors.all());
        this.errors = errors;
    }

    public static InvalidInputException of(String field, String messageKey) {
        return new InvalidInputException(new FormErrors().add(field, messageKey));
    }
}
