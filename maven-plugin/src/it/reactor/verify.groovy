import groovy.json.JsonSlurper

def text = { String path -> new File(basedir, path).text }
def build = text('build.log')

// Run 1: both modules reported, the merged SARIF written, one failure at the end naming both.
assert build =~ /core\/src\/main\/java\/com\/acme\/core\/Connections\.java:9:\d+: \[ExecutorNeverShutdown\]/
assert build =~ /billing\/src\/main\/java\/com\/acme\/billing\/Invoicer\.java:11:\d+: \[ForcedTermination\]/
assert build.contains('shutdown-check: core has findings that fail the build; it fails once the other modules are reported')
assert build.contains('shutdown-check: 2 findings at WARNING or above (ExecutorNeverShutdown: 1, ForcedTermination: 1):')
assert build.contains('shutdown-check: no Java sources in docs, skipped')

// Run 2 (-T 2): the same with modules built side by side (each run's log starts with Maven's
// "Scanning for projects"; runs 1 and 2 are not quiet).
def parallel = build.split('Scanning for projects')[2]
assert parallel =~ /core\/src\/main\/java\/com\/acme\/core\/Connections\.java:9:\d+: \[ExecutorNeverShutdown\]/ : parallel
assert parallel =~ /billing\/src\/main\/java\/com\/acme\/billing\/Invoicer\.java:11:\d+: \[ForcedTermination\]/ : parallel
assert parallel.contains('core has findings that fail the build; it fails once the other modules are reported') : parallel
assert parallel.contains("merged SARIF of the build's modules written") : parallel
assert parallel.contains('BUILD FAILURE') : parallel
assert parallel.contains('shutdown-check: 2 findings at WARNING or above (ExecutorNeverShutdown: 1, ForcedTermination: 1):') : parallel

// Run 3: a baseline per module with sources; none for docs or the aggregator.
['core', 'billing'].each { module ->
  def baseline = new JsonSlurper().parse(new File(basedir, "${module}/shutdown-check-baseline.json"))
  assert baseline.findings.size() == 1 : module
}
assert !new File(basedir, 'docs/shutdown-check-baseline.json').exists()
assert !new File(basedir, 'shutdown-check-baseline.json').exists()

// Run 4 passed (invoker checked). Its baselined findings are counted, not printed, and suppressed in SARIF.
assert build.contains('shutdown-check: 1 finding in the baseline, not shown')

// Run 5 (-q): the new mistake fails the build and the failure names its file and line.
assert build =~ /billing\/src\/extra\/java\/com\/acme\/billing\/Reminders\.java:5:\d+: \[ForcedTermination\]/
assert build.contains('shutdown-check: 1 finding at WARNING or above (ForcedTermination: 1):')

// Run 7: the goal alone, after clean, resolved core from the reactor and reported both modules.
assert !build.contains('Could not resolve dependencies')
def goalOnly = ['core', 'billing'].collect { module ->
  new JsonSlurper().parse(new File(basedir, "${module}/target/goal-only.sarif")).runs[0].results*.ruleId
}
assert goalOnly == [['ExecutorNeverShutdown'], ['ForcedTermination']] : goalOnly
// Runs 8 and 9: one file holds both modules' findings, and verify passed with it (invoker checked).
def whole = new JsonSlurper().parse(new File(basedir, 'whole-build-baseline.json'))
def paths = whole.findings*.path
assert paths.size() == 2 : paths
assert paths.any { it.endsWith('core/src/main/java/com/acme/core/Connections.java') } : paths
assert paths.any { it.endsWith('billing/src/main/java/com/acme/billing/Invoicer.java') } : paths
assert build.contains('shutdown-check: baseline of 1 findings of billing written to')
assert build.contains('(2 with the modules before it)')
def merged = new JsonSlurper().parse(new File(basedir, 'target/shutdown-check-merged.sarif')).runs[0].results
assert merged*.ruleId.sort() == ['ExecutorNeverShutdown', 'ForcedTermination'] : merged*.ruleId
assert merged.every { it.suppressions != null } : 'run 9 accepted both findings'
true
