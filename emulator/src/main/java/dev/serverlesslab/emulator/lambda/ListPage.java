package dev.serverlesslab.emulator.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a Lambda list operation: the items from {@code Marker} on, at most {@code MaxItems} of them, and the
 * {@code NextMarker} that fetches the rest (absent on the last page), as the SDK paginators expect.
 */
public record ListPage<T>(List<T> items, String nextMarker) {

    /** What Lambda returns when the caller sets no MaxItems. */
    static final int DEFAULT_PAGE_SIZE = 50;
    /** The model's upper bound of MaxItems for functions, versions and aliases. */
    public static final int MAX_LIST_ITEMS = 10_000;
    /** The model's upper bound of MaxItems for layers and layer versions. */
    static final int MAX_LAYER_LIST_ITEMS = 50;
    private static final String MARKER_PREFIX = "page-";

    /**
     * Cuts one page from the whole list, given the request's query parameters.
     *
     * @param maxAllowed the model's bound for MaxItems ({@link #MAX_LIST_ITEMS} or {@link #MAX_LAYER_LIST_ITEMS})
     */
    public static <T> ListPage<T> of(List<T> all, Map<String, String> query, int maxAllowed) {
        int size = pageSize(query.get("MaxItems"), maxAllowed);
        int start = start(query.get("Marker"));
        if (start > all.size()) {
            throw LambdaErrors.invalidParameter("Invalid Marker '" + query.get("Marker") + "': it points past the "
                    + "end of the list; start again without a Marker");
        }
        int end = Math.min(all.size(), start + size);
        return new ListPage<>(List.copyOf(all.subList(start, end)), end < all.size() ? MARKER_PREFIX + end : null);
    }

    private static int pageSize(String maxItems, int maxAllowed) {
        if (maxItems == null) {
            return Math.min(DEFAULT_PAGE_SIZE, maxAllowed);
        }
        int size;
        try {
            size = Integer.parseInt(maxItems);
        } catch (NumberFormatException e) {
            throw LambdaErrors.invalidParameter("MaxItems must be a whole number, not '" + maxItems + "'");
        }
        if (size < 1 || size > maxAllowed) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(size, "maxItems", size < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to " + maxAllowed)));
        }
        return size;
    }

    /** The markers are the emulator's own (the position of the next item); anything else is not one of them. */
    private static int start(String marker) {
        if (marker == null || marker.isEmpty()) {
            return 0;
        }
        if (marker.startsWith(MARKER_PREFIX)) {
            try {
                int start = Integer.parseInt(marker.substring(MARKER_PREFIX.length()));
                if (start >= 0) {
                    return start;
                }
            } catch (NumberFormatException e) {
                // Falls through to the error below, which names the marker.
            }
        }
        throw LambdaErrors.invalidParameter("Invalid Marker '" + marker + "': pass the NextMarker of the previous "
                + "page unchanged");
    }

    /** A list operation's answer: the page's items under {@code member}, then NextMarker when there is more. */
    public static Map<String, Object> body(String member, ListPage<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(member, page.items());
        if (page.nextMarker() != null) {
            body.put("NextMarker", page.nextMarker());
        }
        return body;
    }
}
