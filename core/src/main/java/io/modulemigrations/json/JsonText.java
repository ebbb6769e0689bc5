package io.modulemigrations.json;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The little JSON text the engine and the commands write ({@code --json} reports, link descriptors, seed rows
 * in messages): string literals, lists of them and flat objects. Not a JSON library.
 */
public final class JsonText {

    private JsonText() {
    }

    /** {@code s} as a JSON string literal, quotes and control characters escaped. */
    public static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** {@code list} as a JSON array of string literals. */
    public static String strings(List<String> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(string(list.get(i)));
        }
        return sb.append(']').toString();
    }

    /** {@code object} as a flat JSON object: strings quoted, numbers and booleans as they print, null as {@code null}. */
    public static String object(Map<String, ? extends @Nullable Object> object) {
        StringBuilder sb = new StringBuilder("{");
        String separator = "";
        for (Map.Entry<String, ? extends @Nullable Object> entry : object.entrySet()) {
            Object value = entry.getValue();
            String json = value == null ? "null"
                    : value instanceof Number || value instanceof Boolean ? value.toString() : string(value.toString());
            sb.append(separator).append(string(entry.getKey())).append(':').append(json);
            separator = ",";
        }
        return sb.append('}').toString();
    }
}
