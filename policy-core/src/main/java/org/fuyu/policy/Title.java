package org.fuyu.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A title a person reads, in Chinese and in English: {@code {zh: 低收入农户收入补差, en: Top-up to
 * the low-income line}} in {@code pack.yaml}. A plain text is accepted too (older packs) and then
 * serves both languages.
 */
public record Title(String zh, String en) {

    @JsonCreator
    public Title(@JsonProperty(value = "zh", required = true) String zh,
                 @JsonProperty(value = "en", required = true) String en) {
        this.zh = Objects.requireNonNull(zh, "zh").strip();
        this.en = Objects.requireNonNull(en, "en").strip();
    }

    /** One text for both languages. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Title of(String both) {
        return new Title(both, both);
    }

    /** The title in the current language ({@link Lang#current()}). */
    public String text() {
        return in(Lang.current());
    }

    /** The title in {@code lang}. */
    public String in(Lang lang) {
        return lang == Lang.ZH ? zh : en;
    }
}
