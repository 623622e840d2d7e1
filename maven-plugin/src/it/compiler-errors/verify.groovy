def build = new File(basedir, 'build.log').text
// 1. Not "the checker is missing from the processor path": nothing was compiled.
assert build.contains('nothing is compiled yet') && build.contains("'mvn compile shutdown-check:check'")
assert !build.contains('so the compilation did not run the checker')
// 2. One plain error that names the misspelled key, not a rule's finding on some file.
assert build.contains('shutdown-check is misconfigured: -XepOpt:ShutdownCheck:ShutdownMethodz is not a shutdown-check option')
assert !(build =~ /\[(?!ERROR\]|WARNING\]|INFO\])[A-Za-z]+\] shutdown-check is misconfigured/) : 'reported as a finding of a rule'
true
