import groovy.json.JsonSlurper

def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
def original = new File(basedir, '../../../../test-fixtures/broken/src/main/java').canonicalFile
def build = new File(basedir, 'build.log').text

// Run 1 fixed something, and said what: one "fixed" line per applied fix.
def fixedLines = build.readLines().findAll { it =~ /^\[INFO\] fixed \S+\.java:\d+:\d+: \[[A-Za-z]+\] / }
assert !fixedLines.isEmpty() : 'the first fix run applied nothing'
assert build.contains('shutdown-check: applied ' + fixedLines.size() + ' fix')

// The rules whose findings carry a fix in the broken service's SARIF (standalone-broken) ...
def expected = lib.expected(original)
def fixedRules = fixedLines.collect { (it =~ /: \[([A-Za-z]+)\] /)[0][1] } as Set
assert fixedRules.every { rule -> expected.any { it.endsWith(':' + rule) } }

// Run 2: the fixed copy still compiles (check ran javac on it) and only findings without a fix remain.
def results = new JsonSlurper().parse(new File(basedir, 'target/shutdown-check.sarif')).runs[0].results
assert !results.isEmpty()
assert results.every { it.fixes == null } : results.findAll { it.fixes != null }*.ruleId
assert results.size() == expected.size() - fixedLines.size() : "${results.size()} left of ${expected.size()}"

// Run 3 changed nothing.
assert build.contains('shutdown-check: no suggested fix to apply in fix-goal')

// The original sample service is untouched.
assert !new File(original, 'com/example/summarizer/LlmClient.java').text.contains('connectTimeout(')
true
