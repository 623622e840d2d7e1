import groovy.json.JsonSlurper

def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
def sources = new File(basedir.parentFile, '../../../test-fixtures/broken/src/main/java').canonicalFile
def expected = lib.expected(sources)

def baseline = new JsonSlurper().parse(new File(basedir, 'shutdown-check-baseline.json'))
assert baseline.findings.size() == expected.size()

// Run 2: every finding is in the baseline, reported as unchanged, and the build passed.
def accepted = new JsonSlurper().parse(new File(basedir, 'target/accepted.sarif')).runs[0].results
assert accepted.size() == expected.size()
assert accepted*.baselineState.unique() == ['unchanged']

// Run 3: the same, plus one new finding, which failed the build.
def withNew = new JsonSlurper().parse(new File(basedir, 'target/new.sarif')).runs[0].results
assert withNew.size() == expected.size() + 1
def fresh = withNew.findAll { it.baselineState == 'new' }
assert fresh.size() == 1
assert fresh[0].locations[0].physicalLocation.artifactLocation.uri.endsWith('src/extra/java/extra/Reaper.java')

def build = new File(basedir, 'build.log').text
assert build.contains('(in baseline)')
assert build.contains('shutdown-check: 1 finding at WARNING or above')
true
