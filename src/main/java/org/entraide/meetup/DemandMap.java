package org.entraide.meetup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.entraide.geo.Place;

/**
 * The organizers' map of meetup demand, drawn as inline SVG by the server: a circle per place where learners could
 * meet, growing with their number, over the largest towns in view as faint dots, so the shape of the land shows
 * without map tiles, scripts or a third-party server. The table under it lists the same places for screen readers
 * and for exact figures.
 */
public record DemandMap(int width, int height, String towns, List<Marker> markers) {

    /**
     * A place of demand at (x, y) in the drawing; {@code label} is the town's own name, written from (labelX, labelY):
     * on the circle's right, or on its left ({@code anchor} "end") near the right edge.
     */
    public record Marker(String x, String y, String radius, String label, String labelX, String labelY, String anchor) {
    }

    /** A place where learners could meet, as the map needs it. */
    public record Spot(String name, double latitude, double longitude, int learners) {
    }

    static final int WIDTH = 640;
    static final int MIN_HEIGHT = 260;
    static final int MAX_HEIGHT = 480;
    static final int MAX_TOWNS = 1200;
    /** At least this many degrees of latitude in view, so that one city shows its region around it. */
    static final double MIN_SPAN_DEGREES = 2.5;

    /**
     * Frames the spots with a margin, in an equirectangular projection scaled by the cosine of the middle latitude (true
     * shapes at city and country scale). {@code placesByPopulation}: the gazetteer, most populous first.
     */
    public static DemandMap of(List<Spot> spots, List<Place> placesByPopulation) {
        double south = spots.stream().mapToDouble(Spot::latitude).min().orElse(0);
        double north = spots.stream().mapToDouble(Spot::latitude).max().orElse(0);
        double west = spots.stream().mapToDouble(Spot::longitude).min().orElse(0);
        double east = spots.stream().mapToDouble(Spot::longitude).max().orElse(0);
        double middleLatitude = (south + north) / 2;
        double shrink = Math.max(0.2, Math.cos(Math.toRadians(middleLatitude)));
        double latSpan = Math.max(MIN_SPAN_DEGREES, (north - south) * 1.3);
        double lonSpan = Math.max(latSpan / shrink, (east - west) * 1.3);
        int height = (int) Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, WIDTH * latSpan / (lonSpan * shrink))));
        // widen whichever span is short of the drawing's proportions, so a degree is as long across as down
        latSpan = Math.max(latSpan, lonSpan * shrink * height / WIDTH);
        lonSpan = Math.max(lonSpan, latSpan * WIDTH / (height * shrink));
        Frame frame = new Frame((west + east) / 2 - lonSpan / 2, middleLatitude + latSpan / 2, lonSpan, latSpan, height);

        StringBuilder towns = new StringBuilder();
        int drawn = 0;
        for (Place place : placesByPopulation) {
            if (drawn == MAX_TOWNS) {
                break;
            }
            if (frame.contains(place.latitude(), place.longitude())) {
                towns.append('M').append(number(frame.x(place.longitude()))).append(' ').append(number(frame.y(place.latitude())))
                        .append("h0");
                drawn++;
            }
        }
        List<Marker> markers = new ArrayList<>();
        for (Spot spot : spots) {
            double x = frame.x(spot.longitude());
            double y = frame.y(spot.latitude());
            double radius = Math.min(30, 6 + 4 * Math.sqrt(spot.learners()));
            boolean labelLeft = x > WIDTH * 0.7;
            markers.add(new Marker(number(x), number(y), number(radius), spot.name(),
                    number(labelLeft ? x - radius - 4 : x + radius + 4), number(y + 4), labelLeft ? "end" : "start"));
        }
        return new DemandMap(WIDTH, height, towns.toString(), markers);
    }

    private record Frame(double west, double north, double lonSpan, double latSpan, int height) {
        double x(double longitude) {
            return (longitude - west) / lonSpan * WIDTH;
        }

        double y(double latitude) {
            return (north - latitude) / latSpan * height;
        }

        boolean contains(double latitude, double longitude) {
            return latitude <= north && latitude >= north - latSpan && longitude >= west && longitude <= west + lonSpan;
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
