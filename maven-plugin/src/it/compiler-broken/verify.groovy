def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
lib.checkBroken(basedir, 'compiler')
def standalone = new File(basedir, 'sarif/standalone.sarif').bytes
def compiler = new File(basedir, 'target/shutdown-check.sarif').bytes
assert standalone == compiler : 'compiler and standalone mode must write the same SARIF'
true
