package dev.serverlesslab.emulator.ssm;

import java.util.List;

/** One page of a listing and the token for the next one, null on the last page. */
public record Page<T>(List<T> items, String nextToken) {
}
