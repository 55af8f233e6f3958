package dev.serverlesslab.emulator.s3;

import java.util.List;

/**
 * A ListObjects (v1 or v2) query and its answer.
 *
 * @param after list keys strictly after this one (v1's marker, v2's start-after or decoded continuation token), or
 *     null
 */
record ListQuery(String prefix, String delimiter, String after, int maxKeys) {

    /** One page: objects and common prefixes in key order, and where the next page starts when truncated. */
    record Page(List<S3Object> objects, List<String> commonPrefixes, boolean truncated, String nextAfter) {
    }

    ListQuery {
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    }
}
