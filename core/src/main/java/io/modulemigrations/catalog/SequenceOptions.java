package io.modulemigrations.catalog;

import java.util.ArrayList;
import java.util.List;

/** The settings of a sequence, standalone or behind an identity column. */
record SequenceOptions(String type, long start, long increment, long min, long max, long cache, boolean cycle) {

    /**
     * What {@code create sequence} gives when only the type and the increment are said: the
     * limits and the start follow the increment's sign.
     */
    static SequenceOptions defaults(String type, long increment) {
        long typeMin = switch (type) {
            case "smallint" -> Short.MIN_VALUE;
            case "integer" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long typeMax = switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        long min = increment > 0 ? 1 : typeMin;
        long max = increment > 0 ? typeMax : -1;
        return new SequenceOptions(type, increment > 0 ? min : max, increment, min, max, 1, false);
    }

    /**
     * The clauses that differ from the defaults, in {@code create sequence} order.
     *
     * @param withType whether to write {@code as <type>} when the type is not {@code bigint}
     *     (an identity sequence takes its column's type, so there it is left out)
     */
    List<String> clauses(boolean withType) {
        SequenceOptions standard = defaults(type, increment);
        List<String> clauses = new ArrayList<>();
        if (withType && !type.equals("bigint")) {
            clauses.add("as " + type);
        }
        if (increment != 1) {
            clauses.add("increment by " + increment);
        }
        if (min != standard.min) {
            clauses.add("minvalue " + min);
        }
        if (max != standard.max) {
            clauses.add("maxvalue " + max);
        }
        if (start != standard.start) {
            clauses.add("start with " + start);
        }
        if (cache != standard.cache) {
            clauses.add("cache " + cache);
        }
        if (cycle) {
            clauses.add("cycle");
        }
        return clauses;
    }

    /**
     * The clauses of {@code alter sequence} (or {@code alter column … set …}) that turn these
     * options into {@code target}; the type is changed separately.
     */
    List<String> changesTo(SequenceOptions target) {
        List<String> clauses = new ArrayList<>();
        if (increment != target.increment) {
            clauses.add("increment by " + target.increment);
        }
        if (min != target.min) {
            clauses.add("minvalue " + target.min);
        }
        if (max != target.max) {
            clauses.add("maxvalue " + target.max);
        }
        if (start != target.start) {
            clauses.add("start with " + target.start);
        }
        if (cache != target.cache) {
            clauses.add("cache " + target.cache);
        }
        if (cycle != target.cycle) {
            clauses.add(target.cycle ? "cycle" : "no cycle");
        }
        return clauses;
    }

    /**
     * The options after {@code alter sequence … as <type>} (or an identity column's type change):
     * a minimum or maximum that was the old type's limit becomes the new type's.
     */
    SequenceOptions retyped(String newType) {
        SequenceOptions oldLimits = defaults(type, increment);
        SequenceOptions newLimits = defaults(newType, increment);
        return new SequenceOptions(newType, start, increment, min == oldLimits.min ? newLimits.min : min,
                max == oldLimits.max ? newLimits.max : max, cache, cycle);
    }

    /** Every setting, for a catalog line. */
    String describe() {
        return "as " + type + " start " + start + " increment " + increment + " min " + min + " max " + max + " cache " + cache
                + (cycle ? " cycle" : " no cycle");
    }
}
