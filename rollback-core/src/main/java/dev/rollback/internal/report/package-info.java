/** Renders run reports and previews as Markdown incident reports and as JSON. */
package dev.rollback.internal.report;
