package org.fuyu.policy.io;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fuyu.policy.Lang;

/**
 * The Chinese of a record error: in Chinese ({@link Lang#ZH}) a message is written
 * {@code 中文 / English}, the way the messages of the input checks already are; in English it is
 * left as it is. The messages are made in English where the record is checked; each template
 * below turns one of them into Chinese, with the values it names. A message that already holds
 * Chinese, or that no template knows, is left as it is.
 */
final class RecordMessages {
    private record Template(Pattern en, String zh) {
    }

    private static final List<Template> TEMPLATES = List.of(
            t("required field is missing", "缺少必填字段"),
            t("must not be empty", "不能为空"),
            t("must not be null", "不能为 null"),
            t("expected a whole number of yuan ≥ 0, got (.+)", "应为不小于 0 的整数金额（元），实际为 $1"),
            t("expected a count ≥ 0, got (.+)", "应为不小于 0 的整数，实际为 $1"),
            t("expected an age 0–120, got (.+)", "年龄应在 0 到 120 之间，实际为 $1"),
            t("expected an area ≥ 0 mu, got (.+)", "面积应不小于 0 亩，实际为 $1"),
            t("expected at least one member, got an empty list", "至少应有一名家庭成员，实际为空列表"),
            t("expected at most (\\d+) members, got (.+)", "家庭成员最多 $1 人，实际为 $2"),
            t("expected a member id unique in the household, got a second '(.+)'", "户内成员编号应唯一，'$1' 出现了第二次"),
            t("unknown field '(.+?)'; expected one of (.+)", "未知字段 '$1'；可用字段：$2"),
            t("expected a whole number \\(digits only: no decimal point, fraction or exponent\\), got a number written with one",
                    "应为整数（只写数字，不带小数点、分数或指数），实际写了小数或指数"),
            t("expected a whole number, got (.+) \\(too large\\)", "应为整数，实际为 $1（太大）"),
            t("expected a whole number, got the text (.+) \\(write numbers and true/false without quotes\\)",
                    "应为整数，实际为文本 $1（数字和 true/false 不加引号）"),
            t("expected a number, got the text (.+) \\(write numbers and true/false without quotes\\)",
                    "应为数字，实际为文本 $1（数字和 true/false 不加引号）"),
            t("expected true or false, got the text (.+) \\(write numbers and true/false without quotes\\)",
                    "应为 true 或 false，实际为文本 $1（不加引号）"),
            t("expected one of (.+?), got (.+)", "应为以下之一：$1；实际为 $2"),
            t("expected (.+?), got (.+)", "应为 $1，实际为 $2"),
            t("duplicate household id '(.+?)' \\(already read earlier in this file\\)", "农户编号 '$1' 重复（本文件前面已读到）"),
            t("duplicate (\\w+) id '(.+?)'(.*)", "编号 '$2' 重复$3"),
            t("household '(.+?)' is not among the evaluated households(.*)", "农户 '$1' 不在已评估的农户中$2"),
            t("its household '(.+?)' could not be evaluated", "所属农户 '$1' 未能评估"),
            t("evaluation failed: (.*)", "评估失败：$1"),
            t("line longer than (\\d+) bytes; expected one JSON object per line", "一行超过 $1 字节；每行应为一个 JSON 对象"),
            t("not valid JSON: the record ends before its closing bracket", "不是有效的 JSON：记录在右括号之前就结束了"),
            t("not valid JSON: unexpected '(.+)' \\(text values need double quotes\\)", "不是有效的 JSON：意外的 '$1'（文本值要加双引号）"),
            t("not valid JSON: text values and field names need double quotes \", not '",
                    "不是有效的 JSON：文本值和字段名要用双引号 \"，不能用 '"),
            t("not valid JSON: (.*)", "不是有效的 JSON：$1"));

    private RecordMessages() {
    }

    private static Template t(String en, String zh) {
        return new Template(Pattern.compile(en, Pattern.DOTALL), zh);
    }

    /** The message as the current language shows it. */
    static String localize(String message) {
        if (message == null || Lang.current() != Lang.ZH || hasChinese(message)) {
            return message;
        }
        String zh = zh(message);
        return zh == null ? message : zh + " / " + message;
    }

    /** The Chinese of an English message, or null when no template knows it. */
    static String zh(String en) {
        for (Template t : TEMPLATES) {
            Matcher m = t.en().matcher(en);
            if (m.matches()) {
                return m.replaceFirst(t.zh().replace("\"", "\\\""));
            }
        }
        return null;
    }

    private static boolean hasChinese(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
