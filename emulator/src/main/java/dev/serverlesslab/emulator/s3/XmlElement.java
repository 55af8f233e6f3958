package dev.serverlesslab.emulator.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An XML request body (CreateBucketConfiguration, Delete, CompleteMultipartUpload, NotificationConfiguration) read
 * with StAX into a small tree; namespaces are ignored, as S3 ignores them, and DTDs and external entities are off.
 */
record XmlElement(String name, String text, List<XmlElement> children) {

    private static final XMLInputFactory FACTORY = XMLInputFactory.newDefaultFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    /** The document's root element; MalformedXML when the body is no XML document. */
    static XmlElement parse(byte[] body) {
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
                // skip the prolog
            }
            if (!reader.isStartElement()) {
                throw S3Exception.malformedXml("the body is empty");
            }
            return read(reader);
        } catch (XMLStreamException e) {
            throw S3Exception.malformedXml(e.getMessage());
        }
    }

    private static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        String name = reader.getLocalName();
        StringBuilder text = new StringBuilder();
        List<XmlElement> children = new ArrayList<>();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                children.add(read(reader));
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        return new XmlElement(name, text.toString().trim(), List.copyOf(children));
    }

    /** The children with a name. */
    List<XmlElement> all(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    /** The text of the first child with a name, or null. */
    String text(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).map(XmlElement::text).findFirst()
                .orElse(null);
    }

    /** The first child with a name, or null. */
    XmlElement child(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).findFirst().orElse(null);
    }
}
