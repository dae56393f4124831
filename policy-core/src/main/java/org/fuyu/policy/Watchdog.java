package org.fuyu.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time budget of evaluations: one daemon thread watches every running batch or case, and one
 * that runs past its budget is stopped where it is — whatever holds it, a rule that loops or a
 * consequence that never returns — so the rest of the run goes on. Stopping uses
 * {@link Thread#stop()}, which Java 17 (the runtime Fuyu targets) still performs; where a JVM
 * refuses it, the evaluation is left to finish and the refusal is logged once.
 */
final class Watchdog {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    static final Watchdog INSTANCE = new Watchdog();

    /** One evaluation being watched. */
    static final class Ticket implements AutoCloseable {
        final Thread thread = Thread.currentThread();
        final long deadline;
        volatile boolean expired;
        volatile String runningRule;
        private volatile boolean closed;

        private Ticket(long budgetNanos) {
            this.deadline = System.nanoTime() + budgetNanos;
        }

        @Override
        public void close() {
            finish();
        }

        /**
         * Ends the watch. After a stop was sent, waits a moment so that the stop lands here, where the
         * caller expects it, and not later in unrelated code.
         */
        void finish() {
            synchronized (this) {
                closed = true;
            }
            INSTANCE.running.remove(this);
            if (expired) {
                try {
                    Thread.sleep(5);
                } catch (ThreadDeath | InterruptedException late) {
                    // the stop that was meant for the evaluation
                }
            }
        }
    }

    private final Map<Ticket, Boolean> running = new ConcurrentHashMap<>();
    private volatile boolean stopRefused;

    private Watchdog() {
        Thread t = new Thread(this::watch, "fuyu-time-budget");
        t.setDaemon(true);
        t.start();
    }

    Ticket start(long budgetNanos) {
        Ticket t = new Ticket(budgetNanos);
        running.put(t, Boolean.TRUE);
        return t;
    }

    private void watch() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(50);
                long now = System.nanoTime();
                for (Ticket t : running.keySet()) {
                    if (!t.closed && !t.expired && now - t.deadline > 0) {
                        t.runningRule = runningRule(t.thread.getStackTrace());
                        t.expired = true;
                        stop(t);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("time budget watchdog: {}", e.toString());
            }
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void stop(Ticket t) {
        synchronized (t) {
            if (t.closed) {
                return;
            }
            stopThread(t);
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void stopThread(Ticket t) {
        try {
            t.thread.stop();
        } catch (UnsupportedOperationException | SecurityException e) {
            if (!stopRefused) {
                stopRefused = true;
                LOG.warn("this JVM refuses to stop an evaluation past its time budget ({}); it is left to finish", e.toString());
            }
        }
    }

    /** The rule whose consequence or constraint the thread is in, from the names of Drools' generated classes. */
    static String runningRule(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            String cls = e.getClassName();
            int i = cls.lastIndexOf(".Rule_");
            if (i >= 0) {
                String name = cls.substring(i + 6);
                int cut = name.indexOf("DefaultConsequenceInvoker");
                if (cut > 0) {
                    name = name.substring(0, cut);
                }
                return cls.substring(0, i) + "." + name.replaceAll("_?[0-9a-f]{32,}$", "").replaceAll("[0-9]+$", "");
            }
        }
        for (StackTraceElement e : stack) {
            String cls = e.getClassName();
            if (cls.contains(".fuyu.rules.") || cls.startsWith("fuyu.rules.")) {
                return cls;
            }
        }
        return null;
    }
}
