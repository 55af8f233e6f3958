package dev.serverlesslab.graders.report;

import java.util.List;

/**
 * Replaces lone UTF-16 surrogates with U+FFFD. A check message can quote a payload string decoded from a JSON
 * escape such as {@code "\ud800"}; Java holds it, but no UTF-8 writer can, so a report carrying it would fail to be
 * written (and a learner could suppress their own report). Every report text passes through here once.
 */
final class WellFormedText {

    private WellFormedText() {
    }

    static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    static List<String> of(List<String> texts) {
        return texts.stream().map(WellFormedText::of).toList();
    }
}
