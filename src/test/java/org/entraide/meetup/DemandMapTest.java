package org.entraide.meetup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.entraide.geo.Gazetteer;
import org.entraide.geo.Place;
import org.entraide.meetup.DemandMap.Marker;
import org.entraide.meetup.DemandMap.Spot;
import org.junit.jupiter.api.Test;

/** The demand map's drawing: places where they are relative to each other, towns of the region, a frame around them. */
class DemandMapTest {

    private static final List<Place> GAZETTEER = Gazetteer.loadDefault().all();

    @Test
    void placesKeepTheirBearingsAndTheRegionsTownsAreDrawnAroundThem() {
        List<Spot> spots = List.of(new Spot("Lille", 50.63, 3.06, 4), new Spot("Brest", 48.39, -4.49, 3),
                new Spot("Strasbourg", 48.58, 7.75, 9), new Spot("Marseille", 43.30, 5.37, 25));
        DemandMap map = DemandMap.of(spots, GAZETTEER);
        Marker lille = map.markers().get(0);
        Marker brest = map.markers().get(1);
        Marker strasbourg = map.markers().get(2);
        Marker marseille = map.markers().get(3);

        assertTrue(x(brest) < x(lille) && x(lille) < x(strasbourg), "west to east");
        assertTrue(y(lille) < y(brest) && y(brest) < y(marseille), "north to south");
        for (Marker marker : map.markers()) {
            assertTrue(x(marker) > 0 && x(marker) < map.width() && y(marker) > 0 && y(marker) < map.height(), "inside the frame: " + marker);
        }
        // a degree as long across as down: Lille–Strasbourg (4.7° east, 2° south) is wider than tall on the map
        double across = x(strasbourg) - x(lille);
        double down = y(strasbourg) - y(lille);
        assertEquals(4.69 * Math.cos(Math.toRadians(46.97)) / 2.05, across / down, 0.05);
        assertTrue(Double.parseDouble(marseille.radius()) > Double.parseDouble(brest.radius()), "more learners, a larger circle");
        assertEquals(DemandMap.MAX_TOWNS, map.towns().split("M", -1).length - 1, "France has more towns than are drawn");
        assertEquals("end", strasbourg.anchor(), "near the right edge the name goes on the left");
        assertEquals("start", brest.anchor());
    }

    @Test
    void oneCityIsShownWithItsRegion() {
        DemandMap map = DemandMap.of(List.of(new Spot("Nantes", 47.22, -1.55, 5)), GAZETTEER);
        Marker nantes = map.markers().get(0);
        assertEquals(map.width() / 2.0, x(nantes), 1);
        assertEquals(map.height() / 2.0, y(nantes), 1);
        assertTrue(map.towns().split("M", -1).length - 1 > 50, "the towns around Nantes");
    }

    private static double x(Marker marker) {
        return Double.parseDouble(marker.x());
    }

    private static double y(Marker marker) {
        return Double.parseDouble(marker.y());
    }
}
