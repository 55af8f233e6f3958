package dev.serverlesslab.graders.report.format;

/**
 * Learner text made safe for XML 1.0 content and attribute values: markup characters escaped, characters XML 1.0
 * cannot carry (NUL, ESC and the other C0 controls, lone surrogates, U+FFFE/U+FFFF) dropped. Nothing is ever
 * written as CDATA, so {@code ]]>} in the text is plain text ({@code ]]&gt;}).
 */
final class XmlText {

    private XmlText() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                // A literal CR would be normalised away by every parser; the reference keeps it as written.
                case '\r' -> out.append("&#13;");
                default -> {
                    boolean allowed = cp == '\t' || cp == '\n' || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
                    if (allowed) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
