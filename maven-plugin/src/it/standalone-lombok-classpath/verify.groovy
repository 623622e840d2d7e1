def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
lib.checkLombok(basedir)
