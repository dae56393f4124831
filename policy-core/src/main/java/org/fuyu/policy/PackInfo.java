package org.fuyu.policy;

import java.util.List;
import org.fuyu.policy.packs.PackManifest;

/** A pack as loaded into an engine. */
public record PackInfo(String id, String version, String title, boolean trusted, String origin,
                       List<PackManifest.CodeInfo> codes) {
}
