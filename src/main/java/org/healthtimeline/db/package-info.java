/**
 * Where the data lives: the embedded or external PostgreSQL, the connection pool, Flyway migrations and
 * the one transaction helper.
 */
package org.healthtimeline.db;
