package org.entraide.matching.engine;

/** A place name for a meetup centre, as the gazetteer reports it. */
public record City(String id, String name, double latitude, double longitude) {
}
