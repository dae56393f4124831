package org.fuyu.policy.server;

/**
 * A request the server answers with an error status and a plain message in Chinese and English
 * that says what to do next. Never carries a stack trace to the client.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String zh;
    private final String en;

    ApiException(int status, String zh, String en) {
        super(en, null, false, false);
        this.status = status;
        this.zh = zh;
        this.en = en;
    }

    int status() {
        return status;
    }

    /** The answer body: Chinese, then English, one line each. */
    String body() {
        return zh + "\n" + en + "\n";
    }

    static ApiException badRequest(String zh, String en) {
        return new ApiException(400, zh, en);
    }
}
