package dev.serverlesslab.emulator.logs;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs state and rules: groups, streams and events per account and region, merged on every read with
 * what a {@link LogSource} such as Lambda wrote.
 */
public final class LogsBackend {

    private static final Pattern GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");

    private final Map<AccountRegion, LogsStore> stores = new ConcurrentHashMap<>();
    private final LogSource source;
    private final Clock clock;

    public LogsBackend(LogSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public LogsBackend(LogSource source) {
        this(source, Clock.systemUTC());
    }

    public void createLogGroup(AccountRegion scope, String logGroupName) {
        requireGroupName(logGroupName);
        LogsStore store = store(scope);
        synchronized (store) {
            if (store.groups.containsKey(logGroupName) || !sourceStreams(scope, store, logGroupName).isEmpty()) {
                throw LogsErrors.alreadyExists("The log group " + logGroupName + " already exists in account "
                        + scope.accountId() + " region " + scope.region() + "; use it or delete it first");
            }
            store.groups.put(logGroupName, new LogsStore.Group(clock.millis()));
        }
    }

    /** Groups whose name starts with the prefix (all when null), alphabetically. */
    public List<LogGroupInfo> describeLogGroups(AccountRegion scope, String prefix) {
        LogsStore store = store(scope);
        synchronized (store) {
            TreeSet<String> names = new TreeSet<>(store.groups.keySet());
            names.addAll(source.logGroupNames(scope));
            List<LogGroupInfo> groups = new ArrayList<>();
            for (String name : names) {
                if (prefix != null && !name.startsWith(prefix)) {
                    continue;
                }
                Map<String, LogsStore.Stream> streams = streams(scope, store, name);
                if (streams == null) {
                    continue;
                }
                long bytes = streams.values().stream().mapToLong(LogsBackend::storedBytes).sum();
                String arn = groupArn(scope, name);
                LogsStore.Group own = store.groups.get(name);
                groups.add(new LogGroupInfo(name, creationTime(store, name, streams), arn + ":*", arn, bytes,
                        own == null ? null : own.retentionInDays));
            }
            return groups;
        }
    }

    /** The values PutRetentionPolicy accepts (the CloudWatch Logs API reference). */
    private static final java.util.Set<Integer> RETENTION_DAYS = java.util.Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120,
            150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /** Sets (or, with null, removes) how many days the group keeps events; shown by DescribeLogGroups. */
    public void putRetentionPolicy(AccountRegion scope, String logGroupName, Integer retentionInDays) {
        if (retentionInDays != null && !RETENTION_DAYS.contains(retentionInDays)) {
            throw LogsErrors.invalidParameter("retentionInDays " + retentionInDays + " is not one of "
                    + new TreeSet<>(RETENTION_DAYS));
        }
        LogsStore store = store(scope);
        synchronized (store) {
            group(scope, store, logGroupName);
            ownGroup(store, logGroupName).retentionInDays = retentionInDays;
        }
    }

    /** Adds or replaces the group's tags; {@code resourceArn} is the group's ARN, with or without {@code :*}. */
    public void tagResource(AccountRegion scope, String resourceArn, Map<String, String> tags) {
        LogsStore store = store(scope);
        synchronized (store) {
            String name = groupOfArn(scope, store, resourceArn);
            ownGroup(store, name).tags.putAll(tags);
        }
    }

    public void untagResource(AccountRegion scope, String resourceArn, List<String> tagKeys) {
        LogsStore store = store(scope);
        synchronized (store) {
            String name = groupOfArn(scope, store, resourceArn);
            tagKeys.forEach(ownGroup(store, name).tags::remove);
        }
    }

    public Map<String, String> listTagsForResource(AccountRegion scope, String resourceArn) {
        LogsStore store = store(scope);
        synchronized (store) {
            String name = groupOfArn(scope, store, resourceArn);
            LogsStore.Group own = store.groups.get(name);
            return own == null ? Map.of() : Map.copyOf(own.tags);
        }
    }

    private String groupOfArn(AccountRegion scope, LogsStore store, String resourceArn) {
        String prefix = groupArn(scope, "");
        if (resourceArn == null || !resourceArn.startsWith(prefix)) {
            throw LogsErrors.invalidParameter("resourceArn must be a log group ARN of this account and region, "
                    + prefix + "<name>; got " + resourceArn);
        }
        String name = resourceArn.substring(prefix.length());
        if (name.endsWith(":*")) {
            name = name.substring(0, name.length() - 2);
        }
        group(scope, store, name);
        return name;
    }

    public void deleteLogGroup(AccountRegion scope, String logGroupName) {
        LogsStore store = store(scope);
        synchronized (store) {
            group(scope, store, logGroupName);
            store.groups.remove(logGroupName);
            store.hiddenUntil.put(logGroupName, clock.millis());
        }
    }

    public void createLogStream(AccountRegion scope, String logGroupName, String logStreamName) {
        requireStreamName(logStreamName);
        LogsStore store = store(scope);
        synchronized (store) {
            Map<String, LogsStore.Stream> streams = group(scope, store, logGroupName);
            if (streams.containsKey(logStreamName)) {
                throw LogsErrors.alreadyExists("The log stream " + logStreamName + " already exists in log group "
                        + logGroupName + "; put events into it or choose another name");
            }
            ownGroup(store, logGroupName).streams.put(logStreamName, new LogsStore.Stream(clock.millis()));
        }
    }

    /**
     * The group's streams, by name (orderBy {@code LogStreamName}, the default) or by last event time
     * ({@code LastEventTime}), optionally descending.
     */
    public List<LogStreamInfo> describeLogStreams(AccountRegion scope, String logGroupName, String prefix,
            String orderBy, boolean descending) {
        boolean byTime = "LastEventTime".equals(orderBy);
        if (orderBy != null && !byTime && !"LogStreamName".equals(orderBy)) {
            throw LogsErrors.invalidParameter("orderBy must be LogStreamName or LastEventTime, got " + orderBy);
        }
        if (byTime && prefix != null) {
            throw LogsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix; "
                    + "leave out one of them");
        }
        LogsStore store = store(scope);
        synchronized (store) {
            List<LogStreamInfo> out = new ArrayList<>();
            group(scope, store, logGroupName).forEach((name, stream) -> {
                if (prefix == null || name.startsWith(prefix)) {
                    out.add(info(scope, logGroupName, name, stream));
                }
            });
            Comparator<LogStreamInfo> order = byTime
                    ? Comparator.comparing((LogStreamInfo s) -> s.lastEventTimestamp() == null
                            ? Long.MIN_VALUE : s.lastEventTimestamp()).thenComparing(LogStreamInfo::logStreamName)
                    : Comparator.comparing(LogStreamInfo::logStreamName);
            out.sort(descending ? order.reversed() : order);
            return out;
        }
    }

    /** Appends events, which must be in chronological order; answers the next sequence token. */
    public String putLogEvents(AccountRegion scope, String logGroupName, String logStreamName,
            List<LogsEvent> events) {
        if (events.isEmpty()) {
            throw LogsErrors.invalidParameter("logEvents must hold at least one event of {timestamp, message}");
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestamp() < events.get(i - 1).timestamp()) {
                throw LogsErrors.invalidParameter("Log events in a single PutLogEvents request must be in "
                        + "chronological order: logEvents[" + i + "] is older than logEvents[" + (i - 1) + "]");
            }
        }
        LogsStore store = store(scope);
        synchronized (store) {
            group(scope, store, logGroupName);
            LogsStore.Stream stream = ownGroup(store, logGroupName).streams.get(logStreamName);
            if (stream == null) {
                throw LogsErrors.notFound("The specified log stream does not exist: " + logStreamName + " in log "
                        + "group " + logGroupName + "; create it with CreateLogStream first");
            }
            long now = clock.millis();
            events.forEach(e -> stream.events.add(new LogsEvent(logStreamName, e.timestamp(), e.message(), now)));
            return Integer.toString(stream.events.size());
        }
    }

    /**
     * One page of a stream's events within [startTime, endTime) (nulls leave that side open). Without a token the
     * page is the oldest events when {@code startFromHead}, else the newest, as AWS does.
     */
    public EventPage getLogEvents(AccountRegion scope, String logGroupName, String logStreamName, Long startTime,
            Long endTime, String nextToken, Integer limit, boolean startFromHead) {
        int size = EventQueries.pageSize(limit);
        List<LogsEvent> events;
        LogsStore store = store(scope);
        synchronized (store) {
            LogsStore.Stream stream = group(scope, store, logGroupName).get(logStreamName);
            if (stream == null) {
                throw LogsErrors.notFound("The specified log stream does not exist: " + logStreamName + " in log "
                        + "group " + logGroupName + "; list streams with DescribeLogStreams");
            }
            events = stream.events.stream().filter(e -> EventQueries.inRange(e, startTime, endTime)).toList();
        }
        return EventQueries.page(events, nextToken, size, startFromHead);
    }

    /**
     * Events of the group's streams (all, or those named, or those with the prefix) within [startTime, endTime)
     * whose message matches the filter pattern ({@link FilterPattern}: terms, JSON or space-delimited).
     */
    public FilteredEvents filterLogEvents(AccountRegion scope, String logGroupName, List<String> logStreamNames,
            String logStreamNamePrefix, Long startTime, Long endTime, String filterPattern, String nextToken,
            Integer limit) {
        if (!logStreamNames.isEmpty() && logStreamNamePrefix != null) {
            throw LogsErrors.invalidParameter("logStreamNames and logStreamNamePrefix cannot both be given; "
                    + "leave out one of them");
        }
        Predicate<String> pattern = FilterPattern.parse(filterPattern);
        List<LogsEvent> matches = new ArrayList<>();
        List<String> searched = new ArrayList<>();
        LogsStore store = store(scope);
        synchronized (store) {
            group(scope, store, logGroupName).forEach((name, stream) -> {
                boolean wanted = logStreamNames.isEmpty() ? logStreamNamePrefix == null
                        || name.startsWith(logStreamNamePrefix) : logStreamNames.contains(name);
                if (!wanted) {
                    return;
                }
                searched.add(name);
                stream.events.stream()
                        .filter(e -> EventQueries.inRange(e, startTime, endTime))
                        .filter(e -> pattern.test(e.message()))
                        .forEach(matches::add);
            });
        }
        matches.sort(Comparator.comparingLong(LogsEvent::timestamp));
        int from = nextToken == null ? 0 : nextToken.startsWith("n/") ? EventQueries.tokenIndex(nextToken) : -1;
        if (from < 0) {
            throw EventQueries.badToken(nextToken);
        }
        from = Math.min(from, matches.size());
        int to = Math.min(matches.size(), from + EventQueries.pageSize(limit));
        return new FilteredEvents(List.copyOf(matches.subList(from, to)), searched,
                to < matches.size() ? "n/" + to : null);
    }

    /** The group's streams, own and the source's merged by name, or not found. */
    private Map<String, LogsStore.Stream> group(AccountRegion scope, LogsStore store, String logGroupName) {
        Map<String, LogsStore.Stream> streams = streams(scope, store, logGroupName);
        if (streams == null) {
            throw LogsErrors.notFound("The specified log group does not exist: " + logGroupName + " in account "
                    + scope.accountId() + " region " + scope.region() + "; create it with CreateLogGroup or check "
                    + "the name and the client's region");
        }
        return streams;
    }

    /** Null when neither the caller nor the source has this group. */
    private Map<String, LogsStore.Stream> streams(AccountRegion scope, LogsStore store, String logGroupName) {
        requireGroupName(logGroupName);
        LogsStore.Group own = store.groups.get(logGroupName);
        Map<String, LogsStore.Stream> merged = sourceStreams(scope, store, logGroupName);
        if (own == null && merged.isEmpty()) {
            return null;
        }
        if (own != null) {
            own.streams.forEach((name, stream) -> {
                LogsStore.Stream fromSource = merged.get(name);
                if (fromSource == null) {
                    merged.put(name, stream);
                } else {
                    LogsStore.Stream both = new LogsStore.Stream(Math.min(stream.creationTime,
                            fromSource.creationTime));
                    both.events.addAll(fromSource.events);
                    both.events.addAll(stream.events);
                    both.events.sort(Comparator.comparingLong(LogsEvent::timestamp));
                    merged.put(name, both);
                }
            });
        }
        return merged;
    }

    private Map<String, LogsStore.Stream> sourceStreams(AccountRegion scope, LogsStore store, String logGroupName) {
        long hidden = store.hiddenUntil.getOrDefault(logGroupName, Long.MIN_VALUE);
        Map<String, LogsStore.Stream> streams = new TreeMap<>();
        for (LogSource.SourceEvent event : source.events(scope, logGroupName)) {
            if (event.timestamp() <= hidden) {
                continue;
            }
            streams.computeIfAbsent(event.logStreamName(), name -> new LogsStore.Stream(event.timestamp()))
                    .events.add(new LogsEvent(event.logStreamName(), event.timestamp(), event.message(),
                            event.timestamp()));
        }
        return streams;
    }

    /** The caller's own record of a group that so far only the source wrote to, created on first need. */
    private LogsStore.Group ownGroup(LogsStore store, String logGroupName) {
        return store.groups.computeIfAbsent(logGroupName, name -> new LogsStore.Group(clock.millis()));
    }

    private static long creationTime(LogsStore store, String name, Map<String, LogsStore.Stream> streams) {
        LogsStore.Group own = store.groups.get(name);
        long earliest = streams.values().stream().mapToLong(s -> s.creationTime).min().orElse(Long.MAX_VALUE);
        return own == null ? earliest : Math.min(own.creationTime, earliest);
    }

    private static LogStreamInfo info(AccountRegion scope, String group, String name, LogsStore.Stream stream) {
        List<LogsEvent> events = stream.events;
        Long first = events.stream().map(LogsEvent::timestamp).min(Long::compare).orElse(null);
        Long last = events.stream().map(LogsEvent::timestamp).max(Long::compare).orElse(null);
        Long ingested = events.stream().map(LogsEvent::ingestionTime).max(Long::compare).orElse(null);
        return new LogStreamInfo(name, stream.creationTime, first, last, ingested,
                groupArn(scope, group) + ":log-stream:" + name, storedBytes(stream));
    }

    private static long storedBytes(LogsStore.Stream stream) {
        return stream.events.stream().mapToLong(e -> e.message().length() + 26L).sum();
    }

    private static void requireGroupName(String name) {
        if (name == null || !GROUP_NAME.matcher(name).matches()) {
            throw LogsErrors.invalidParameter("logGroupName must be 1 to 512 characters of letters, digits and "
                    + "._-/#, got " + (name == null ? "nothing" : "'" + name + "'"));
        }
    }

    private static void requireStreamName(String name) {
        if (name == null || name.isEmpty() || name.length() > 512 || name.contains(":") || name.contains("*")) {
            throw LogsErrors.invalidParameter("logStreamName must be 1 to 512 characters without ':' or '*', got "
                    + (name == null ? "nothing" : "'" + name + "'"));
        }
    }

    private static String groupArn(AccountRegion scope, String name) {
        return "arn:aws:logs:" + scope.region() + ":" + scope.accountId() + ":log-group:" + name;
    }

    private LogsStore store(AccountRegion scope) {
        return stores.computeIfAbsent(scope, key -> new LogsStore());
    }
}
