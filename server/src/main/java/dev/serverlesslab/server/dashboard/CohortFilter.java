package dev.serverlesslab.server.dashboard;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code ?cohort=} filter that the dashboard pages, exports and re-grades share: a cohort's id, or nothing for
 * the whole class. An id that names no cohort is refused with the list of valid ones rather than read as "everyone",
 * so an export never silently holds more than was asked for. Public for the templates, which read it.
 */
public record CohortFilter(ClassRecords.Cohort cohort) {

    static final String PARAMETER = "cohort";

    static CohortFilter of(Context ctx, ClassRecords records) {
        // A link or a GET form carries it in the query; the re-grade form posts it in its body.
        String value = ctx.queryParam(PARAMETER) != null ? ctx.queryParam(PARAMETER) : ctx.formParam(PARAMETER);
        if (value == null || value.isBlank()) {
            return new CohortFilter(null);
        }
        List<ClassRecords.Cohort> cohorts = records.cohorts();
        try {
            long id = Long.parseLong(value.trim());
            return cohorts.stream().filter(cohort -> cohort.id() == id).findFirst().map(CohortFilter::new)
                    .orElseThrow(() -> unknown(value, cohorts));
        } catch (NumberFormatException e) {
            throw unknown(value, cohorts);
        }
    }

    private static BadRequestResponse unknown(String value, List<ClassRecords.Cohort> cohorts) {
        String valid = cohorts.isEmpty() ? "there are no cohorts yet, so leave it out"
                : "use one of " + cohorts.stream().map(c -> c.id() + " (" + c.name() + ")")
                        .collect(Collectors.joining(", "));
        return new BadRequestResponse("There is no cohort '" + value + "': the cohort filter takes a cohort's number; "
                + valid + ", or leave it out for the whole class.");
    }

    /** The cohort's id, or null for the whole class. */
    public Long id() {
        return cohort == null ? null : cohort.id();
    }

    /** "?cohort=3" to keep the filter on links, or "" for the whole class. */
    public String query() {
        return cohort == null ? "" : "?" + PARAMETER + "=" + cohort.id();
    }
}
