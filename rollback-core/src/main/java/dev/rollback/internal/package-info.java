/**
 * Rollback's engine room: plan checking, canonical form and hashing, rendering. Not an API: anything here may
 * change without notice.
 */
package dev.rollback.internal;
