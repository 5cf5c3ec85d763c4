package org.entraide.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.entraide.availability.Slots;
import org.entraide.availability.WeekMask;
import org.entraide.web.I18n;

/**
 * Reads and writes learner profiles as CSV (one profile per row, a header row naming the columns), for
 * bulk enrolment by course teams and for exporting generated populations. Full description in
 * {@code docs/profile-csv.md}.
 *
 * <p>Columns, in the order written (reading matches them by header name, in any order, ignoring unknown ones):
 * <ul>
 * <li>{@code external_id} (required): stable id of the learner in the data set, unique in the file</li>
 * <li>{@code first_name}</li>
 * <li>{@code place_id}: GeoNames id of the city, 0 or empty if unknown</li>
 * <li>{@code latitude}, {@code longitude}: city centroid in degrees, empty if unknown</li>
 * <li>{@code country}: ISO 3166-1 alpha-2 code</li>
 * <li>{@code radius_km}: how far the learner travels for in-person formats, 0–500, default 20</li>
 * <li>{@code time_zone} (required): IANA zone id, e.g. {@code Europe/Paris}</li>
 * <li>{@code availability} (required column, may be empty): the LOCAL week, either the 42 hexadecimal digits
 * of {@link WeekMask#toHex()} or a human form such as {@code Mon 18-22;Sat 10-12} (see {@link Slots#parse})</li>
 * <li>{@code languages}: ISO 639-1 codes separated by {@code |} or spaces, at least one</li>
 * <li>{@code formats}, {@code modalities}, {@code motives}, {@code objects}: enum names separated by {@code |}</li>
 * <li>{@code certificate} (default UNDECIDED), {@code follow_mode}, {@code situation}, {@code experience}: one
 * enum name each</li>
 * <li>{@code sector}, {@code organisation}, {@code introduction}: free text</li>
 * <li>{@code can_organise}: true/false (also yes/no, oui/non, 1/0), default false</li>
 * </ul>
 * Enum names are case-insensitive and accept "-" or a space for "_". Reading never throws on bad data: every
 * problem is returned as a {@link RowError} with the line where its row starts, and rows with an error are
 * left out of the profiles. A header row separated by ";" (as French spreadsheets save it) is recognised.
 */
public final class LearnerProfileCsv {

    public static final List<String> COLUMNS = List.of("external_id", "first_name", "place_id", "latitude",
            "longitude", "country", "radius_km", "time_zone", "availability", "languages", "formats", "modalities",
            "motives", "certificate", "follow_mode", "objects", "situation", "sector", "organisation", "experience",
            "introduction", "can_organise");

    public static final List<String> REQUIRED_COLUMNS = List.of("external_id", "time_zone", "availability");

    public static final int DEFAULT_RADIUS_KM = 20;

    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    /**
     * One problem in one row; {@code line} is the 1-based line of the file where the row starts. The problem is a
     * message key of {@code i18n/entraide*.properties} ({@code import.csv.*}) with its arguments, so that the course
     * team reads it in its own language.
     */
    public record RowError(int line, String column, String messageKey, List<String> args) {
        RowError(int line, String column, String messageKey, String... args) {
            this(line, column, messageKey, List.of(args));
        }

        @Override
        public String toString() {
            return "line " + line + (column == null ? "" : ", " + column) + ": "
                    + I18n.message(Locale.ENGLISH, messageKey, args.toArray());
        }
    }

    /** The rows that could be read, and what was wrong with the others. */
    public record Result(List<LearnerProfile> profiles, List<RowError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private LearnerProfileCsv() {
    }

    /** Writes a header row then one row per profile; availability is written in the hexadecimal form. */
    public static void write(List<LearnerProfile> profiles, Writer out) {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(COLUMNS.toArray(new String[0]))
                .setRecordSeparator("\n")
                .build();
        try {
            CSVPrinter printer = new CSVPrinter(out, format);
            for (LearnerProfile p : profiles) {
                printer.printRecord(p.externalId(), text(p.firstName()), p.placeId(), coordinate(p.latitude()),
                        coordinate(p.longitude()), text(p.countryCode()), p.travelRadiusKm(), p.zone().getId(),
                        p.localWeek().toHex(), String.join("|", p.languages()), names(p.formats()),
                        names(p.modalities()), names(p.motives()), name(p.certificateIntent()),
                        name(p.followMode()), names(p.interactionObjects()), name(p.situation()), text(p.sector()),
                        text(p.organisation()), name(p.moocExperience()), text(p.introduction()),
                        p.canOrganiseMeetup());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads profiles. Never throws on data: bad cells, missing columns, duplicates and malformed CSV are all
     * reported in the result; only an {@link IOException} raised while reading the header escapes (unchecked).
     */
    public static Result read(Reader in) {
        List<LearnerProfile> profiles = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        try {
            BufferedReader reader = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
            skipByteOrderMark(reader);
            char delimiter = detectDelimiter(reader);
            CSVFormat format = CSVFormat.DEFAULT.builder()
                    .setDelimiter(delimiter)
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreSurroundingSpaces(true)
                    .setAllowMissingColumnNames(true)
                    .setIgnoreEmptyLines(true)
                    .build();
            CSVParser parser = CSVParser.parse(reader, format);
            Map<String, String> headerByColumn = new HashMap<>();
            for (String header : parser.getHeaderNames()) {
                headerByColumn.putIfAbsent(header.trim().toLowerCase(Locale.ROOT), header);
            }
            List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !headerByColumn.containsKey(c)).toList();
            Map<String, Integer> firstLineById = new HashMap<>();
            long previousEndLine = parser.getCurrentLineNumber();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    // An unterminated quote or a stray character after one: nothing after it can be trusted.
                    errors.add(new RowError((int) previousEndLine + 1, null, "import.csv.unreadable-rest"));
                    break;
                }
                int line = (int) previousEndLine + 1;
                previousEndLine = parser.getCurrentLineNumber();
                Row row = new Row(record, headerByColumn, line, errors);
                for (String column : missing) {
                    row.error(column, "import.csv.missing-column");
                }
                if (!missing.isEmpty()) {
                    continue;
                }
                LearnerProfile profile = row.profile();
                if (profile == null) {
                    continue;
                }
                Integer firstLine = firstLineById.putIfAbsent(profile.externalId(), line);
                if (firstLine != null) {
                    row.error("external_id", "import.csv.duplicate", Integer.toString(firstLine));
                    continue;
                }
                profiles.add(profile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports structural problems (unterminated quote, duplicate header) this way.
            errors.add(new RowError(1, null, "import.csv.unreadable-header"));
        }
        return new Result(profiles, errors);
    }

    /** Parses the cells of one record, collecting every error instead of stopping at the first. */
    private static final class Row {
        private final CSVRecord record;
        private final Map<String, String> headerByColumn;
        private final int line;
        private final List<RowError> errors;
        private boolean failed;

        Row(CSVRecord record, Map<String, String> headerByColumn, int line, List<RowError> errors) {
            this.record = record;
            this.headerByColumn = headerByColumn;
            this.line = line;
            this.errors = errors;
        }

        void error(String column, String messageKey, String... args) {
            errors.add(new RowError(line, column, messageKey, args));
            failed = true;
        }

        String cell(String column) {
            String header = headerByColumn.get(column);
            if (header == null || !record.isSet(header)) {
                return "";
            }
            String value = record.get(header);
            return value == null ? "" : value.trim();
        }

        LearnerProfile profile() {
            String externalId = cell("external_id");
            if (externalId.isEmpty()) {
                error("external_id", "import.csv.required");
            }
            long placeId = longCell("place_id", 0, 0, Long.MAX_VALUE);
            double latitude = doubleCell("latitude", -90, 90);
            double longitude = doubleCell("longitude", -180, 180);
            String country = cell("country").toUpperCase(Locale.ROOT);
            if (!country.isEmpty() && !country.matches("[A-Z]{2}")) {
                error("country", "import.csv.country", cell("country"));
            }
            int radius = (int) longCell("radius_km", DEFAULT_RADIUS_KM, 0, 500);
            ZoneId zone = zone();
            WeekMask week = availability();
            Set<String> languages = languages();
            Set<Format> formats = enumSet("formats", Format.class);
            Set<Modality> modalities = enumSet("modalities", Modality.class);
            Set<Motive> motives = enumSet("motives", Motive.class);
            CertificateIntent certificate = enumCell("certificate", CertificateIntent.class, CertificateIntent.UNDECIDED);
            FollowMode followMode = enumCell("follow_mode", FollowMode.class, null);
            Set<InteractionObject> objects = enumSet("objects", InteractionObject.class);
            Situation situation = enumCell("situation", Situation.class, null);
            MoocExperience experience = enumCell("experience", MoocExperience.class, null);
            boolean canOrganise = booleanCell("can_organise");
            if (failed) {
                return null;
            }
            return new LearnerProfile(externalId, nullIfEmpty(cell("first_name")), placeId, latitude, longitude,
                    nullIfEmpty(country), radius, zone, week, languages, formats, modalities, motives, certificate,
                    followMode, objects, situation, nullIfEmpty(cell("sector")), nullIfEmpty(cell("organisation")),
                    experience, nullIfEmpty(cell("introduction")), canOrganise);
        }

        private ZoneId zone() {
            String value = cell("time_zone");
            if (value.isEmpty()) {
                error("time_zone", "import.csv.required");
                return null;
            }
            try {
                return ZoneId.of(value);
            } catch (DateTimeException e) {
                error("time_zone", "import.csv.time-zone", value);
                return null;
            }
        }

        private WeekMask availability() {
            String value = cell("availability");
            if (value.matches("[0-9a-fA-F]{42}")) {
                return WeekMask.fromHex(value.toLowerCase(Locale.ROOT));
            }
            try {
                return Slots.parse(value);
            } catch (Slots.Unreadable e) {
                error("availability", "import.csv.slots." + e.reason, e.fragment);
                return WeekMask.EMPTY;
            }
        }

        private Set<String> languages() {
            Set<String> languages = new LinkedHashSet<>();
            boolean invalid = false;
            for (String code : cell("languages").split("[|\\s,;]+")) {
                if (code.isEmpty()) {
                    continue;
                }
                String lower = code.toLowerCase(Locale.ROOT);
                if (!ISO_LANGUAGES.contains(lower)) {
                    error("languages", "import.csv.language", code);
                    invalid = true;
                } else {
                    languages.add(lower);
                }
            }
            if (languages.isEmpty() && !invalid) {
                error("languages", "import.csv.no-language");
            }
            return Collections.unmodifiableSet(languages);
        }

        private <E extends Enum<E>> Set<E> enumSet(String column, Class<E> type) {
            Set<E> values = EnumSet.noneOf(type);
            for (String name : cell(column).split("\\|")) {
                if (!name.isBlank()) {
                    E value = enumValue(column, type, name);
                    if (value != null) {
                        values.add(value);
                    }
                }
            }
            return Collections.unmodifiableSet(values);
        }

        private <E extends Enum<E>> E enumCell(String column, Class<E> type, E defaultValue) {
            String value = cell(column);
            return value.isEmpty() ? defaultValue : enumValue(column, type, value);
        }

        private <E extends Enum<E>> E enumValue(String column, Class<E> type, String name) {
            String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(normalized)) {
                    return constant;
                }
            }
            error(column, "import.csv.unknown-value", name.trim(),
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
            return null;
        }

        private long longCell(String column, long defaultValue, long min, long max) {
            String value = cell(column);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                long number = Long.parseLong(value);
                if (number < min || number > max) {
                    error(column, "import.csv.out-of-range", value, Long.toString(min), Long.toString(max));
                }
                return number;
            } catch (NumberFormatException e) {
                error(column, "import.csv.whole-number", value);
                return defaultValue;
            }
        }

        private double doubleCell(String column, double min, double max) {
            String value = cell(column);
            if (value.isEmpty()) {
                return Double.NaN;
            }
            try {
                double number = Double.parseDouble(value);
                if (!(number >= min && number <= max)) {
                    error(column, "import.csv.out-of-range", value, Long.toString((long) min), Long.toString((long) max));
                }
                return number;
            } catch (NumberFormatException e) {
                error(column, "import.csv.number", value);
                return Double.NaN;
            }
        }

        private boolean booleanCell(String column) {
            String value = cell(column).toLowerCase(Locale.ROOT);
            switch (value) {
                case "", "false", "no", "non", "0", "n" -> {
                    return false;
                }
                case "true", "yes", "oui", "1", "y", "o" -> {
                    return true;
                }
                default -> {
                    error(column, "import.csv.boolean", cell(column));
                    return false;
                }
            }
        }
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /** ";" when the header row has more semicolons than commas, "," otherwise. */
    private static char detectDelimiter(BufferedReader reader) throws IOException {
        reader.mark(1 << 16);
        String header = reader.readLine();
        reader.reset();
        if (header == null) {
            return ',';
        }
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ';' : ',';
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String coordinate(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private static String name(Enum<?> value) {
        return value == null ? "" : value.name();
    }

    private static String names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining("|"));
    }
}
