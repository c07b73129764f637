package dev.podkeeper.agent.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The report as one JSON document, written field by field: scripts rely on its shape. */
public final class DoctorJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DoctorJson() {}

  public static String write(DoctorReport report) {
    ObjectNode root = MAPPER.createObjectNode()
        .put("stack", report.stack())
        .put("file", report.file())
        .put("at", report.at().toString())
        .put("exitCode", report.exitCode());
    root.putObject("counts").put("fail", report.count(Verdict.FAIL)).put("warn", report.count(Verdict.WARN))
        .put("ok", report.count(Verdict.OK));
    ArrayNode findings = root.putArray("findings");
    for (Finding f : report.findings()) {
      ObjectNode node = findings.addObject()
          .put("check", f.check())
          .put("subject", f.subject())
          .put("verdict", f.verdict().word())
          .put("evidence", f.evidence())
          .put("fix", f.fix());
      ArrayNode details = node.putArray("details");
      f.details().forEach(details::add);
    }
    return write(root);
  }

  /** For a doctor that could not look: {@code {"exitCode": 2, "error": "..."}}. */
  public static String couldNotLook(String file, String error) {
    return write(MAPPER.createObjectNode().put("file", file).put("exitCode", DoctorReport.COULD_NOT_LOOK)
        .put("error", error));
  }

  private static String write(ObjectNode root) {
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }
}
