/**
 * What-if reforms: a reform file ({@link org.fuyu.policy.reform.ReformFiles}) lays parameter
 * overrides and optionally rule packs over the baseline from an effective date;
 * {@link org.fuyu.policy.reform.ReformComparison} evaluates one population under the baseline and
 * the reform in one pass and reports who gains, who loses, what it costs and which targets flip.
 */
package org.fuyu.policy.reform;
