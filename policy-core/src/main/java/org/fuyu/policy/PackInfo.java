package org.fuyu.policy;

import java.util.List;
import org.fuyu.policy.packs.PackManifest;

/**
 * A pack as loaded into an engine.
 *
 * @param incomeLine the parameter the pack declares as the per-capita income line
 *     ({@code incomeLine:} in pack.yaml), or null
 */
public record PackInfo(String id, String version, String title, boolean trusted, String origin,
                       List<PackManifest.CodeInfo> codes, String incomeLine) {
}
