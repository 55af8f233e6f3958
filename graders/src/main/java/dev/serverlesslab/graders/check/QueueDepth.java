package dev.serverlesslab.graders.check;

/**
 * A queue's {@code ApproximateNumberOfMessages}, {@code ...NotVisible} and {@code ...Delayed} at one moment.
 *
 * @param visible messages a receive would get now
 * @param inFlight messages received and not yet deleted (a mapping's batch while the function runs)
 * @param delayed messages whose delay has not passed
 */
public record QueueDepth(int visible, int inFlight, int delayed) {

    /** Every message the queue holds. */
    public int total() {
        return visible + inFlight + delayed;
    }

    @Override
    public String toString() {
        return visible + " visible, " + inFlight + " in flight, " + delayed + " delayed";
    }
}
