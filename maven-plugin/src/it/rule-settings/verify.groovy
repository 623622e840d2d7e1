import groovy.json.JsonSlurper

def results = new JsonSlurper().parse(new File(basedir, 'target/shutdown-check.sarif')).runs[0].results
assert !results.any { it.ruleId == 'ForcedTermination' } : 'ForcedTermination is OFF'
assert results.find { it.ruleId == 'ShutdownWithoutAwaitTermination' }.level == 'error'
assert results.find { it.ruleId == 'ExitInShutdownHook' }.level == 'error'
assert results.find { it.ruleId == 'ExecutorNeverShutdown' }.level == 'warning'

def build = new File(basedir, 'build.log').text
// Rules added later may bring errors of their own: check the two this configuration makes.
assert build =~ /shutdown-check: \d+ findings at ERROR or above \(.*ExitInShutdownHook: 1.*ShutdownWithoutAwaitTermination: 1.*\)/
assert !(build =~ /at ERROR or above \(.*(ForcedTermination|ExecutorNeverShutdown)/)
assert build.contains('shutdown-check: skipped (shutdowncheck.skip)')
true
