// Each bad input failed its build (invoker checked that); each says what is wrong and the fix.
def build = new File(basedir, 'build.log').text
[
  "<rules> names an unknown rule 'ForcedTerminaton'; the rules are: ",
  "<options> has a malformed entry 'ShutdownCheck:ShutdownMethods'; expected Name=value",
  "the baseline ${new File(basedir, 'no-such-baseline.json')} does not exist; write one with 'mvn shutdown-check:baseline'",
  'shutdown-check (standalone mode) could not compile bad-input; fix these errors first',
  'incompatible types: String cannot be converted to int',
  "shutdown-check: -XepOpt:ShutdownCheck:ShutdownAnnotations has a malformed entry 'not-a-name'",
  "<mode> is 'sometimes'; expected auto, compiler or standalone",
  "shutdown-check: -XepOpt:ShutdownCheck:ShutdownMethodz is not a shutdown-check option; the options are",
].each { message -> assert build.contains(message) : "missing: ${message}" }
assert !basedir.list().any { it.startsWith('javac.') } : 'javac crash files belong under target/'
true

// The last run failed inside the analysis: its SARIF says so instead of claiming a clean module.
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/shutdown-check.sarif'))
def invocation = sarif.runs[0].invocations[0]
assert invocation.executionSuccessful == false
assert invocation.toolExecutionNotifications[0].level == 'error'
assert invocation.toolExecutionNotifications[0].message.text.contains("ShutdownCheck:ShutdownMethodz is not a shutdown-check option")
assert sarif.runs[0].results == []
true
