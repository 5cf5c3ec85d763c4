package org.entraide.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Offline city search and reverse lookup over the GeoNames places of at least 5,000 inhabitants
 * (resource {@code geo/places.tsv.gz}, built by {@code scripts/build-gazetteer}).
 *
 * <p>Places are held in decreasing population order, so "rank by population" is "rank by index".
 * Search keys (folded names and alternate names) are packed into one sorted {@code char[]} with offsets,
 * which keeps memory to a few megabytes and lets a prefix query be two binary searches.
 * Instances are immutable and thread-safe.
 */
public final class Gazetteer {

    public static final String DEFAULT_RESOURCE = "/geo/places.tsv.gz";

    private static volatile Gazetteer defaultInstance;

    private final List<Place> places;
    private final long[] sortedIds;
    private final int[] placeIndexBySortedId;
    private final char[] keyChars;
    private final int[] keyStart;
    private final int[] keyPlace;
    /** Keys that are a place's main name rather than an alternate (main-name prefixes rank first). */
    private final BitSet mainNameKey;
    private final SpatialGrid grid;

    private Gazetteer(List<Place> placesByPopulation, List<List<String>> namesByPlace) {
        this.places = Collections.unmodifiableList(placesByPopulation);
        int count = placesByPopulation.size();

        // GeoNames ids fit in 40 bits and indexes in 24: sorting packed longs avoids boxing at load time.
        long[] idAndIndex = new long[count];
        for (int i = 0; i < count; i++) {
            idAndIndex[i] = placesByPopulation.get(i).id() << 24 | i;
        }
        Arrays.sort(idAndIndex);
        sortedIds = new long[count];
        placeIndexBySortedId = new int[count];
        for (int i = 0; i < count; i++) {
            sortedIds[i] = idAndIndex[i] >>> 24;
            placeIndexBySortedId[i] = (int) (idAndIndex[i] & 0xFFFFFF);
        }

        List<KeyEntry> entries = new ArrayList<>(count * 4);
        for (int place = 0; place < count; place++) {
            List<String> keys = new ArrayList<>();
            for (String name : namesByPlace.get(place)) {
                String key = fold(name);
                if (!key.isEmpty() && !keys.contains(key)) {
                    keys.add(key);
                }
            }
            String mainKey = fold(namesByPlace.get(place).get(0));
            for (String key : keys) {
                entries.add(new KeyEntry(key, place, key.equals(mainKey)));
            }
        }
        // Order among equal keys does not matter: search collects matching places into bit sets.
        entries.sort((a, b) -> a.key().compareTo(b.key()));
        int totalChars = 0;
        for (KeyEntry entry : entries) {
            totalChars += entry.key().length();
        }
        keyChars = new char[totalChars];
        keyStart = new int[entries.size() + 1];
        keyPlace = new int[entries.size()];
        mainNameKey = new BitSet(entries.size());
        int position = 0;
        for (int i = 0; i < entries.size(); i++) {
            String key = entries.get(i).key();
            keyStart[i] = position;
            key.getChars(0, key.length(), keyChars, position);
            position += key.length();
            keyPlace[i] = entries.get(i).place();
            mainNameKey.set(i, entries.get(i).mainName());
        }
        keyStart[entries.size()] = position;
        grid = new SpatialGrid(placesByPopulation);
    }

    private record KeyEntry(String key, int place, boolean mainName) {
    }

    /** The bundled gazetteer, loaded on first use and shared afterwards. */
    public static Gazetteer loadDefault() {
        Gazetteer instance = defaultInstance;
        if (instance == null) {
            synchronized (Gazetteer.class) {
                instance = defaultInstance;
                if (instance == null) {
                    try (InputStream in = Gazetteer.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("Missing resource " + DEFAULT_RESOURCE
                                    + "; run scripts/build-gazetteer");
                        }
                        instance = load(new GZIPInputStream(in, 1 << 16));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    defaultInstance = instance;
                }
            }
        }
        return instance;
    }

    /**
     * Reads the TSV format written by {@code scripts/build-gazetteer} (uncompressed): id, name, country code,
     * admin1, latitude, longitude, population, timezone, comma-separated alternate names.
     */
    public static Gazetteer load(InputStream tsv) throws IOException {
        record Row(Place place, List<String> names) {
        }
        List<Row> rows = new ArrayList<>(60_000);
        Map<String, String> shared = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8), 1 << 16);
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = splitTabs(line);
            if (fields[7].isEmpty()) {
                throw new IOException("Malformed gazetteer line: " + line);
            }
            // Country, admin1 and zone strings repeat tens of thousands of times: keep one copy of each.
            Place place = new Place(Long.parseLong(fields[0]), fields[1],
                    shared.computeIfAbsent(fields[2], s -> s), shared.computeIfAbsent(fields[3], s -> s),
                    Double.parseDouble(fields[4]), Double.parseDouble(fields[5]), Integer.parseInt(fields[6]),
                    shared.computeIfAbsent(fields[7], s -> s));
            List<String> names = new ArrayList<>();
            names.add(fields[1]);
            if (!fields[8].isEmpty()) {
                names.addAll(Arrays.asList(fields[8].split(",")));
            }
            rows.add(new Row(place, names));
        }
        rows.sort(Comparator.comparingInt((Row row) -> row.place().population()).reversed()
                .thenComparingLong(row -> row.place().id()));
        List<Place> placesByPopulation = new ArrayList<>(rows.size());
        List<List<String>> names = new ArrayList<>(rows.size());
        for (Row row : rows) {
            placesByPopulation.add(row.place());
            names.add(row.names());
        }
        return new Gazetteer(placesByPopulation, names);
    }

    /** The nine tab-separated fields of a line, missing trailing ones empty; cheaper than a regex split. */
    private static String[] splitTabs(String line) {
        String[] fields = new String[9];
        Arrays.fill(fields, "");
        int start = 0;
        for (int i = 0; i < fields.length; i++) {
            int tab = i == fields.length - 1 ? -1 : line.indexOf('\t', start);
            fields[i] = tab < 0 ? line.substring(start) : line.substring(start, tab);
            if (tab < 0) {
                break;
            }
            start = tab + 1;
        }
        return fields;
    }

    /** Every place, most populous first. */
    public List<Place> all() {
        return places;
    }

    public int size() {
        return places.size();
    }

    /** Number of distinct (folded name, place) search keys; a measure of index size. */
    public int keyCount() {
        return keyPlace.length;
    }

    public Optional<Place> byId(long id) {
        int position = Arrays.binarySearch(sortedIds, id);
        return position < 0 ? Optional.empty() : Optional.of(places.get(placeIndexBySortedId[position]));
    }

    /**
     * Places whose name or an alternate name starts with the query, ignoring case, accents and punctuation.
     * Ranking: exact name or alternate first, then main names starting with the query, then alternates
     * starting with it (so "bord" finds Bordeaux before a bigger city with an obscure "Bord…" spelling),
     * each tier by decreasing population. Each part after a comma, if any, restricts the region: it must match
     * the country code, the start of the country's English or French name, the first-level division code or a
     * US state name ("paris, us", "Paris, Texas", "Londres, Royaume-Uni", any {@link Place#label} text).
     */
    public List<Place> search(String query, int limit) {
        if (query == null || limit <= 0) {
            return List.of();
        }
        String[] parts = query.split(",");
        String nameQuery = parts.length == 0 ? "" : fold(parts[0]);
        List<String> regionQueries = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String region = fold(parts[i]);
            if (!region.isEmpty()) {
                regionQueries.add(region);
            }
        }
        if (nameQuery.isEmpty()) {
            return List.of();
        }
        int from = lowerBound(nameQuery);
        BitSet exact = new BitSet(places.size());
        BitSet mainNamePrefix = new BitSet(places.size());
        BitSet alternatePrefix = new BitSet(places.size());
        for (int entry = from; entry < keyPlace.length && keyStartsWith(entry, nameQuery); entry++) {
            int place = keyPlace[entry];
            if (!inRegions(places.get(place), regionQueries)) {
                continue;
            }
            if (keyStart[entry + 1] - keyStart[entry] == nameQuery.length()) {
                exact.set(place);
            } else if (mainNameKey.get(entry)) {
                mainNamePrefix.set(place);
            } else {
                alternatePrefix.set(place);
            }
        }
        mainNamePrefix.andNot(exact);
        alternatePrefix.andNot(exact);
        alternatePrefix.andNot(mainNamePrefix);
        List<Place> result = new ArrayList<>(Math.min(limit, 16));
        for (BitSet tier : List.of(exact, mainNamePrefix, alternatePrefix)) {
            for (int place = tier.nextSetBit(0); place >= 0 && result.size() < limit; place = tier.nextSetBit(place + 1)) {
                result.add(places.get(place));
            }
        }
        return result;
    }

    /** The place closest to the coordinates (great-circle distance). */
    public Place nearest(double latitude, double longitude) {
        int index = grid.nearest(latitude, longitude);
        if (index < 0) {
            throw new IllegalStateException("Empty gazetteer");
        }
        return places.get(index);
    }

    private static boolean inRegions(Place place, List<String> regionQueries) {
        for (String regionQuery : regionQueries) {
            if (!inRegion(place, regionQuery)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRegion(Place place, String regionQuery) {
        if (place.countryCode().equalsIgnoreCase(regionQuery) || place.admin1().equalsIgnoreCase(regionQuery)) {
            return true;
        }
        for (String name : FOLDED_COUNTRY_NAMES.computeIfAbsent(place.countryCode(), Gazetteer::foldedCountryNames)) {
            if (name.startsWith(regionQuery)) {
                return true;
            }
        }
        return "US".equals(place.countryCode()) && fold(US_STATES.getOrDefault(place.admin1(), "")).startsWith(regionQuery);
    }

    private static final Map<String, List<String>> FOLDED_COUNTRY_NAMES = new ConcurrentHashMap<>();

    private static List<String> foldedCountryNames(String countryCode) {
        return List.of(fold(Place.countryName(countryCode, Locale.ENGLISH)), fold(Place.countryName(countryCode, Locale.FRENCH)));
    }

    /** GeoNames uses postal abbreviations as admin1 codes for US states; names let "Paris, Texas" work. */
    private static final Map<String, String> US_STATES = Map.ofEntries(
            Map.entry("AL", "Alabama"), Map.entry("AK", "Alaska"), Map.entry("AZ", "Arizona"),
            Map.entry("AR", "Arkansas"), Map.entry("CA", "California"), Map.entry("CO", "Colorado"),
            Map.entry("CT", "Connecticut"), Map.entry("DE", "Delaware"), Map.entry("DC", "District of Columbia"),
            Map.entry("FL", "Florida"), Map.entry("GA", "Georgia"), Map.entry("HI", "Hawaii"),
            Map.entry("ID", "Idaho"), Map.entry("IL", "Illinois"), Map.entry("IN", "Indiana"),
            Map.entry("IA", "Iowa"), Map.entry("KS", "Kansas"), Map.entry("KY", "Kentucky"),
            Map.entry("LA", "Louisiana"), Map.entry("ME", "Maine"), Map.entry("MD", "Maryland"),
            Map.entry("MA", "Massachusetts"), Map.entry("MI", "Michigan"), Map.entry("MN", "Minnesota"),
            Map.entry("MS", "Mississippi"), Map.entry("MO", "Missouri"), Map.entry("MT", "Montana"),
            Map.entry("NE", "Nebraska"), Map.entry("NV", "Nevada"), Map.entry("NH", "New Hampshire"),
            Map.entry("NJ", "New Jersey"), Map.entry("NM", "New Mexico"), Map.entry("NY", "New York"),
            Map.entry("NC", "North Carolina"), Map.entry("ND", "North Dakota"), Map.entry("OH", "Ohio"),
            Map.entry("OK", "Oklahoma"), Map.entry("OR", "Oregon"), Map.entry("PA", "Pennsylvania"),
            Map.entry("RI", "Rhode Island"), Map.entry("SC", "South Carolina"), Map.entry("SD", "South Dakota"),
            Map.entry("TN", "Tennessee"), Map.entry("TX", "Texas"), Map.entry("UT", "Utah"),
            Map.entry("VT", "Vermont"), Map.entry("VA", "Virginia"), Map.entry("WA", "Washington"),
            Map.entry("WV", "West Virginia"), Map.entry("WI", "Wisconsin"), Map.entry("WY", "Wyoming"));

    /** First key index whose key is {@code >=} the given folded text. */
    private int lowerBound(String text) {
        int low = 0;
        int high = keyPlace.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compareKey(middle, text) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int compareKey(int entry, String text) {
        int start = keyStart[entry];
        int length = keyStart[entry + 1] - start;
        int common = Math.min(length, text.length());
        for (int i = 0; i < common; i++) {
            int difference = keyChars[start + i] - text.charAt(i);
            if (difference != 0) {
                return difference;
            }
        }
        return length - text.length();
    }

    private boolean keyStartsWith(int entry, String prefix) {
        int start = keyStart[entry];
        if (keyStart[entry + 1] - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (keyChars[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Search form of a name: lower case, accents removed, letters without a decomposition mapped by hand
     * (ø, ł, ß…), every run of punctuation or spaces reduced to one space ("Saint-Étienne" → "saint etienne").
     */
    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder folded = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String mapped;
            if (c < LATIN_FOLDS.length) {
                mapped = LATIN_FOLDS[c];
            } else if (Character.isSurrogate(c)) {
                mapped = "";
            } else {
                mapped = foldOutsideTable(c);
            }
            if (mapped == null) {
                pendingSpace = folded.length() > 0;
                continue;
            }
            if (!mapped.isEmpty()) {
                if (pendingSpace) {
                    folded.append(' ');
                    pendingSpace = false;
                }
                folded.append(mapped);
            }
        }
        return folded.toString();
    }

    /**
     * Folded form of every character up to U+1EFF (Latin, Greek, Cyrillic… and Latin Extended Additional,
     * where nearly all place names live), computed once: {@code null} = separator, "" = dropped mark. Spares the Normalizer
     * for 170k names at load time.
     */
    private static final String[] LATIN_FOLDS = new String[0x1F00];

    static {
        for (char c = 0; c < LATIN_FOLDS.length; c++) {
            LATIN_FOLDS[c] = foldOutsideTable(c);
        }
    }

    private static String foldOutsideTable(char c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK) {
            return "";
        }
        if (!Character.isLetterOrDigit(c)) {
            return null;
        }
        String lower = String.valueOf(c).toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(2);
        for (char d : Normalizer.normalize(lower, Normalizer.Form.NFD).toCharArray()) {
            int dType = Character.getType(d);
            if (dType == Character.NON_SPACING_MARK || dType == Character.COMBINING_SPACING_MARK
                    || dType == Character.ENCLOSING_MARK) {
                continue;
            }
            switch (d) {
                case 'ø' -> folded.append('o');
                case 'ł' -> folded.append('l');
                case 'đ', 'ð' -> folded.append('d');
                case 'ħ' -> folded.append('h');
                case 'ı' -> folded.append('i');
                case 'ß' -> folded.append("ss");
                case 'æ' -> folded.append("ae");
                case 'œ' -> folded.append("oe");
                case 'þ' -> folded.append("th");
                default -> folded.append(d);
            }
        }
        return folded.toString();
    }

    /** Places bucketed by 1-degree cells (compressed-row layout: two int arrays, no per-cell objects). */
    private static final class SpatialGrid {
        private static final int ROWS = 180;
        private static final int COLUMNS = 360;
        private static final double KM_PER_DEGREE = Math.toRadians(1) * Distances.EARTH_RADIUS_KM;

        private final List<Place> places;
        private final int[] cellStart = new int[ROWS * COLUMNS + 1];
        private final int[] cellPlaces;

        SpatialGrid(List<Place> places) {
            this.places = places;
            int[] cellOf = new int[places.size()];
            for (int i = 0; i < places.size(); i++) {
                cellOf[i] = cell(row(places.get(i).latitude()), column(places.get(i).longitude()));
                cellStart[cellOf[i] + 1]++;
            }
            for (int c = 0; c < ROWS * COLUMNS; c++) {
                cellStart[c + 1] += cellStart[c];
            }
            cellPlaces = new int[places.size()];
            int[] fill = Arrays.copyOf(cellStart, ROWS * COLUMNS);
            for (int i = 0; i < places.size(); i++) {
                cellPlaces[fill[cellOf[i]]++] = i;
            }
        }

        int nearest(double latitude, double longitude) {
            if (places.isEmpty()) {
                return -1;
            }
            int row = row(latitude);
            int column = column(longitude);
            // Grow square rings of cells until something is found; that distance then bounds the exact search.
            double bestKm = Double.POSITIVE_INFINITY;
            for (int ring = 0; ring <= COLUMNS / 2 && bestKm == Double.POSITIVE_INFINITY; ring++) {
                for (int r = row - ring; r <= row + ring; r++) {
                    if (r < 0 || r >= ROWS) {
                        continue;
                    }
                    boolean edgeRow = r == row - ring || r == row + ring;
                    for (int c = column - ring; c <= column + ring; c++) {
                        if (edgeRow || c == column - ring || c == column + ring) {
                            bestKm = Math.min(bestKm, closestInCell(r, c, latitude, longitude)[1]);
                        }
                    }
                }
            }
            double latitudeSpan = bestKm / KM_PER_DEGREE;
            double highestLatitude = Math.abs(latitude) + latitudeSpan;
            double longitudeSpan = highestLatitude >= 89
                    ? 180
                    // 10 % margin: a great circle is a little shorter than the parallel the cosine measures.
                    : 1.1 * latitudeSpan / Math.cos(Math.toRadians(highestLatitude));
            int rowFrom = row(latitude - latitudeSpan);
            int rowTo = row(latitude + latitudeSpan);
            int columnSpan = (int) Math.min(COLUMNS / 2, Math.ceil(longitudeSpan) + 1);
            int best = -1;
            bestKm = Double.POSITIVE_INFINITY;
            for (int r = rowFrom; r <= rowTo; r++) {
                for (int c = column - columnSpan; c <= column + columnSpan; c++) {
                    double[] candidate = closestInCell(r, c, latitude, longitude);
                    if (candidate[1] < bestKm) {
                        bestKm = candidate[1];
                        best = (int) candidate[0];
                    }
                }
            }
            return best;
        }

        /** {index, km} of the closest place in one cell, {-1, +inf} if empty; columns wrap around the date line. */
        private double[] closestInCell(int row, int column, double latitude, double longitude) {
            int cell = cell(row, Math.floorMod(column, COLUMNS));
            double[] best = {-1, Double.POSITIVE_INFINITY};
            for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
                Place place = places.get(cellPlaces[k]);
                double km = Distances.km(latitude, longitude, place.latitude(), place.longitude());
                if (km < best[1]) {
                    best[0] = cellPlaces[k];
                    best[1] = km;
                }
            }
            return best;
        }

        private static int row(double latitude) {
            return Math.max(0, Math.min(ROWS - 1, (int) Math.floor(latitude + 90)));
        }

        private static int column(double longitude) {
            return Math.floorMod((int) Math.floor(longitude + 180), COLUMNS);
        }

        private static int cell(int row, int column) {
            return row * COLUMNS + column;
        }
    }
}
