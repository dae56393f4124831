package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.Lang;
import org.fuyu.policy.facts.Household;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record errors in Chinese first, English too, when the language is Chinese; English alone otherwise. */
class RecordMessagesTest {
    @TempDir
    Path dir;

    @AfterEach
    void english() {
        Lang.set(Lang.EN);
    }

    private List<RecordError> read(String jsonl) throws Exception {
        Path f = dir.resolve("households.jsonl");
        Files.writeString(f, jsonl, StandardCharsets.UTF_8);
        List<RecordError> bad = new ArrayList<>();
        new FactReader<>(Household.class).read(f, ok -> { }, bad::add);
        return bad;
    }

    private static final String RECORDS = """
            {"id":"H1","villageId":"V1","members":[{"id":"P1","age":130}],"income":{"wage":1,"operating":0,"property":0,"transfer":0}}
            {"id":"H2","villageId":"V1","members":[{"id":"P1","age":30}],"income":{"wage":-5,"operating":0,"property":0,"transfer":0}}
            {"id":"H3","villageId":"V1","members":[{"id":"P1","age":30}],"income":{"wage":"45","operating":0,"property":0,"transfer":0}}
            {"id":"H4","villageId":"V1","members":[{"id":"P1","age":30}],"incme":{}}
            {"id":"H5","villageId":"V1","members":[{"id":"P1","age":30}],"income":{"wage":1,"operating":0,"property":0,"transfer":0},"credit":{"rating":"AAAA"}}
            {"villageId":"V1","members":[{"id":"P1","age":30}],"income":{"wage":1,"operating":0,"property":0,"transfer":0}}
            """;

    @Test
    void inChineseEachMessageIsChineseThenEnglish() throws Exception {
        Lang.set(Lang.ZH);
        List<String> m = read(RECORDS).stream().map(RecordError::message).toList();
        assertThat(m).hasSize(6);
        assertThat(m.get(0)).isEqualTo("年龄应在 0 到 120 之间，实际为 130 / expected an age 0–120, got 130");
        assertThat(m.get(1)).isEqualTo("应为不小于 0 的整数金额（元），实际为 -5 / expected a whole number of yuan ≥ 0, got -5");
        assertThat(m.get(2)).startsWith("应为整数，实际为文本 \"45\"（数字和 true/false 不加引号） / expected a whole number, got the text");
        assertThat(m.get(3)).startsWith("未知字段 'incme'；可用字段：").contains("income").doesNotContain("[");
        assertThat(m.get(4)).startsWith("应为以下之一：AAA, AA, A, B, C, UNRATED；实际为 'AAAA'");
        assertThat(m.get(5)).isEqualTo("缺少必填字段 / required field is missing");
        // never Jackson's words
        assertThat(m).noneMatch(s -> s.contains("CoercionConfig") || s.contains("com.fasterxml") || s.contains("[Source"));
    }

    @Test
    void inEnglishTheMessagesStayEnglish() throws Exception {
        Lang.set(Lang.EN);
        List<String> m = read(RECORDS).stream().map(RecordError::message).toList();
        assertThat(m.get(0)).isEqualTo("expected an age 0–120, got 130");
        assertThat(m.get(4)).startsWith("expected one of AAA, AA, A, B, C, UNRATED, got 'AAAA'");
        assertThat(m).noneMatch(s -> s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
    }

    @Test
    void aMessageThatIsAlreadyChineseIsKept() {
        Lang.set(Lang.ZH);
        String both = "不是有效的 UTF-8 / not valid UTF-8 at byte 3";
        assertThat(new RecordError("f", 1, "", both).message()).isEqualTo(both);
        assertThat(new RecordError("f", 1, "", "something no template knows").message()).isEqualTo("something no template knows");
    }
}
