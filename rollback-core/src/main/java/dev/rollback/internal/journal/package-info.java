/**
 * The journal's machinery: append-only JSON-lines files synced record by record, their in-memory twin, the lock
 * per plan and target, reading back a journal (a torn last line tolerated), and the plain-data JSON codec shared
 * with the reports.
 */
package dev.rollback.internal.journal;
