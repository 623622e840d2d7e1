import groovy.json.JsonSlurper

def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
def sources = new File(basedir.parentFile, '../../../test-fixtures/broken/src/main/java').canonicalFile
def expected = lib.expected(sources)

def baseline = new JsonSlurper().parse(new File(basedir, 'shutdown-check-baseline.json'))
assert baseline.findings.size() == expected.size()

// Run 2: every finding is in the baseline, reported as unchanged and suppressed (code scanning
// raises no alert for it), and the build passed.
def accepted = new JsonSlurper().parse(new File(basedir, 'target/accepted.sarif')).runs[0].results
assert accepted.size() == expected.size()
assert accepted*.baselineState.unique() == ['unchanged']
assert accepted.every { it.suppressions?.size() == 1 && it.suppressions[0].kind == 'external' }

// Run 3: the same, plus one new finding, which failed the build.
def withNew = new JsonSlurper().parse(new File(basedir, 'target/new.sarif')).runs[0].results
assert withNew.size() == expected.size() + 1
def fresh = withNew.findAll { it.baselineState == 'new' }
assert fresh.size() == 1
assert fresh[0].locations[0].physicalLocation.artifactLocation.uri.endsWith('src/extra/java/extra/Reaper.java')
assert fresh[0].suppressions == null

// The baselined findings are one count line, not reprinted; the failure names the new finding.
def build = new File(basedir, 'build.log').text
assert build.contains("shutdown-check: ${expected.size()} findings in the baseline, not shown")
assert !build.contains('(in baseline)')
def line = fresh[0].locations[0].physicalLocation.region.startLine
assert build =~ /shutdown-check: 1 finding at WARNING or above \([A-Za-z]+: 1\):/
assert build =~ /(?m)^\[ERROR\]   src\/extra\/java\/extra\/Reaper\.java:${line}:\d+: \[/
true
