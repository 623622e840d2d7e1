// Make the IT project its own repository root, as a checkout on GitHub would be.
new File(basedir, '.git').mkdirs()
true
