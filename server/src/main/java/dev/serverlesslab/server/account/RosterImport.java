package dev.serverlesslab.server.account;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A class roster pasted as CSV, one student a line: {@code username,display name[,cohort]} (a header line naming
 * {@code username} is skipped). Every line is checked before any account is made, so a roster with one bad line
 * creates nothing and can be fixed and imported again whole. Each student gets a one-time password, shown once.
 */
public final class RosterImport {

    /** More than a class of 300, less than what would keep a request hashing passwords for minutes. */
    public static final int MAX_LINES = 1000;

    /** One student to create. */
    public record Line(int number, String username, String displayName, Cohort cohort) {
    }

    /** A line that cannot be imported, and why. */
    public record Problem(int line, String message) {
    }

    /** A created account and the one-time password to hand to its owner. */
    public record Created(Account account, String cohortName, String oneTimePassword) {
    }

    /** The lines to create, or the problems that stop the import. */
    public record Checked(List<Line> lines, List<Problem> problems) {
    }

    /** What an import made, and the lines that failed while it ran (a username taken in between). */
    public record Imported(List<Created> created, List<Problem> problems) {
    }

    private final AccountStore accounts;
    private final CohortStore cohorts;
    private final Secrets secrets;

    public RosterImport(AccountStore accounts, CohortStore cohorts, Secrets secrets) {
        this.accounts = accounts;
        this.cohorts = cohorts;
        this.secrets = secrets;
    }

    /**
     * Parses and checks a roster without creating anything.
     *
     * @param defaultCohort the cohort of lines that name none, or null for none
     */
    public Checked check(String csv, Cohort defaultCohort) {
        List<Line> lines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get()
                .parse(new StringReader(csv == null ? "" : csv))) {
            records = parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            return new Checked(List.of(), List.of(new Problem(0, "The roster is not valid CSV: " + e.getMessage()
                    + ". Put one student a line: username,display name[,cohort]; quote names that hold commas.")));
        }
        if (records.size() > MAX_LINES) {
            return new Checked(List.of(), List.of(new Problem(0, "The roster has " + records.size()
                    + " lines; import at most " + MAX_LINES + " at a time.")));
        }
        for (CSVRecord record : records) {
            int number = (int) record.getRecordNumber();
            if (number == 1 && Usernames.normalize(record.get(0)).equals("username")) {
                continue;
            }
            if (record.size() < 2 || record.size() > 3) {
                problems.add(new Problem(number, "Expected username,display name[,cohort]; this line has "
                        + record.size() + " field" + (record.size() == 1 ? "" : "s") + "."));
                continue;
            }
            String username = Usernames.normalize(record.get(0));
            Optional<String> bad = Usernames.problem(username);
            if (bad.isPresent()) {
                problems.add(new Problem(number, bad.get()));
                continue;
            }
            if (!seen.add(username)) {
                problems.add(new Problem(number, "'" + username + "' appears twice in the roster."));
                continue;
            }
            if (accounts.findByUsername(username).isPresent()) {
                problems.add(new Problem(number, "'" + username + "' has an account already; leave the line out, "
                        + "or reset that student's password on their cohort page."));
                continue;
            }
            String displayName = record.get(1);
            if (displayName.length() > AccountStore.MAX_DISPLAY_NAME) {
                problems.add(new Problem(number, "The display name is longer than " + AccountStore.MAX_DISPLAY_NAME
                        + " characters."));
                continue;
            }
            Cohort cohort = defaultCohort;
            if (record.size() == 3 && !record.get(2).isEmpty()) {
                Optional<Cohort> named = cohorts.findByName(record.get(2));
                if (named.isEmpty()) {
                    problems.add(new Problem(number, "There is no cohort named '" + record.get(2)
                            + "'; create it first or fix the name."));
                    continue;
                }
                cohort = named.get();
            }
            lines.add(new Line(number, username, displayName, cohort));
        }
        if (lines.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(0, "The roster is empty: paste one student a line, username,display name[,cohort]."));
        }
        return new Checked(lines, problems);
    }

    /**
     * Creates the checked lines' accounts, each with a new one-time password it must change at first sign-in. A line
     * that fails now (its username was taken since the check) is reported, and the others are still created, so no
     * password of a created account goes unshown.
     */
    public Imported create(List<Line> lines) {
        List<Created> created = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Line line : lines) {
            String password = secrets.oneTimePassword();
            try {
                Account account = accounts.create(line.username(), line.displayName(), Role.STUDENT,
                        line.cohort() == null ? null : line.cohort().id(), password, true);
                created.add(new Created(account, line.cohort() == null ? "" : line.cohort().name(), password));
            } catch (AccountException e) {
                problems.add(new Problem(line.number(), e.getMessage()));
            }
        }
        return new Imported(created, problems);
    }
}
