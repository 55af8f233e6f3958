package dev.serverlesslab.emulator.sqs;

/**
 * What SendMessage answers: the message's id and the digests the SDKs verify.
 *
 * @param md5OfMessageAttributes null when the message has no attributes
 * @param md5OfMessageSystemAttributes null when the message has no system attributes
 * @param sequenceNumber FIFO queues only, else null
 */
record SentMessage(String messageId, String md5OfMessageBody, String md5OfMessageAttributes,
        String md5OfMessageSystemAttributes, String sequenceNumber) {
}
