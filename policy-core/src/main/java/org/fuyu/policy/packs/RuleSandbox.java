package org.fuyu.policy.packs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.fuyu.policy.Problem;

/**
 * The sandbox for rule files edited by people (directory packs): a static check of the DRL text
 * (and of the DRL generated from decision tables) before anything is compiled.
 *
 * <p>Allowed: imports of the fact types, Fuyu's rule helper types, {@code java.lang.Math},
 * {@code java.math.*}, {@code java.time.*} and a few immutable collection interfaces; the basic
 * {@code java.lang} value types. Rejected, with file and line: any other import or fully-qualified
 * name; the classes and methods that reach the file system, processes, threads, reflection,
 * class loaders, the network or the rule engine's own runtime; {@code global}s; {@code while} /
 * {@code do} loops, classic {@code for} loops and functions that call functions (code that may
 * never end); array creation; timers; unicode escapes and text blocks (which would let code hide
 * from this check). It is a static allow-list check, not a JVM security manager: packs on the
 * class path are trusted and not checked.
 */
final class RuleSandbox {
    /** Whole packages a rule may use. */
    static final List<String> ALLOWED_PACKAGES = List.of(
            "java.math.", "java.time.", "org.fuyu.policy.facts.", "org.fuyu.policy.evaluation.");
    /** Sub-packages of allowed packages that are not allowed (java.time.zone can change JVM-wide time zone rules). */
    private static final List<String> DENIED_PACKAGES = List.of("java.time.zone.", "java.time.chrono.");
    /** Pattern types that match a whole case (or any fact): a rule may have one of them. */
    private static final Set<String> CASE_TYPES = Set.of("HouseholdCase", "CountyCase", "CaseContext", "Object");
    /** Single classes a rule may use. */
    static final Set<String> ALLOWED_CLASSES = Set.of(
            "java.lang.Math", "java.lang.StrictMath", "java.lang.String", "java.lang.Long", "java.lang.Integer",
            "java.lang.Double", "java.lang.Boolean", "java.lang.Number", "java.lang.Character",
            "java.util.List", "java.util.Set", "java.util.Map", "java.util.Collection", "java.util.EnumSet",
            "java.util.Objects",
            "org.fuyu.policy.Criterion", "org.fuyu.policy.Decision", "org.fuyu.policy.Outcome",
            "org.fuyu.policy.SubjectType", "org.fuyu.policy.params.Param");
    /** First segments of fully-qualified names that must be on the allow-list. */
    private static final Set<String> ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io",
            "jakarta", "groovy", "kotlin", "scala", "lombok", "edu");
    /** Packages a directory pack's DRL may not declare (they would shadow or extend trusted code). */
    private static final List<String> RESERVED_PACKAGES = List.of("java", "javax", "jdk", "sun", "org.drools",
            "org.kie", "org.mvel2", "org.fuyu.policy");
    private static final Map<String, String> FORBIDDEN = new LinkedHashMap<>();

    static {
        String files = "the file system";
        String procs = "processes or the JVM";
        String threads = "threads";
        String reflection = "reflection";
        String loaders = "class loaders";
        String net = "the network";
        String engine = "the rule engine's runtime (other cases, the session)";
        for (String s : List.of("File", "Files", "Path", "Paths", "FileSystem", "FileSystems", "FileInputStream",
                "FileOutputStream", "FileReader", "FileWriter", "RandomAccessFile", "FileChannel", "PrintStream",
                "PrintWriter", "Scanner", "Console")) {
            FORBIDDEN.put(s, files);
        }
        for (String s : List.of("Runtime", "ProcessBuilder", "Process", "ProcessHandle", "System", "exec", "exit",
                "halt", "getRuntime", "getenv", "loadLibrary", "SecurityManager", "Shutdown", "addShutdownHook",
                "getInteger", "getLong", "getBoolean")) {
            FORBIDDEN.put(s, procs);
        }
        for (String s : List.of("Thread", "ThreadGroup", "ThreadLocal", "InheritableThreadLocal", "Executors",
                "ExecutorService", "Executor", "ForkJoinPool", "CompletableFuture", "Timer", "TimerTask", "synchronized",
                "wait", "notify", "notifyAll", "Runnable", "Callable")) {
            FORBIDDEN.put(s, threads);
        }
        for (String s : List.of("Class", "forName", "getClass", "getDeclaredMethod", "getDeclaredMethods",
                "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor", "getDeclaredConstructors", "getMethod",
                "getMethods", "getField", "getFields", "getConstructor", "getConstructors", "setAccessible", "invoke",
                "newInstance", "Method", "Field", "Constructor", "Proxy", "MethodHandles", "MethodHandle", "VarHandle",
                "Unsafe", "Module", "ModuleLayer", "StackWalker", "ClassValue", "Package", "declaredMethods",
                "declaredFields", "declaredConstructors", "ObjectInputStream", "ObjectOutputStream", "ScriptEngineManager",
                "ScriptEngine", "InitialContext", "MVEL", "finalize")) {
            FORBIDDEN.put(s, reflection);
        }
        for (String s : List.of("ClassLoader", "getClassLoader", "classLoader", "loadClass", "defineClass",
                "getContextClassLoader", "contextClassLoader", "URLClassLoader", "ServiceLoader", "getSystemClassLoader")) {
            FORBIDDEN.put(s, loaders);
        }
        for (String s : List.of("Socket", "ServerSocket", "DatagramSocket", "URL", "URI", "URLConnection",
                "HttpURLConnection", "HttpClient", "HttpRequest", "InetAddress", "InetSocketAddress", "SocketChannel")) {
            FORBIDDEN.put(s, net);
        }
        for (String s : List.of("getKieRuntime", "getKnowledgeRuntime", "kieRuntime", "knowledgeRuntime",
                "getKieBase", "getKnowledgeBase", "getWorkingMemory", "workingMemory", "getSession", "getEntryPoint",
                "getEntryPoints", "getChannels", "getGlobals", "setGlobal", "getEnvironment", "registerChannel",
                "getAgenda", "getKieSession")) {
            FORBIDDEN.put(s, engine);
        }
    }

    private RuleSandbox() {
    }

    /**
     * Checks one rule file's DRL.
     *
     * @param file where the text came from, for messages
     * @param drl the DRL (for a decision table: the DRL generated from it)
     * @param lineOf maps a line of {@code drl} to the line (or sheet row) to report
     */
    static List<Problem> check(String file, String drl, IntUnaryOperator lineOf) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Token> tokens = DrlLexer.lex(drl, (line, msg) -> add(problems, seen, file, lineOf.applyAsInt(line), msg));
        Set<String> functions = functionNames(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind != Kind.IDENT) {
                continue;
            }
            int line = lineOf.applyAsInt(t.line);
            Token prev = i > 0 ? tokens.get(i - 1) : null;
            boolean member = prev != null && prev.is(".");
            switch (t.text) {
                case "import" -> {
                    i = checkImport(tokens, i, file, lineOf, problems, seen);
                    continue;
                }
                case "package" -> {
                    if (!member) {
                        QName q = qualifiedName(tokens, i + 1);
                        for (String reserved : RESERVED_PACKAGES) {
                            if (q.name.equals(reserved) || q.name.startsWith(reserved + ".") && !q.name.startsWith("org.fuyu.policy.rules.")) {
                                add(problems, seen, file, line, "package " + q.name + " is reserved; use your own, e.g. org.fuyu.policy.rules.mypack");
                            }
                        }
                        i = q.end - 1;
                        continue;
                    }
                }
                case "global" -> {
                    if (!member) {
                        add(problems, seen, file, line, "'global' is not allowed in an edited pack: the engine sets no globals; read parameters with $c.param(\"name\")");
                    }
                }
                case "while", "do", "until" -> add(problems, seen, file, line, "'" + t.text
                        + "' loops are not allowed in an edited pack (a loop that never ends would stop the whole batch); use for (X x : list)");
                case "for" -> checkFor(tokens, i, file, line, problems, seen);
                case "when" -> {
                    if (!member) {
                        checkOneCasePerRule(tokens, i, file, lineOf, problems, seen);
                    }
                }
                case "query" -> {
                    if (!member) {
                        add(problems, seen, file, line, "'query' is not allowed in an edited pack: rules decide cases; nothing runs queries");
                    }
                }
                case "timer", "calendars" -> add(problems, seen, file, line, "'" + t.text
                        + "' is not allowed in an edited pack: rules are evaluated as of a case date, never on a timer");
                case "new" -> {
                    QName q = qualifiedName(tokens, i + 1);
                    if (q.end < tokens.size() && tokens.get(q.end).is("[")) {
                        add(problems, seen, file, line, "creating arrays (new " + q.name + "[...]) is not allowed in an edited pack");
                    }
                }
                case "class" -> {
                    if (member) {
                        add(problems, seen, file, line, "'.class' is not allowed in an edited pack (it reaches reflection)");
                    }
                }
                default -> {
                }
            }
            String why = FORBIDDEN.get(t.text);
            if (why != null) {
                add(problems, seen, file, line, "'" + t.text + "' is not allowed in an edited pack: it reaches " + why);
                continue;
            }
            if (!member && ROOTS.contains(t.text) && i + 1 < tokens.size() && tokens.get(i + 1).is(".")) {
                QName q = qualifiedName(tokens, i);
                if (!allowedName(q.name, ownPackage(tokens))) {
                    add(problems, seen, file, line, "'" + q.name + "' is not allowed in an edited pack: only fact types, "
                            + "Fuyu's rule helpers, java.lang.Math, java.math and java.time may be used");
                }
                i = q.end - 1;
            }
        }
        checkFunctions(tokens, functions, file, lineOf, problems, seen);
        return problems;
    }

    private static int checkImport(List<Token> tokens, int i, String file, IntUnaryOperator lineOf,
                                   List<Problem> problems, Set<String> seen) {
        int line = lineOf.applyAsInt(tokens.get(i).line);
        int j = i + 1;
        String kind = "";
        while (j < tokens.size() && tokens.get(j).kind == Kind.IDENT
                && (tokens.get(j).is("static") || tokens.get(j).is("function") || tokens.get(j).is("accumulate"))) {
            kind = tokens.get(j).text;
            j++;
        }
        QName q = qualifiedName(tokens, j);
        String name = q.name;
        int end = q.end;
        if (end < tokens.size() - 1 && tokens.get(end).is(".") && tokens.get(end + 1).is("*")) {
            end += 2;
        }
        if (kind.equals("accumulate")) {
            add(problems, seen, file, line, "'import accumulate " + name + "' is not allowed in an edited pack: use the built-in accumulate functions (sum, count, min, max, average, collectList)");
        } else if (name.isEmpty()) {
            add(problems, seen, file, line, "an import needs a class name");
        } else {
            String cls = kind.isEmpty() ? name : name.substring(0, Math.max(0, name.lastIndexOf('.')));
            boolean wildcard = end == q.end + 2;
            boolean ok = wildcard && kind.isEmpty() ? allowedPackage(name + ".") || ALLOWED_CLASSES.contains(name)
                    : allowedName(cls, null) || allowedName(name, null);
            if (!ok) {
                add(problems, seen, file, line, "import " + (kind.isEmpty() ? "" : kind + " ") + name + (wildcard ? ".*" : "")
                        + " is not allowed in an edited pack: only fact types (org.fuyu.policy.facts), Fuyu's rule helpers "
                        + "(org.fuyu.policy.evaluation), java.lang.Math, java.math.* and java.time.* may be imported");
            }
        }
        return end - 1;
    }

    /**
     * A batch holds many cases in one session: a rule that matched two case facts (or any fact,
     * with {@code Object()}) would read or decide about other households. Children are reached
     * with {@code from $c.getMembers()}, {@code from $k.getVillages()}.
     */
    private static void checkOneCasePerRule(List<Token> tokens, int when, String file, IntUnaryOperator lineOf,
                                            List<Problem> problems, Set<String> seen) {
        int count = 0;
        for (int j = when + 1; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.kind == Kind.IDENT && t.is("then") && !tokens.get(j - 1).is(".")) {
                return;
            }
            if (t.kind == Kind.IDENT && CASE_TYPES.contains(t.text) && j + 1 < tokens.size() && tokens.get(j + 1).is("(")
                    && !tokens.get(j - 1).is(".") && !tokens.get(j - 1).is("new") && ++count > 1) {
                add(problems, seen, file, lineOf.applyAsInt(t.line), "matching a second case is not allowed in an edited pack"
                        + " (one HouseholdCase or CountyCase pattern per rule, no Object()): a batch holds many households;"
                        + " reach members, businesses and villages with 'from $c.getMembers()'");
            }
        }
    }

    private static void checkFor(List<Token> tokens, int i, String file, int line, List<Problem> problems, Set<String> seen) {
        if (i + 1 >= tokens.size() || !tokens.get(i + 1).is("(")) {
            return;
        }
        int depth = 0;
        boolean colon = false;
        boolean semicolon = false;
        for (int j = i + 1; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                if (--depth == 0) {
                    break;
                }
            } else if (depth == 1 && t.is(":")) {
                colon = true;
            } else if (depth == 1 && t.is(";")) {
                semicolon = true;
            }
        }
        if (!colon || semicolon) {
            add(problems, seen, file, line, "counting 'for' loops are not allowed in an edited pack (a loop that never ends"
                    + " would stop the whole batch); use for (X x : list)");
        }
    }

    /** Functions may not call functions of the pack: recursion (direct or not) could never end. */
    private static void checkFunctions(List<Token> tokens, Set<String> functions, String file, IntUnaryOperator lineOf,
                                       List<Problem> problems, Set<String> seen) {
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).is("function") || tokens.get(i).kind != Kind.IDENT || i > 0 && tokens.get(i - 1).is("import")) {
                continue;
            }
            int j = i + 1;
            while (j < tokens.size() && !tokens.get(j).is("{")) {
                j++;
            }
            int depth = 0;
            for (; j < tokens.size(); j++) {
                Token t = tokens.get(j);
                if (t.is("{")) {
                    depth++;
                } else if (t.is("}")) {
                    if (--depth == 0) {
                        break;
                    }
                } else if (t.kind == Kind.IDENT && functions.contains(t.text) && j + 1 < tokens.size()
                        && tokens.get(j + 1).is("(") && !tokens.get(j - 1).is(".")) {
                    add(problems, seen, file, lineOf.applyAsInt(t.line), "function calls function '" + t.text
                            + "': functions may not call functions in an edited pack (recursion could never end)");
                }
            }
            i = j;
        }
    }

    private static Set<String> functionNames(List<Token> tokens) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("function") && (i == 0 || !tokens.get(i - 1).is("import"))) {
                for (int j = i + 1; j + 1 < tokens.size(); j++) {
                    if (tokens.get(j + 1).is("(") && tokens.get(j).kind == Kind.IDENT) {
                        names.add(tokens.get(j).text);
                        break;
                    }
                    if (tokens.get(j).is("{")) {
                        break;
                    }
                }
            }
        }
        return names;
    }

    private static String ownPackage(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("package") && tokens.get(i).kind == Kind.IDENT) {
                return qualifiedName(tokens, i + 1).name;
            }
        }
        return null;
    }

    private static boolean allowedName(String name, String ownPackage) {
        if (ownPackage != null && !ownPackage.isEmpty() && name.startsWith(ownPackage + ".")) {
            return true;
        }
        if (allowedPackage(name)) {
            return true;
        }
        for (String c : ALLOWED_CLASSES) {
            if (name.equals(c) || name.startsWith(c + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowedPackage(String name) {
        for (String p : DENIED_PACKAGES) {
            if (name.startsWith(p) || name.equals(p.substring(0, p.length() - 1))) {
                return false;
            }
        }
        for (String p : ALLOWED_PACKAGES) {
            if (name.startsWith(p) || name.equals(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private record QName(String name, int end) {
    }

    private static QName qualifiedName(List<Token> tokens, int start) {
        StringBuilder sb = new StringBuilder();
        int j = start;
        while (j < tokens.size() && tokens.get(j).kind == Kind.IDENT) {
            sb.append(tokens.get(j).text);
            j++;
            if (j + 1 < tokens.size() && tokens.get(j).is(".") && tokens.get(j + 1).kind == Kind.IDENT) {
                sb.append('.');
                j++;
            } else {
                break;
            }
        }
        return new QName(sb.toString(), j);
    }

    /** One problem per line: the first thing on it the sandbox refuses. */
    private static void add(List<Problem> problems, Set<String> seen, String file, int line, String message) {
        if (seen.add(file + ":" + line)) {
            problems.add(Problem.of(file, line, message));
        }
    }

    enum Kind { IDENT, STRING, NUMBER, PUNCT }

    record Token(Kind kind, String text, int line) {
        boolean is(String s) {
            return text.equals(s);
        }
    }

    /**
     * Splits DRL into tokens, skipping comments and keeping string literals as single tokens.
     * Unicode escapes and text blocks are reported: the Java compiler reads them differently from a
     * simple lexer, so they could hide code from the sandbox.
     */
    static final class DrlLexer {
        interface Reporter {
            void report(int line, String message);
        }

        static List<Token> lex(String s, Reporter reporter) {
            List<Token> out = new ArrayList<>();
            int line = 1;
            int n = s.length();
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < n && s.charAt(i + 1) == 'u') {
                    reporter.report(line, "unicode escapes (\\uXXXX) are not allowed in an edited pack; write the character itself");
                }
                if (c == '\n') {
                    line++;
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                    while (i < n && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                    i += 2;
                    while (i < n && !(s.charAt(i) == '*' && i + 1 < n && s.charAt(i + 1) == '/')) {
                        if (s.charAt(i) == '\n') {
                            line++;
                        }
                        if (s.charAt(i) == '\\' && i + 1 < n && s.charAt(i + 1) == 'u') {
                            reporter.report(line, "unicode escapes (\\uXXXX) are not allowed in an edited pack; write the character itself");
                        }
                        i++;
                    }
                    i += 2;
                } else if (c == '"' || c == '\'') {
                    if (c == '"' && s.startsWith("\"\"\"", i)) {
                        reporter.report(line, "text blocks (\"\"\") are not allowed in an edited pack");
                    }
                    int start = i;
                    int startLine = line;
                    i++;
                    while (i < n && s.charAt(i) != c && s.charAt(i) != '\n') { // a Java string ends on its line
                        if (s.charAt(i) == '\\' && i + 1 < n) {
                            if (s.charAt(i + 1) == 'u') {
                                reporter.report(line, "unicode escapes (\\uXXXX) are not allowed in an edited pack; write the character itself");
                            }
                            i++;
                        }
                        i++;
                    }
                    if (i < n && s.charAt(i) == c) {
                        i++;
                    }
                    out.add(new Token(Kind.STRING, s.substring(start, Math.min(i, n)), startLine));
                } else if (Character.isJavaIdentifierStart(c)) {
                    int start = i;
                    while (i < n && Character.isJavaIdentifierPart(s.charAt(i))) {
                        i++;
                    }
                    out.add(new Token(Kind.IDENT, s.substring(start, i), line));
                } else if (Character.isDigit(c)) {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                    out.add(new Token(Kind.NUMBER, s.substring(start, i), line));
                } else {
                    if (c == '\\') {
                        reporter.report(line, "a backslash outside a string is not allowed in an edited pack"
                                + " (in a decision table, put quotes in the column's code, not in the cell)");
                    }
                    out.add(new Token(Kind.PUNCT, String.valueOf(c), line));
                    i++;
                }
            }
            return out;
        }
    }
}
