package dev.rollback.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The Immutables style of every Rollback value type; adapter modules apply it to their own value packages.
 *
 * <p>The generated implementation stays package-private and hidden behind the abstract type
 * ({@code overshadowImplementation}), so builders return {@code RollbackPlan}, never {@code ImmutableRollbackPlan},
 * and nothing generated leaks into what users type or see in JShell.
 *
 * <p>Of the annotations Immutables finds on the class path, only the JDK's source-retained
 * {@code javax.annotation.processing.Generated} goes on generated classes ({@code allowedClasspathAnnotations}), so
 * the class files a program compiles against carry no annotation of the processor's own, only the ones written in
 * the sources ({@code @Value.Immutable}, this style), whose types {@code value-annotations} brings to every user of
 * {@code rollback-core}: {@code javac -Xlint:all -Werror} fails on "Cannot find annotation method" when an
 * annotation's type is missing.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    depluralizeDictionary = {"criterion:criteria", "severity:severities", "recovery:recoveries", "analysis"},
    headerComments = false,
    allowedClasspathAnnotations = javax.annotation.processing.Generated.class,
    defaults = @Value.Immutable(copy = true))
public @interface ValueStyle {}
