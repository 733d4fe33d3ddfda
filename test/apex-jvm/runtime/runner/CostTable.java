package runner;

import apex.CaptureConfigSelector;
import apex.Capture_Setting__mdt;
import apex.IntelligenceEngine;
import apex.Intelligence_Rule__mdt;
import apex.RegexCost;
import apex.RegexCostTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import rt.ApexList;
import rt.ApexMap;
import rt.Json;

/**
 * The estimates RegexCostTable precomputes: builds the rule set from the project's shipped rule records with no pack,
 * with each pack alone and with every pack (the translated IntelligenceEngine, the precomputed table emptied so
 * every estimate is computed), takes every pattern source the build estimated (the Regex rules and the
 * Keyword/Phrase alternations) and estimates each at every WINDOW_LADDER length and at the lengths the build
 * asked for. Prints one JSON object: source → {length → estimate as a plain decimal}, sorted.
 * Usage: CostTable <metadata-records.json>
 */
public final class CostTable {
  private CostTable() {}

  public static void main(String[] args) throws Exception {
    RunnerSupport.loadMetadataRecords(Path.of(args[0]));
    RegexCostTable.ESTIMATES.clear();
    CaptureConfigSelector.mockRules = null;
    ApexList<Intelligence_Rule__mdt> rules = CaptureConfigSelector.getRules();
    TreeSet<String> packs = new TreeSet<>();
    for (Intelligence_Rule__mdt rule : rules) {
      if (rule.Pack__c != null && !rule.Pack__c.isBlank()) packs.add(rule.Pack__c.trim());
    }
    List<String> variants = new ArrayList<>();
    variants.add(null);
    variants.addAll(packs);
    if (packs.size() > 1) variants.add(String.join(",", packs));
    for (String variant : variants) {
      Capture_Setting__mdt settings = CaptureConfigSelector.getSettings();
      settings.Rule_Packs__c = variant;
      new IntelligenceEngine(settings, rules);
    }
    TreeMap<String, Object> table = new TreeMap<>();
    TreeSet<String> sources = new TreeSet<>();
    RegexCost.ESTIMATES.keySet().forEach(sources::add);
    for (String source : sources) {
      TreeSet<Integer> lengths = new TreeSet<>();
      RegexCost.ESTIMATES.get(source).keySet().forEach(lengths::add);
      RegexCost.WINDOW_LADDER.forEach(lengths::add);
      ApexMap<String, Object> byLength = new ApexMap<>();
      for (Integer length : lengths.descendingSet()) {
        byLength.put(String.valueOf(length), new BigDecimal(Double.toString(RegexCost.estimate(source, length))).toPlainString());
      }
      table.put(source, byLength);
    }
    ApexMap<String, Object> out = new ApexMap<>();
    for (String source : table.keySet()) out.put(source, table.get(source));
    System.out.println(Json.serialize(out));
  }
}
