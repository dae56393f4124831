package org.fuyu.policy;

import java.util.Locale;

/**
 * The language of messages a person reads: Chinese or English. The default follows the system
 * locale (Chinese for any {@code zh} locale, English otherwise); the CLI's {@code --lang} sets it.
 */
public enum Lang {
    ZH, EN;

    private static volatile Lang current = fromLocale(Locale.getDefault());

    public static Lang current() {
        return current;
    }

    public static void set(Lang lang) {
        current = lang;
    }

    public static Lang fromLocale(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? ZH : EN;
    }

    /** {@code zh} or {@code en}, by the current language. */
    public static String pick(String zh, String en) {
        return current == ZH ? zh : en;
    }
}
