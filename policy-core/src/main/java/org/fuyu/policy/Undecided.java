package org.fuyu.policy;

/**
 * A decision a case did not get because a parameter it reads has no value in force on the
 * case's date (e.g. a new benefit whose amount starts next year). Only the decisions that read
 * the parameter are lost; every other decision of the case is made as usual.
 *
 * @param pack the pack of the code
 * @param code the decision code not decided
 * @param parameter the parameter without a value on {@code asOf}
 * @param message why, in Chinese and English, with the date the parameter's first value starts
 */
public record Undecided(String pack, String code, String parameter, String message) {
}
