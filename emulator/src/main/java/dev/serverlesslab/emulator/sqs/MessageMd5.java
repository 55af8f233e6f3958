package dev.serverlesslab.emulator.sqs;

import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns with every message, computed exactly as AWS documents them, because the SDKs check
 * them: the body's UTF-8 bytes; and for attributes, each attribute in name order as length-prefixed name, length-
 * prefixed data type, a transport byte (1 for String and Number, 2 for Binary) and the length-prefixed value.
 */
final class MessageMd5 {

    private static final byte STRING = 1;
    private static final byte BINARY = 2;

    private MessageMd5() {
    }

    static String ofBody(String body) {
        return hex(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The attributes' digest, or null when there are none (AWS then leaves the member out). */
    static String ofAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, MessageAttribute> entry : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute attribute = entry.getValue();
            lengthPrefixed(out, entry.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(out, attribute.dataType().getBytes(StandardCharsets.UTF_8));
            if (attribute.binaryValue() != null) {
                out.write(BINARY);
                lengthPrefixed(out, attribute.binaryValue());
            } else {
                out.write(STRING);
                lengthPrefixed(out, attribute.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return hex(out.toByteArray());
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has MD5", e);
        }
    }
}
