package dev.serverlesslab.emulator.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The one way the emulator writes XML (query-protocol answers, XML error bodies): through the JDK's StAX
 * {@link XMLStreamWriter}, which escapes text and attributes, so no service concatenates or escapes XML by hand.
 */
public final class Xml {

    /** Builds the elements of one document. */
    @FunctionalInterface
    public interface Body {
        void write(Xml xml) throws XMLStreamException;
    }

    // The JDK's own implementation, whatever else is on the class path: its output is what the tests pin.
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final XMLStreamWriter writer;

    private Xml(XMLStreamWriter writer) {
        this.writer = writer;
    }

    /**
     * A UTF-8 document written by {@code body}.
     *
     * @param declaration whether it starts with {@code <?xml version="1.0" encoding="UTF-8"?>}
     */
    public static byte[] document(boolean declaration, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter writer = FACTORY.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            if (declaration) {
                writer.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            }
            body.write(new Xml(writer));
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write an XML answer", e);
        }
        return out.toByteArray();
    }

    /** Opens an element. */
    public Xml start(String name) throws XMLStreamException {
        writer.writeStartElement(name);
        return this;
    }

    /** Opens an element that declares {@code namespace} as the default one. */
    public Xml start(String name, String namespace) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeDefaultNamespace(namespace);
        return this;
    }

    /** Closes the innermost open element. */
    public Xml end() throws XMLStreamException {
        writer.writeEndElement();
        return this;
    }

    /** An element holding only text; null text writes an empty element. */
    public Xml element(String name, String text) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(text == null ? "" : text);
        writer.writeEndElement();
        return this;
    }

    /**
     * Members the way the query protocol serializes a structure: each non-null entry an element named by its key;
     * a nested map is a nested structure, a list one {@code <member>} per item, an {@link Instant} ISO 8601 to the
     * second, anything else its text.
     */
    public Xml members(Map<String, ?> members) throws XMLStreamException {
        for (Map.Entry<String, ?> member : members.entrySet()) {
            if (member.getValue() != null) {
                writer.writeStartElement(member.getKey());
                value(member.getValue());
                writer.writeEndElement();
            }
        }
        return this;
    }

    private void value(Object value) throws XMLStreamException {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (member.getValue() != null) {
                    writer.writeStartElement(String.valueOf(member.getKey()));
                    value(member.getValue());
                    writer.writeEndElement();
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                writer.writeStartElement("member");
                value(item);
                writer.writeEndElement();
            }
        } else if (value instanceof Instant instant) {
            writer.writeCharacters(instant.truncatedTo(ChronoUnit.SECONDS).toString());
        } else {
            writer.writeCharacters(String.valueOf(value));
        }
    }
}
