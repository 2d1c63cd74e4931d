/** JMH benchmarks of Rollback; run them with {@code java -jar benchmarks/target/benchmarks.jar}. */
package dev.rollback.benchmarks;
