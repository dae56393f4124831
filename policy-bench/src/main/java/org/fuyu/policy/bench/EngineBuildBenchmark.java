package org.fuyu.policy.bench;

import java.util.concurrent.TimeUnit;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.RulePacks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cold build of an engine of the five shipped packs: each fork is a new JVM that builds one
 * engine, once (single shot, no warm-up), so the figure includes loading the packs and Drools'
 * classes, as the first build of a command does. {@code precompiled=true} builds the KieBase from
 * the executable model compiled with the jar; {@code false} compiles the rule files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class EngineBuildBenchmark {
    @Param({"true", "false"})
    public boolean precompiled;

    @Benchmark
    public PolicyEngine coldBuild() {
        return PolicyEngine.builder().addPacks(RulePacks.fromClasspath()).precompiled(precompiled).build();
    }
}
