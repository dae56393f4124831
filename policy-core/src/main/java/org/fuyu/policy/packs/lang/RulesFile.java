package org.fuyu.policy.packs.lang;

import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Problem;
import org.fuyu.policy.internal.DidYouMean;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a {@code *.rules.yaml} file (docs/rule-language.md) into declarations, keeping where each
 * expression starts so its errors point at {@code file:line:column}. The YAML is composed into
 * nodes (SnakeYAML, the library Jackson's YAML support uses), never turned into objects: no tags,
 * anchors, duplicate keys or second documents.
 */
final class RulesFile {
    static final Set<String> TOP_KEYS = Set.of("define", "counters", "decisions");
    static final Set<String> DECISION_KEYS = Set.of("subject", "title", "citation", "only when", "otherwise",
            "candidates", "require", "grant", "flag", "target");
    static final int MAX_BYTES = 1 << 20;

    /**
     * A scalar and where its text starts (line 1-based, column 0-based); for a decision-table
     * cell, its row, its column (1-based) and the column's header.
     */
    record Text(String value, int line, int column, String cellHeader) {
        Text(String value, int line, int column) {
            this(value, line, column, null);
        }
    }

    /** One decision code's declaration. */
    record DecisionDecl(String code, Text subject, Text citation, Text titleZh, Text titleEn, List<Text> onlyWhen,
                        Text otherwiseEn, Text otherwiseZh, List<Text> candidates, List<Text> require, String result,
                        Text amount, String ruleName, String file, int line) {
    }

    final String file;
    final Map<String, Text> defines = new LinkedHashMap<>();
    final Map<String, Text> counters = new LinkedHashMap<>();
    final List<DecisionDecl> decisions = new ArrayList<>();
    /** Codes of table rows that were refused: other rules may still name them (no second error for one mistake). */
    final java.util.Set<String> refusedCodes = new java.util.LinkedHashSet<>();
    /** Things read with a note rather than refused (a full-width comma in a table cell read as ','): warnings. */
    final List<Problem> notes = new ArrayList<>();
    private final List<Problem> problems;

    private RulesFile(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** A file with no declarations yet (a decision table fills its decisions). */
    static RulesFile empty(String file, List<Problem> problems) {
        return new RulesFile(file, problems);
    }

    static RulesFile read(String file, byte[] content, List<Problem> problems) {
        RulesFile f = new RulesFile(file, problems);
        if (content.length > MAX_BYTES) {
            f.problem(0, 0, "规则文件超过 1 MB", "the rule file is larger than 1 MB");
            return f;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            f.problem(0, 0, "文件不是 UTF-8 编码；请另存为 UTF-8", "the file is not UTF-8; save it as UTF-8");
            return f;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setCodePointLimit(MAX_BYTES);
        List<Node> docs = new ArrayList<>();
        try {
            for (Node n : new Yaml(new SafeConstructor(options)).composeAll(new StringReader(text))) {
                docs.add(n);
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            int col = e.getProblemMark() == null ? 0 : e.getProblemMark().getColumn() + 1;
            f.problems.add(Problem.of(file, line, col, Lang.pick("YAML 格式错误：", "YAML syntax: ") + e.getProblem()
                    + Lang.pick("（检查缩进、冒号后的空格和引号是否成对）", " (check the indentation, the space after each colon and that quotes pair up)")));
            return f;
        } catch (YAMLException e) {
            f.problem(0, 0, "YAML 格式错误：" + e.getMessage(), "YAML syntax: " + e.getMessage());
            return f;
        }
        if (docs.size() > 1) {
            Node second = docs.get(1);
            f.problem(second.getStartMark().getLine() + 1, 0, "文件里有第二个 YAML 文档（---）；一个规则文件只能有一个",
                    "a second YAML document (---) in the file; a rule file holds one");
        }
        if (docs.isEmpty()) {
            f.problem(0, 0, "规则文件是空的", "the rule file is empty");
            return f;
        }
        f.top(docs.get(0));
        return f;
    }

    private void top(Node root) {
        MappingNode m = mapping(root, "规则文件应以 define:、counters: 或 decisions: 开头",
                "a rule file is a mapping with define:, counters: and decisions:");
        if (m == null) {
            return;
        }
        for (NodeTuple t : entries(m, TOP_KEYS)) {
            String key = key(t);
            switch (key) {
                case "define" -> named(t.getValueNode(), defines, "define");
                case "counters" -> named(t.getValueNode(), counters, "counters");
                default -> decisions(t.getValueNode());
            }
        }
    }

    private void named(Node n, Map<String, Text> into, String what) {
        MappingNode m = mapping(n, what + ": 下应为 名字: 表达式", what + ": holds name: expression pairs");
        if (m == null) {
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NodeTuple t : m.getValue()) {
            String name = key(t);
            if (name == null) {
                continue;
            }
            if (!seen.add(name)) {
                problemAt(t.getKeyNode(), "'" + name + "' 定义了两次", "'" + name + "' is defined twice");
                continue;
            }
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*")) {
                problemAt(t.getKeyNode(), "名字 '" + name + "' 只能由字母、数字和下划线组成（可用 . 分段）",
                        "the name '" + name + "' may hold only letters, digits and _ (parts joined by .)");
                continue;
            }
            Text expr = scalar(t.getValueNode(), "'" + name + "' 的值应为一个表达式", "the value of '" + name + "' must be one expression");
            if (expr != null) {
                into.put(name, expr);
            }
        }
    }

    private void decisions(Node n) {
        MappingNode m = mapping(n, "decisions: 下应为 决定代码: 内容", "decisions: holds CODE: declaration pairs");
        if (m == null) {
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NodeTuple t : m.getValue()) {
            String code = key(t);
            if (code == null) {
                continue;
            }
            if (!seen.add(code)) {
                problemAt(t.getKeyNode(), "决定代码 " + code + " 出现了两次", "the decision code " + code + " appears twice");
                continue;
            }
            if (!code.matches("[A-Z][A-Z0-9_]*")) {
                problemAt(t.getKeyNode(), "决定代码 '" + code + "' 应为大写字母、数字和下划线（如 LOW_INCOME_TOP_UP）",
                        "the decision code '" + code + "' must be capital letters, digits and _ (such as LOW_INCOME_TOP_UP)");
                continue;
            }
            decision(code, t);
        }
    }

    private void decision(String code, NodeTuple entry) {
        MappingNode m = mapping(entry.getValueNode(), code + " 下应为 subject:、require: 等", code + " holds subject:, require: and so on");
        if (m == null) {
            return;
        }
        Text subject = null;
        Text citation = null;
        Text titleZh = null;
        Text titleEn = null;
        Text otherwiseEn = null;
        Text otherwiseZh = null;
        List<Text> onlyWhen = List.of();
        List<Text> candidates = List.of();
        List<Text> require = List.of();
        String result = null;
        Text amount = null;
        for (NodeTuple t : entries(m, DECISION_KEYS)) {
            String key = key(t);
            Node v = t.getValueNode();
            switch (key) {
                case "subject" -> subject = scalar(v, "subject: 应为 household、person、business、village 或 county",
                        "subject: must be household, person, business, village or county");
                case "citation" -> citation = scalar(v, "citation: 应为一段文字（条款出处）", "citation: must be text (the clause it rests on)");
                case "title" -> {
                    Text[] zhEn = bilingual(v);
                    titleZh = zhEn[0];
                    titleEn = zhEn[1];
                }
                case "otherwise" -> {
                    Text[] zhEn = bilingual(v);
                    otherwiseZh = zhEn[0];
                    otherwiseEn = zhEn[1];
                }
                case "only when" -> onlyWhen = expressions(v);
                case "candidates" -> candidates = expressions(v);
                case "require" -> require = expressions(v);
                default -> {
                    if (result != null) {
                        problemAt(t.getKeyNode(), "一个决定只能有 grant:、flag:、target: 之一", "a decision has one of grant:, flag: or target:, not several");
                    }
                    result = key;
                    Text value = scalar(v, key + ": 应为 yes 或一个金额表达式", key + ": must be yes or an amount expression");
                    if (value != null && !isYes(value.value())) {
                        if (key.equals("grant")) {
                            amount = value;
                        } else {
                            problemAt(v, key + ": 只能写 yes", key + ": takes only yes");
                        }
                    }
                }
            }
        }
        int line = entry.getKeyNode().getStartMark().getLine() + 1;
        if (subject == null) {
            problem(line, 0, code + " 缺少 subject:（household、person、business、village 或 county）",
                    code + " has no subject: (household, person, business, village or county)");
        }
        if (result == null) {
            problem(line, 0, code + " 缺少结果：写 grant:（金额）、flag: yes 或 target: yes",
                    code + " has no result: write grant: (an amount), flag: yes or target: yes");
        }
        decisions.add(new DecisionDecl(code, subject, citation, titleZh, titleEn, onlyWhen, otherwiseEn, otherwiseZh,
                candidates, require, result, amount, code, file, line));
    }

    static boolean isYes(String v) {
        return v.equals("yes") || v.equals("true") || v.equals("是");
    }

    private Text[] bilingual(Node v) {
        if (v instanceof MappingNode m) {
            Text zh = null;
            Text en = null;
            for (NodeTuple t : entries(m, Set.of("zh", "en"))) {
                Text s = scalar(t.getValueNode(), "应为一段文字", "expected text");
                if ("zh".equals(key(t))) {
                    zh = s;
                } else {
                    en = s;
                }
            }
            return new Text[] {zh, en};
        }
        Text s = scalar(v, "应为一段文字，或 {zh: ..., en: ...}", "expected text, or {zh: ..., en: ...}");
        return new Text[] {null, s};
    }

    private List<Text> expressions(Node v) {
        List<Text> out = new ArrayList<>();
        if (v instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                Text t = scalar(item, "列表的每一项应为一个表达式", "each item of the list must be one expression");
                if (t != null) {
                    out.add(t);
                }
            }
        } else {
            Text t = scalar(v, "应为一个表达式或表达式列表", "expected an expression or a list of expressions");
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private List<NodeTuple> entries(MappingNode m, Set<String> allowed) {
        List<NodeTuple> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NodeTuple t : m.getValue()) {
            String key = key(t);
            if (key == null) {
                continue;
            }
            if (!allowed.contains(key)) {
                String close = DidYouMean.closest(key, allowed);
                problemAt(t.getKeyNode(), "不认识的键 '" + key + "'" + (close != null ? "，是不是 '" + close + "'？" : "")
                                + "（可用：" + String.join("、", new java.util.TreeSet<>(allowed)) + "）",
                        "unknown key '" + key + "'" + (close != null ? "; did you mean '" + close + "'?" : "")
                                + " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                continue;
            }
            if (!seen.add(key)) {
                problemAt(t.getKeyNode(), "键 '" + key + "' 出现了两次", "the key '" + key + "' appears twice");
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private String key(NodeTuple t) {
        if (t.getKeyNode() instanceof ScalarNode s) {
            return s.getValue();
        }
        problemAt(t.getKeyNode(), "键应为一个名字", "a key must be a plain name");
        return null;
    }

    private MappingNode mapping(Node n, String zh, String en) {
        if (n instanceof MappingNode m) {
            if (n.getAnchor() != null) {
                problemAt(n, "不能使用 YAML 锚点和别名（& *）", "YAML anchors and aliases (& *) are not allowed");
            }
            return m;
        }
        problemAt(n, zh, en);
        return null;
    }

    private Text scalar(Node n, String zh, String en) {
        if (n instanceof ScalarNode s && n.getAnchor() == null) {
            int col = n.getStartMark().getColumn();
            DumperOptions.ScalarStyle style = s.getScalarStyle();
            if (style == DumperOptions.ScalarStyle.DOUBLE_QUOTED || style == DumperOptions.ScalarStyle.SINGLE_QUOTED) {
                col++;
            }
            int line = n.getStartMark().getLine() + 1;
            if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
                line++;
                col = 0;
            }
            return new Text(s.getValue(), line, col);
        }
        problemAt(n, zh, en);
        return null;
    }

    private void problemAt(Node n, String zh, String en) {
        problems.add(Problem.of(file, n.getStartMark().getLine() + 1, n.getStartMark().getColumn() + 1, Lang.pick(zh, en)));
    }

    private void problem(int line, int col, String zh, String en) {
        problems.add(Problem.of(file, line, col, Lang.pick(zh, en)));
    }
}
