package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures {@code lab bench --load} prints are the usual nearest-rank percentiles. */
class LoadBenchTests {

    private static final List<Long> ONE_TO_TWENTY = java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList();

    @Test
    void percentile_p50AndP95_ofTwentyValues_areTheTenthAndNineteenth() {
        assertEquals(10, LoadBench.percentile(ONE_TO_TWENTY, 50));
        assertEquals(19, LoadBench.percentile(ONE_TO_TWENTY, 95));
    }

    @Test
    void percentile_ofOneValue_isThatValue_andOfNoneIsZero() {
        assertEquals(7, LoadBench.percentile(List.of(7L), 95));
        assertEquals(0, LoadBench.percentile(List.of(), 50));
    }
}
