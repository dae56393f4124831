package org.fuyu.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words a person reads in place of codes and raw values, in the current {@link Lang}: money
 * with thousands separators ({@code 12,000 元} / {@code 12,000 yuan}), shares as percentages,
 * outcomes and subject types in words, criteria by their labels (from {@code labels.yaml}
 * beside this class; a name not listed there is split into words) and enumerated values by
 * theirs. Nothing here is a Java {@code toString}.
 */
public final class Words {
    /**
     * The labels of {@code labels.yaml}, loaded when first needed: {@link #failure(Throwable)} and
     * the number formats never load them, so they work whatever state the JVM is in (a failure
     * may be reported right after a stack overflow).
     */
    private static final class Labels {
        static final Map<String, Title> CRITERIA = new HashMap<>();
        static final Set<String> SHARES = new HashSet<>();
        static final Map<String, Title> VALUES = new HashMap<>();

        static {
            try (InputStream in = Words.class.getResourceAsStream("labels.yaml")) {
                JsonNode root = new YAMLMapper().readTree(in);
                root.path("criteria").fields().forEachRemaining(e -> {
                    CRITERIA.put(e.getKey(), new Title(e.getValue().path("zh").asText(), e.getValue().path("en").asText()));
                    if (e.getValue().path("share").asBoolean(false)) {
                        SHARES.add(e.getKey());
                    }
                });
                root.path("values").fields().forEachRemaining(e -> VALUES.put(e.getKey(),
                        new Title(e.getValue().path("zh").asText(), e.getValue().path("en").asText())));
            } catch (IOException e) {
                throw new UncheckedIOException("labels.yaml missing from policy-core", e);
            }
        }
    }

    private Words() {
    }

    /** A whole number with thousands separators: {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An amount of money: {@code 12,000 元} or {@code 12,000 yuan}. */
    public static String money(long yuan) {
        return count(yuan) + Lang.pick(" 元", " yuan");
    }

    /** A signed change: {@code +1,200}, {@code -450}, or {@code 0}. */
    public static String signed(long v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%+,d", v);
    }

    /** A number as a person reads it: thousands separators, at most the decimals it has. */
    public static String number(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        int scale = Math.max(0, s.scale());
        return String.format(Locale.ROOT, "%,." + scale + "f", s);
    }

    /** A share (0–1) as a percentage with one decimal at most: 0.4286 → {@code 42.9%}, 0.5 → {@code 50%}. */
    public static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** A share as a percentage ({@link #percent(BigDecimal)}). */
    public static String percent(double share) {
        return Double.isNaN(share) ? "–" : percent(BigDecimal.valueOf(share));
    }

    /** {@code part} of {@code whole} as a percentage, or "–" when whole is 0. */
    public static String percent(long part, long whole) {
        return whole == 0 ? "–" : percent(BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 6, RoundingMode.HALF_UP));
    }

    /** An outcome in words: 给予 / granted, 不予 / denied, 标记 / flagged, 达标 / met, 未达标 / missed. */
    public static String outcome(Outcome o) {
        return switch (o) {
            case GRANTED -> Lang.pick("给予", "granted");
            case DENIED -> Lang.pick("不予", "denied");
            case FLAG -> Lang.pick("标记", "flagged");
            case TARGET_MET -> Lang.pick("达标", "met");
            case TARGET_MISSED -> Lang.pick("未达标", "missed");
        };
    }

    /** An outcome given by name ({@link #outcome(Outcome)}); an unknown name is returned as it is. */
    public static String outcome(String name) {
        try {
            return outcome(Outcome.valueOf(name));
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /** A subject type in words: 农户 / household, 个人 / person, 经营主体 / business, 行政村 / village, 县 / county. */
    public static String subject(SubjectType t) {
        return switch (t) {
            case HOUSEHOLD -> Lang.pick("农户", "household");
            case PERSON -> Lang.pick("个人", "person");
            case BUSINESS -> Lang.pick("经营主体", "business");
            case VILLAGE -> Lang.pick("行政村", "village");
            case COUNTY -> Lang.pick("县", "county");
        };
    }

    /**
     * A criterion's label: {@code perCapitaIncome} → 家庭人均收入 / per-capita income;
     * {@code owner.categories} → 经营者的人员类别 / owner's categories; {@code not atRisk} → 非… / not …;
     * an unlisted name split into words.
     */
    public static String criterion(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        if (name.startsWith("not ")) {
            return Lang.pick("不满足：", "not ") + criterion(name.substring(4));
        }
        Title t = Labels.CRITERIA.get(name);
        if (t != null) {
            return t.text();
        }
        for (String[] prefix : new String[][] {{"owner.", "经营者的", "owner's "}, {"county.", "县：", "county "},
                {"household.", "本户", "household's "}, {"village.", "本村", "village "}}) {
            if (name.startsWith(prefix[0])) {
                return Lang.pick(prefix[1], prefix[2]) + criterion(name.substring(prefix[0].length()));
            }
        }
        int dot = name.lastIndexOf('.');
        return dot >= 0 && Labels.CRITERIA.containsKey(name.substring(dot + 1)) ? Labels.CRITERIA.get(name.substring(dot + 1)).text()
                : words(name);
    }

    /** Whether a criterion's value is a share, shown as a percentage. */
    public static boolean isShare(String criterion) {
        return criterion != null && Labels.SHARES.contains(criterion.startsWith("not ") ? criterion.substring(4) : criterion);
    }

    /** An operator as a person reads it: ≥, ≤, ≠, 属于 / in, … */
    public static String operator(String op) {
        if (op == null) {
            return "";
        }
        return switch (op) {
            case ">=" -> "≥";
            case "<=" -> "≤";
            case "!=" -> "≠";
            case "==" -> "=";
            case "in" -> Lang.pick("属于", "in");
            case "not in" -> Lang.pick("不属于", "not in");
            case "has" -> Lang.pick("含", "has");
            case "any of" -> Lang.pick("满足其一", "any of");
            case "all of" -> Lang.pick("全部满足", "all of");
            case "none of" -> Lang.pick("都不满足", "none of");
            default -> op;
        };
    }

    /**
     * A criterion's actual or required value: a share as a percentage, numbers with thousands
     * separators, true/false as 是/否 (yes/no), enumerated values by their labels, lists joined.
     */
    public static String value(String criterion, Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? Lang.pick("是", "yes") : Lang.pick("否", "no");
        }
        if (v instanceof Number n) {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            return isShare(criterion) ? percent(d) : number(d);
        }
        if (v instanceof Collection<?> c) {
            if (c.isEmpty()) {
                return Lang.pick("无", "none");
            }
            List<String> parts = new ArrayList<>();
            for (Object o : c) {
                parts.add(value(criterion, o));
            }
            return String.join(Lang.pick("、", ", "), parts);
        }
        if (v instanceof Enum<?> e) {
            return enumValue(e.name());
        }
        String s = String.valueOf(v);
        if (s.matches("-?\\d+(\\.\\d+)?")) {
            return value(criterion, new BigDecimal(s));
        }
        return enumValue(s);
    }

    /** An enumerated value's label ({@code MINIMUM_LIVING} → 低保 / minimum living allowance), else the value. */
    public static String enumValue(String name) {
        Title t = Labels.VALUES.get(name);
        return t == null ? name : t.text();
    }

    /**
     * What failed, for a person: the kind of failure and its message ({@code StackOverflowError},
     * {@code ArithmeticException: long overflow}), never Java's full {@code toString} with packages.
     */
    public static String failure(Throwable e) {
        String what = e.getClass().getSimpleName();
        return e.getMessage() == null || e.getMessage().isBlank() ? what : what + ": " + e.getMessage();
    }

    /** A camelCase or dotted name as lower-case words: {@code creditLineCoverage} → {@code credit line coverage}. */
    static String words(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '_') {
                sb.append(' ');
            } else if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                sb.append(' ').append(Character.toLowerCase(c));
            } else {
                sb.append(Character.isUpperCase(c) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                        ? Character.toLowerCase(c) : c);
            }
        }
        return sb.toString();
    }

    /**
     * One criterion as a sentence: 家庭人均收入 9,000，要求 &lt; 13,000（low_income.line）/
     * {@code per-capita income 9,000, needs < 13,000 (low_income.line)}.
     */
    public static String criterionLine(Criterion c) {
        if (c.anyOf() != null) {
            List<String> parts = new ArrayList<>();
            for (Criterion p : c.anyOf()) {
                parts.add(criterionLine(p));
            }
            return operator(c.operator()) + Lang.pick("：", ": ") + String.join(Lang.pick("；", "; "), parts);
        }
        StringBuilder sb = new StringBuilder(criterion(c.criterion())).append(' ')
                .append(value(c.criterion(), c.actual())).append(Lang.pick("，要求 ", ", needs "))
                .append(operator(c.operator())).append(' ').append(value(c.criterion(), c.required()));
        if (c.parameter() != null) {
            sb.append(Lang.pick("（", " (")).append(c.parameter()).append(Lang.pick("）", ")"));
        }
        return sb.toString();
    }
}
