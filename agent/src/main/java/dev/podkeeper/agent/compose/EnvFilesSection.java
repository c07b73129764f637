package dev.podkeeper.agent.compose;

import dev.podkeeper.model.write.DocNode;
import dev.podkeeper.model.write.DocNode.Mapping;
import java.util.Map;

/**
 * The env files that hold what a compose service passed as secret-looking {@code environment}: written by
 * podkeeper (mode 0600), each value read at apply time from a file of its own unless secrets were included.
 */
final class EnvFilesSection {
  private EnvFilesSection() {}

  static String secretsName(String service) {
    return service + "-secrets";
  }

  static Mapping entry(String stack, String service, Map<String, String> secrets) {
    String directory = "/etc/podkeeper/" + stack;
    Mapping file = new Mapping();
    file.put("path", directory + "/" + service + ".env");
    file.put("mode", "0600");
    Mapping values = new Mapping();
    secrets.forEach((key, value) -> {
      if (value == null) {
        Mapping fromFile = new Mapping();
        fromFile.put("fromFile", directory + "/secrets/" + service + "/" + key);
        values.put(key, fromFile).commentAfter("put the value in this file (it was in compose's environment)");
      } else {
        values.put(key, DocNode.text(value));
      }
    });
    file.put("values", values);
    return file;
  }
}
