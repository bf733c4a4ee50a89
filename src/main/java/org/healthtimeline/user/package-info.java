/** People (users), their profiles, and the API tokens that act for them. */
package org.healthtimeline.user;
