def build = new File(basedir, 'build.log').text
['shutdown-check:check', 'shutdown-check:baseline', 'shutdown-check:fix', 'shutdown-check:help',
 'failOnSeverity', 'baselineFile', 'excludes'].each { assert build.contains(it) : "help does not mention ${it}" }
true
