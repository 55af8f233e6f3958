package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.serverlesslab.emulator.core.AwsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Marker and MaxItems as Lambda's list operations read them. */
class ListPageTests {

    private static final List<Integer> SEVEN = List.of(1, 2, 3, 4, 5, 6, 7);

    @Test
    void of_followingEachNextMarker_returnsEveryItemOnce() {
        List<Integer> seen = new ArrayList<>();
        String marker = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("MaxItems", "3"));
            if (marker != null) {
                query.put("Marker", marker);
            }
            ListPage<Integer> page = ListPage.of(SEVEN, query, ListPage.MAX_LIST_ITEMS);
            seen.addAll(page.items());
            marker = page.nextMarker();
        } while (marker != null);

        assertEquals(SEVEN, seen);
    }

    @Test
    void of_withoutMaxItems_returnsAtMostFiftyItems() {
        List<Integer> many = IntStream.range(0, 120).boxed().toList();

        ListPage<Integer> page = ListPage.of(many, Map.of(), ListPage.MAX_LIST_ITEMS);

        assertEquals(50, page.items().size());
        assertEquals("page-50", page.nextMarker());
    }

    @Test
    void of_lastPage_hasNoNextMarker() {
        ListPage<Integer> page = ListPage.of(SEVEN, Map.of("MaxItems", "7"), ListPage.MAX_LIST_ITEMS);

        assertEquals(SEVEN, page.items());
        assertNull(page.nextMarker());
    }

    @Test
    void of_withAForeignMarker_failsNamingIt() {
        AwsException error = assertThrows(AwsException.class,
                () -> ListPage.of(SEVEN, Map.of("Marker", "abc"), ListPage.MAX_LIST_ITEMS));

        assertEquals("InvalidParameterValueException", error.code());
        assertEquals("Invalid Marker 'abc': pass the NextMarker of the previous page unchanged", error.getMessage());
    }

    @Test
    void of_withMaxItemsAboveTheLayerBound_failsValidation() {
        AwsException error = assertThrows(AwsException.class,
                () -> ListPage.of(SEVEN, Map.of("MaxItems", "51"), ListPage.MAX_LAYER_LIST_ITEMS));

        assertEquals("ValidationException", error.code());
        assertEquals("1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: Member must "
                + "have value less than or equal to 50", error.getMessage());
    }
}
